import { Topics } from '@deskflow/contracts';
import { ServiceAppOptions } from '@deskflow/http';
import { AppModule } from './app.module';
import openApiMetadata from './openapi-metadata';
import { SCHEMA } from './database/schema';

export { SCHEMA };
export const DEFAULT_PORT = 3003;

export const serviceAppOptions: ServiceAppOptions = {
  name: 'notification',
  module: AppModule,
  openApiMetadata,
  description: 'Notification rules, templates, email, webhooks and the in-app inbox',
  consumer: {
    groupId: 'notification-service',
    topics: [Topics.ticket, Topics.sla, Topics.knowledge],
    schema: SCHEMA,
  },
};
