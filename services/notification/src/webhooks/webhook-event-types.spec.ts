import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { DirectoryEventsHandler } from '../directory/directory-events.handler';
import { KnowledgeEventsHandler } from '../dispatch/knowledge-events.handler';
import { SlaEventsHandler } from '../dispatch/sla-events.handler';
import { TicketEventsHandler } from '../dispatch/ticket-events.handler';
import { isKnownEventFilter, WEBHOOK_EVENT_TYPES } from './webhook-event-types';

/** Collects the event types that the service's Kafka handlers subscribe to. */
function handledTypes(): string[] {
  const handlers = [
    TicketEventsHandler,
    SlaEventsHandler,
    KnowledgeEventsHandler,
    DirectoryEventsHandler,
  ];

  return handlers.flatMap((handler) =>
    Object.getOwnPropertyNames(handler.prototype).flatMap((name) => {
      const method: unknown = Object.getOwnPropertyDescriptor(handler.prototype, name)?.value;
      if (typeof method !== 'function') return [];
      const patterns: unknown = Reflect.getMetadata(PATTERN_METADATA, method);

      return Array.isArray(patterns) ? patterns.map(String) : [];
    }),
  );
}

describe('WEBHOOK_EVENT_TYPES', () => {
  it('equals the types the handlers consume', () => {
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual(handledTypes().sort());
  });
});

describe('isKnownEventFilter', () => {
  it.each([
    ['*', true],
    ['ticket.*', true],
    ['knowledge.*', true],
    ['sla.breached', true],
    ['ticket.exploded', false],
    ['billing.*', false],
    ['notification.*', false],
    ['tick.*', false],
  ])('judges %s', (filter, known) => {
    expect(isKnownEventFilter(filter)).toBe(known);
  });
});
