import { ValidateBy } from 'class-validator';
import { allEventDefinitions } from '@deskflow/contracts';

/**
 * Event types that webhooks can receive: every type of the ticket, SLA and knowledge topics
 * that this service consumes. Its own `notification.*` events are published, not consumed, so
 * no subscription would ever receive them.
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = allEventDefinitions()
  .map((definition) => definition.type)
  .filter((type) => !type.startsWith('notification.'));

/** Returns whether a filter (`*`, a prefix such as `ticket.*`, or a type) can match any type. */
export function isKnownEventFilter(filter: string): boolean {
  if (filter === '*') return true;
  if (filter.endsWith('.*')) {
    const prefix = filter.slice(0, -1);

    return WEBHOOK_EVENT_TYPES.some((type) => type.startsWith(prefix));
  }

  return WEBHOOK_EVENT_TYPES.includes(filter);
}

function unknownFilters(value: unknown): string[] {
  if (!Array.isArray(value)) return [];

  return value.filter((filter) => typeof filter === 'string' && !isKnownEventFilter(filter));
}

/** Rejects event filters that match no event type a webhook can receive, and lists them. */
export function IsKnownEventFilterList(): PropertyDecorator {
  return ValidateBy({
    name: 'isKnownEventFilterList',
    validator: {
      validate: (value: unknown) => unknownFilters(value).length === 0,
      defaultMessage: (args) =>
        `$property contains unknown event types: ${unknownFilters(args?.value).join(', ')}; known types are ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    },
  });
}
