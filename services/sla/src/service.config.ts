import { Topics } from '@deskflow/contracts';
import { ServiceAppOptions } from '@deskflow/http';
import { AppModule } from './app.module';
import openApiMetadata from './openapi-metadata';
import { SCHEMA } from './database/schema';

export { SCHEMA };
export const DEFAULT_PORT = 3002;

export const serviceAppOptions: ServiceAppOptions = {
  name: 'sla',
  module: AppModule,
  openApiMetadata,
  description: 'Business calendars, SLA policies and per-ticket SLA clocks',
  consumer: { groupId: 'sla-service', topics: [Topics.ticket], schema: SCHEMA },
};
