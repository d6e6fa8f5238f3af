import { Module } from '@nestjs/common';
import { Topics } from '@deskflow/contracts';
import { AuthModule } from '@deskflow/auth';
import { MessagingModule } from '@deskflow/messaging';
import { ObservabilityModule } from '@deskflow/observability';
import { PersistenceModule } from '@deskflow/persistence';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DigestsModule } from './digests/digests.module';
import { DispatchModule } from './dispatch/dispatch.module';
import { InboxModule } from './inbox/inbox.module';
import { PreferencesModule } from './preferences/preferences.module';
import { RulesModule } from './rules/rules.module';
import { SettingsModule } from './settings/settings.module';
import { TemplatesModule } from './templates/templates.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({ schema: 'notification', entities, migrations }),
    MessagingModule.forService({
      clientId: 'notification-service',
      schema: 'notification',
      source: 'deskflow/notification',
      topic: Topics.notification,
    }),
    AuthModule.forRoot(),
    SettingsModule,
    RulesModule,
    TemplatesModule,
    PreferencesModule,
    WebhooksModule,
    InboxModule,
    DigestsModule,
    DeliveriesModule,
    DispatchModule,
  ],
})
export class AppModule {}
