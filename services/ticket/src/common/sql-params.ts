export { SqlParams } from '@deskflow/persistence';
