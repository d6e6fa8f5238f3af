import { Topics } from '@deskflow/contracts';
import { ServiceAppOptions } from '@deskflow/http';
import { AppModule } from './app.module';
import { SCHEMA } from './database/schema';

export { SCHEMA };
export const DEFAULT_PORT = 3001;

export const serviceAppOptions: ServiceAppOptions = {
  name: 'ticket',
  module: AppModule,
  description: 'Tickets, articles, people, access control, portal and channels',
  consumer: { groupId: 'ticket-service', topics: [Topics.sla], schema: SCHEMA },
};
