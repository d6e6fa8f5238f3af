import { Module } from '@nestjs/common';
import { Topics } from '@deskflow/contracts';
import { AuthModule } from '@deskflow/auth';
import { MessagingModule } from '@deskflow/messaging';
import { ObservabilityModule } from '@deskflow/observability';
import { PersistenceModule } from '@deskflow/persistence';
import { ArticlesModule } from './articles/articles.module';
import { AssignmentModule } from './assignment/assignment.module';
import { AutomationModule } from './automation/automation.module';
import { ApiKeysModule } from './auth/api-keys.module';
import { ChannelsModule } from './channels/channels.module';
import { ApiKeysService } from './auth/api-keys.service';
import { LoginModule } from './auth/login.module';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { LinksModule } from './links/links.module';
import { PeopleModule } from './people/people.module';
import { PortalModule } from './portal/portal.module';
import { QueuesModule } from './queues/queues.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { SlaProjectionModule } from './sla-projection/sla-projection.module';
import { TicketsModule } from './tickets/tickets.module';

@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({ schema: 'ticket', entities, migrations }),
    MessagingModule.forService({
      clientId: 'ticket-service',
      schema: 'ticket',
      source: 'deskflow/ticket',
      topic: Topics.ticket,
    }),
    AuthModule.forRoot({ imports: [ApiKeysModule], apiKeyResolver: ApiKeysService }),
    ApiKeysModule,
    LoginModule,
    PeopleModule,
    QueuesModule,
    TicketsModule,
    ArticlesModule,
    AutomationModule,
    AssignmentModule,
    PortalModule,
    RemindersModule,
    ReportsModule,
    LinksModule,
    SlaProjectionModule,
    ChannelsModule,
  ],
})
export class AppModule {}
