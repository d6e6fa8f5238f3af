import { messagingTablesMigration } from '@deskflow/messaging';
import { SCHEMA } from '../schema';
import { PeopleAndAccess1764800001000 } from './1764800001000-people-and-access';

/** Every migration of the service, in the order they run. */
export const migrations = [messagingTablesMigration(SCHEMA, 1764800000000), PeopleAndAccess1764800001000];
