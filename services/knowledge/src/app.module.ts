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
    PersistenceModule.forService({ schema: 'knowledge', entities: [], migrations }),
    MessagingModule.forService({
      clientId: 'knowledge-service',
      schema: 'knowledge',
      source: 'deskflow/knowledge',
      topic: Topics.knowledge,
    }),
    AuthModule.forRoot(),
  ],
})
export class AppModule {}
