import type { Channel, TicketPriority, TicketType } from '@deskflow/contracts';
import type { ImpactLevel } from '../tickets/priority-matrix';

export const RULE_TRIGGERS = ['create', 'update'] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

export const RULE_MATCH_MODES = ['all', 'any'] as const;
export type RuleMatchMode = (typeof RULE_MATCH_MODES)[number];

/** Ticket properties a condition can test. `text` is the subject and the body together. */
export const CONDITION_FIELDS = [
  'subject',
  'body',
  'text',
  'channel',
  'customerId',
  'organisationId',
  'organisationTier',
  'queueId',
  'type',
  'priority',
  'tags',
  'customField',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const CONDITION_OPERATORS = [
  'contains_any',
  'contains_all',
  'contains_none',
  'matches',
  'not_matches',
  'in',
  'not_in',
  'exists',
  'not_exists',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Operators each kind of field accepts; the DTO check and the evaluator share this table. */
export const OPERATORS_BY_FIELD: Readonly<Record<ConditionField, readonly ConditionOperator[]>> = {
  subject: ['contains_any', 'contains_all', 'contains_none', 'matches', 'not_matches'],
  body: ['contains_any', 'contains_all', 'contains_none', 'matches', 'not_matches'],
  text: ['contains_any', 'contains_all', 'contains_none', 'matches', 'not_matches'],
  channel: ['in', 'not_in'],
  customerId: ['in', 'not_in'],
  organisationId: ['in', 'not_in', 'exists', 'not_exists'],
  organisationTier: ['in', 'not_in'],
  queueId: ['in', 'not_in'],
  type: ['in', 'not_in'],
  priority: ['in', 'not_in'],
  tags: ['contains_any', 'contains_all', 'contains_none'],
  customField: [
    'in',
    'not_in',
    'contains_any',
    'contains_none',
    'matches',
    'not_matches',
    'exists',
    'not_exists',
  ],
};

/**
 * One test on a ticket. Keyword operators compare case-insensitively as substrings, so a
 * keyword also finds German compounds; `matches` passes when any of the patterns matches.
 */
export interface RuleCondition {
  field: ConditionField;
  operator: ConditionOperator;
  values: string[];
  /** The custom field key; only with `field: 'customField'`. */
  key?: string;
  /** Flags of `matches` patterns, from `i`, `m`, `s` and `u`. */
  flags?: string;
}

/** Changes a rule makes to a ticket. Absent keys leave the ticket as it is. */
export interface RuleActions {
  impact?: ImpactLevel;
  urgency?: ImpactLevel;
  priority?: TicketPriority;
  queueId?: string;
  type?: TicketType;
  addTags?: string[];
  removeTags?: string[];
  ownerId?: string;
  internalNote?: string;
}

/** A rule as the evaluator needs it. */
export interface RuleDefinition {
  id: string;
  name: string;
  triggers: RuleTrigger[];
  match: RuleMatchMode;
  conditions: RuleCondition[];
  actions: RuleActions;
  /** When true, no later rule runs after this one fired. */
  stopProcessing: boolean;
}

/** The ticket, or a draft of one, as rules see it. */
export interface RuleSubject {
  subject: string;
  body: string;
  channel: Channel;
  customerId: string | null;
  organisationId: string | null;
  organisationTier: string | null;
  queueId: string | null;
  type: TicketType;
  priority: TicketPriority;
  /** False while the priority follows impact x urgency. */
  priorityExplicit: boolean;
  impact: ImpactLevel | null;
  urgency: ImpactLevel | null;
  ownerId: string | null;
  tags: string[];
  customFields: Record<string, string | number | boolean>;
}

/** Builds a rule subject for a draft ticket: an incident at P3 by email, with nothing else set. */
export function draftRuleSubject(fields: Partial<RuleSubject>): RuleSubject {
  return {
    subject: '',
    body: '',
    channel: 'email',
    customerId: null,
    organisationId: null,
    organisationTier: null,
    queueId: null,
    type: 'incident',
    priority: 'P3',
    priorityExplicit: false,
    impact: null,
    urgency: null,
    ownerId: null,
    tags: [],
    customFields: {},
    ...fields,
  };
}
