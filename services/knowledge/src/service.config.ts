import { ServiceAppOptions } from '@deskflow/http';
import { AppModule } from './app.module';
import openApiMetadata from './openapi-metadata';
import { SCHEMA } from './database/schema';

export { SCHEMA };
export const DEFAULT_PORT = 3004;

export const serviceAppOptions: ServiceAppOptions = {
  name: 'knowledge',
  module: AppModule,
  openApiMetadata,
  description: 'Knowledge-base articles, search and suggestions',
  // Article bodies may hold up to 4,000,000 characters of Markdown, and imports send several
  // files per request. HTTP_BODY_LIMIT_BYTES still overrides this.
  bodyLimitBytes: Number(process.env.HTTP_BODY_LIMIT_BYTES ?? 16 * 1_048_576),
};
