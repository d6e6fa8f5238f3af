import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { LINK_TYPES, LinkType } from '@deskflow/contracts';

const TICKET_REF = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,32})$/i;
const TICKET_REF_MESSAGE = '$property must be a ticket UUID or ticket number';

export class CreateLinkDto {
  /** The other ticket, by UUID or number. For `parent_child` it is the child, for `duplicate` the original. */
  @Matches(TICKET_REF, { message: TICKET_REF_MESSAGE })
  targetTicketId!: string;

  @IsIn(LINK_TYPES)
  linkType!: LinkType;
}

export class MergeTicketDto {
  /** The ticket that receives the articles, by UUID or number. */
  @Matches(TICKET_REF, { message: TICKET_REF_MESSAGE })
  targetTicketId!: string;
}

export class SplitArticleDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  title?: string;

  @IsOptional()
  @IsUUID()
  queueId?: string;
}
