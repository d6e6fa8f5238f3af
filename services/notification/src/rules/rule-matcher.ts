import { NotificationEvent } from '../dispatch/notification-event';
import { RuleConditions } from './notification-rule.entity';

function allows(list: string[] | undefined, value: string | undefined | null): boolean {
  if (!list || list.length === 0) return true;

  return value !== undefined && value !== null && list.includes(value);
}

/** True when every condition the rule sets holds for the event. */
export function matchesConditions(conditions: RuleConditions, event: NotificationEvent): boolean {
  const ticket = event.ticket;
  const article = event.article ?? null;
  if (!allows(conditions.priorities, ticket?.priority)) return false;
  if (!allows(conditions.queueIds, ticket?.queueId)) return false;
  if (!allows(conditions.senderTypes, article?.senderType)) return false;
  if (!allows(conditions.visibilities, article?.visibility)) return false;
  if (!allows(conditions.articleKinds, article ? (article.kind ?? 'message') : null)) return false;
  if (!allows(conditions.toStateTypes, event.toStateType)) return false;
  if (!allows(conditions.clockKinds, event.clockKind)) return false;
  if (conditions.unassigned === true && ticket?.owner) return false;

  return true;
}
