import { messagingTablesMigration, outboxParkingMigration } from '@deskflow/messaging';
import { SCHEMA } from '../schema';
import { SlaTables1764900000000 } from './1764900000000-sla-tables';
import { TicketLastResponse1764900100000 } from './1764900100000-ticket-last-response';

/** Every migration of the service, in the order they run. */
export const migrations = [
  messagingTablesMigration(SCHEMA, 1764800000000),
  SlaTables1764900000000,
  TicketLastResponse1764900100000,
  outboxParkingMigration(SCHEMA, 1765000000000),
];
