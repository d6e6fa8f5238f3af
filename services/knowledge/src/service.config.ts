import { ServiceAppOptions } from '@deskflow/http';
import { AppModule } from './app.module';
import { SCHEMA } from './database/schema';

export { SCHEMA };
export const DEFAULT_PORT = 3004;

export const serviceAppOptions: ServiceAppOptions = {
  name: 'knowledge',
  module: AppModule,
  description: 'Knowledge-base articles, search and suggestions',

};
