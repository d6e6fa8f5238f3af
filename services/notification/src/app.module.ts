import { Module } from '@nestjs/common';
import { Topics } from '@deskflow/contracts';
import { AuthModule } from '@deskflow/auth';
import { MessagingModule } from '@deskflow/messaging';
import { ObservabilityModule } from '@deskflow/observability';
import { PersistenceModule } from '@deskflow/persistence';
import { migrations } from './database/migrations';

@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({ schema: 'notification', entities: [], migrations }),
    MessagingModule.forService({
      clientId: 'notification-service',
      schema: 'notification',
      source: 'deskflow/notification',
      topic: Topics.notification,
    }),
    AuthModule.forRoot(),
  ],
})
export class AppModule {}
