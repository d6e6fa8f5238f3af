import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/deskflow';

export interface ServiceDatabaseConfig {
  /** The Postgres schema the service owns, e.g. `ticket`. */
  schema: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  url?: string;
  poolSize?: number;
}

/** Builds TypeORM options for one service: its own schema, snake_case names, no synchronize. */
export function serviceDataSourceOptions(config: ServiceDatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    schema: config.schema,
    entities: config.entities,
    migrations: config.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: config.poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 5000,
      application_name: `deskflow-${config.schema}`,
    },
  };
}
