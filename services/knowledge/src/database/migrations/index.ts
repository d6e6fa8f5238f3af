import { messagingTablesMigration } from '@deskflow/messaging';
import { SCHEMA } from '../schema';

/** Every migration of the service, in the order they run. */
export const migrations = [messagingTablesMigration(SCHEMA, 1764800000000)];
