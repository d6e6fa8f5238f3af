import { DynamicModule, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@deskflow/observability';
import { serviceDataSourceOptions, ServiceDatabaseConfig } from './database-config';
import { runServiceMigrations } from './migrate';

@Injectable()
class PostgresHealth implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.health.register('postgres', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

/**
 * Connects a service to its schema. Migrations run while the module initialises, so the HTTP
 * server and the consumers start only on a migrated schema.
 */
@Module({})
export class PersistenceModule {
  static forService(config: ServiceDatabaseConfig): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions(config),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runServiceMigrations(dataSource, config.schema);

            return dataSource;
          },
        }),
      ],
      providers: [PostgresHealth],
      exports: [TypeOrmModule],
    };
  }
}
