import { messagingTablesMigration, outboxParkingMigration } from '@deskflow/messaging';
import { SCHEMA } from '../schema';
import { NotificationTables1764800100000 } from './1764800100000-notification-tables';
import { SeedDefaults1764800200000 } from './1764800200000-seed-defaults';

/** Every migration of the service, in the order they run. */
export const migrations = [
  messagingTablesMigration(SCHEMA, 1764800000000),
  NotificationTables1764800100000,
  SeedDefaults1764800200000,
  outboxParkingMigration(SCHEMA, 1765000000000),
];
