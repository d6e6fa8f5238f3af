import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@deskflow/observability';
import { createKafka } from './kafka/kafka-config';
import { Outbox, OutboxConfig } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

export const KAFKA = Symbol('KAFKA');
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');

export interface MessagingModuleOptions extends OutboxConfig {
  clientId: string;
  /** Starts the relay with the application; tests may drive it by hand instead. */
  runRelay?: boolean;
}

/** Registers the Kafka readiness check and starts and stops the relay with the application. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly health: HealthRegistry,
    @Inject('MESSAGING_OPTIONS') private readonly options: MessagingModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.health.register('kafka', async () => {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      // listTopics makes a metadata request; describeCluster may answer from the cache.
      await this.admin.listTopics();
    });
    if (this.options.runRelay !== false) {
      this.relay.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.health.markShuttingDown();
    await this.relay.stop();
    await this.admin?.disconnect();
  }
}

@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: 'MESSAGING_OPTIONS', useValue: options },
        { provide: KAFKA, useFactory: () => createKafka(options.clientId) },
        { provide: Outbox, useValue: new Outbox(options) },
        {
          provide: OUTBOX_RELAY,
          inject: [KAFKA, getDataSourceToken(), Outbox],
          useFactory: (kafka: Kafka, dataSource: DataSource, outbox: Outbox) => {
            const url = (dataSource.options as { url?: string }).url;
            const relay = new OutboxRelay(kafka, { schema: options.schema, databaseUrl: url! });
            outbox.useLocalRelay(relay);

            return relay;
          },
        },
        MessagingLifecycle,
      ],
      exports: [KAFKA, Outbox, OUTBOX_RELAY],
    };
  }
}
