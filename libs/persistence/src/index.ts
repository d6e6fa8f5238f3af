export * from './snake-naming.strategy';
export * from './database-config';
export * from './migrate';
export * from './ensure-database';
export * from './persistence.module';
export * from './sql-params';
