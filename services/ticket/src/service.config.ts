import { Topics } from '@deskflow/contracts';
import { ServiceAppOptions } from '@deskflow/http';
import { AppModule } from './app.module';
import openApiMetadata from './openapi-metadata';
import { SCHEMA } from './database/schema';

export { SCHEMA };
export const DEFAULT_PORT = 3001;

/**
 * Request body limit: large enough for a JSON article whose attachments reach the total
 * attachment limit in base64 (4 bytes per 3), plus 1 MiB for the rest of the body.
 */
function bodyLimitBytes(): number {
  const attachmentsTotal = Number(process.env.ATTACHMENTS_MAX_TOTAL_BYTES ?? 25 * 1024 * 1024);

  return Number(
    process.env.HTTP_BODY_LIMIT_BYTES ?? Math.ceil((attachmentsTotal * 4) / 3) + 1024 * 1024,
  );
}

export const serviceAppOptions: ServiceAppOptions = {
  name: 'ticket',
  module: AppModule,
  openApiMetadata,
  description: 'Tickets, articles, people, access control, portal and channels',
  bodyLimitBytes: bodyLimitBytes(),
  consumer: { groupId: 'ticket-service', topics: [Topics.sla], schema: SCHEMA },
};
