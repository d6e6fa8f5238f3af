import { Topics } from '@deskflow/contracts';
import { ServiceAppOptions } from '@deskflow/http';
import { AppModule } from './app.module';
import { attachmentLimits } from './articles/attachment-content';
import openApiMetadata from './openapi-metadata';
import { SCHEMA } from './database/schema';

export { SCHEMA };
export const DEFAULT_PORT = 3001;

export const serviceAppOptions: ServiceAppOptions = {
  name: 'ticket',
  module: AppModule,
  openApiMetadata,
  description: 'Tickets, articles, people, access control, portal and channels',
  // A JSON article carries its attachments as base64. The attachment limits apply to those, and
  // HTTP_BODY_LIMIT_BYTES to the rest of the body.
  base64Content: { field: 'contentBase64', maxBytes: attachmentLimits().maxTotalBytes },
  consumer: { groupId: 'ticket-service', topics: [Topics.sla], schema: SCHEMA },
};
