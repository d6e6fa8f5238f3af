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
    PersistenceModule.forService({ schema: 'sla', entities: [], migrations }),
    MessagingModule.forService({
      clientId: 'sla-service',
      schema: 'sla',
      source: 'deskflow/sla',
      topic: Topics.sla,
    }),
    AuthModule.forRoot(),
  ],
})
export class AppModule {}
