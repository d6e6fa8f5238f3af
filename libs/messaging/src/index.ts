export * from './kafka/kafka-config';
export * from './outbox/outbox';
export * from './outbox/outbox-relay';
export * from './outbox/messaging-tables.migration';
export * from './consumer/event-context';
export * from './consumer/kafka-event.server';
export * from './messaging.module';
