import { Transform, Type } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { TICKET_PRIORITIES, TICKET_STATE_TYPES } from '@deskflow/contracts';
import { STATE_NAMES } from '../ticket-states';

export const SORT_KEYS = ['priority', 'created', 'updated', 'slaDue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const SORTS = SORT_KEYS.flatMap((key) => [key, `-${key}`]);

/** Accepts `a,b` as well as a repeated parameter. */
const commaList = () =>
  Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((item) => String(item).split(','))
      .map((item) => item.trim()),
  );

export class ListTicketsQuery {
  @IsOptional()
  @commaList()
  @IsIn(STATE_NAMES, { each: true })
  state?: string[];

  @IsOptional()
  @commaList()
  @IsIn(TICKET_STATE_TYPES, { each: true })
  stateType?: string[];

  @IsOptional()
  @IsUUID()
  queueId?: string;

  @IsOptional()
  @commaList()
  @IsIn(TICKET_PRIORITIES, { each: true })
  priority?: string[];

  /** An agent id, or `none` for unassigned tickets. */
  @IsOptional()
  @Matches(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|none)$/i, {
    message: 'ownerId must be an agent UUID or none',
  })
  ownerId?: string;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  tag?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  updatedFrom?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  updatedTo?: string;

  /** `true` lists tickets with a breached SLA clock that is still open. */
  @IsOptional()
  @IsBooleanString()
  escalated?: string;

  /** Full text over titles and articles (German and English stemming) and the ticket number. */
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(500)
  q?: string;

  /** `priority` (P1 first), `created`, `updated` or `slaDue` (nearest first); `-` reverses. */
  @IsOptional()
  @IsIn(SORTS)
  sort?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}
