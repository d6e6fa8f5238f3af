import { EventDefinition } from './envelope/event-definition';
import { KnowledgeEvents } from './knowledge/knowledge-events';
import { NotificationEvents } from './notification/notification-events';
import { SlaEvents } from './sla/sla-events';
import { DirectoryEvents } from './ticket/directory-events';
import { TicketEvents } from './ticket/ticket-events';

const ALL_DEFINITIONS: EventDefinition[] = [
  ...Object.values(TicketEvents),
  ...Object.values(DirectoryEvents),
  ...Object.values(SlaEvents),
  ...Object.values(NotificationEvents),
  ...Object.values(KnowledgeEvents),
];

const BY_TYPE = new Map(ALL_DEFINITIONS.map((definition) => [definition.type, definition]));

/** Looks up the contract of an event type; undefined for types this build does not know. */
export function findEventDefinition(type: string): EventDefinition | undefined {
  return BY_TYPE.get(type);
}

export function allEventDefinitions(): readonly EventDefinition[] {
  return ALL_DEFINITIONS;
}
