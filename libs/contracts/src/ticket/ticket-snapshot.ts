import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import {
  ARTICLE_KINDS,
  ARTICLE_VISIBILITIES,
  ArticleKind,
  ArticleVisibility,
  CHANNELS,
  Channel,
  SENDER_TYPES,
  SenderType,
  TICKET_PRIORITIES,
  TICKET_STATE_TYPES,
  TICKET_TYPES,
  TicketPriority,
  TicketStateType,
  TicketType,
} from './ticket-vocabulary';

/** A person as events carry them, so that consumers can address them without a lookup. */
export class PersonRef {
  @IsUUID()
  id!: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsString()
  name?: string;

  /** Preferred language, `en` or `de`. */
  @IsOptional()
  @IsString()
  language?: string;
}

/** The state of a ticket that consumers need, carried in every ticket event. */
export class TicketSnapshot {
  @IsUUID()
  id!: string;

  @IsString()
  number!: string;

  @IsString()
  title!: string;

  @IsString()
  state!: string;

  @IsIn(TICKET_STATE_TYPES)
  stateType!: TicketStateType;

  @IsIn(TICKET_PRIORITIES)
  priority!: TicketPriority;

  @IsIn(TICKET_TYPES)
  type!: TicketType;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsUUID()
  queueId!: string;

  @IsString()
  queueName!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => PersonRef)
  owner?: PersonRef | null;

  @IsDefined()
  @ValidateNested()
  @Type(() => PersonRef)
  customer!: PersonRef;

  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @IsOptional()
  @IsString()
  organisationTier?: string | null;

  @IsArray()
  @IsString({ each: true })
  tags!: string[];

  @IsArray()
  @IsUUID('all', { each: true })
  watcherIds!: string[];

  @IsISO8601()
  createdAt!: string;

  @IsISO8601()
  updatedAt!: string;

  @IsOptional()
  @IsISO8601()
  firstResponseAt?: string | null;

  @IsOptional()
  @IsISO8601()
  resolvedAt?: string | null;

  /** The latest resolution; `resolvedAt` keeps the first one. */
  @IsOptional()
  @IsISO8601()
  lastResolvedAt?: string | null;

  @IsOptional()
  @IsISO8601()
  closedAt?: string | null;

  @IsOptional()
  @IsISO8601()
  pendingUntil?: string | null;

  @IsOptional()
  @IsUUID()
  mergedIntoId?: string | null;
}

/** An article as events carry it. */
export class ArticleSnapshot {
  @IsUUID()
  id!: string;

  @IsIn(SENDER_TYPES)
  senderType!: SenderType;

  @IsIn(ARTICLE_VISIBILITIES)
  visibility!: ArticleVisibility;

  /** The channel the article came in or went out on; internal notes carry the ticket's channel. */
  @IsIn(CHANNELS)
  channel!: Channel;

  /** `note` for agent notes, `message` (or absent) for messages to or from the customer. */
  @IsOptional()
  @IsIn(ARTICLE_KINDS)
  kind?: ArticleKind;

  /** True for automatic messages (acknowledgements, auto-replies), which never count as a response. */
  @IsBoolean()
  automatic!: boolean;

  /** True for mail from a sender who is neither the ticket's customer, a participant nor an agent. */
  @IsOptional()
  @IsBoolean()
  thirdParty?: boolean;

  @IsOptional()
  @IsUUID()
  authorId?: string | null;

  @IsOptional()
  @IsString()
  fromAddress?: string | null;

  /** Cut, like `fromAddress`, to `EVENT_TEXT_LIMITS.lineBytes` bytes of UTF-8. */
  @IsOptional()
  @IsString()
  subject?: string | null;

  /**
   * The article's text, cut to `EVENT_TEXT_LIMITS.bodyBytes` bytes of UTF-8 (256 KiB). The
   * ticket service keeps the whole text.
   */
  @IsString()
  bodyText!: string;

  /** True when `bodyText` is cut; read the article from the ticket API for the rest. */
  @IsOptional()
  @IsBoolean()
  bodyTruncated?: boolean;

  @IsOptional()
  @IsString()
  messageId?: string | null;

  @IsOptional()
  @IsString()
  inReplyTo?: string | null;

  /** At most `EVENT_TEXT_LIMITS.references` ids: the thread's root and the latest ones. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  references?: string[];

  @IsISO8601()
  createdAt!: string;
}
