import 'reflect-metadata';
import { createServiceApp, listenServiceApp } from '@deskflow/http';
import { rootLogger } from '@deskflow/observability';
import { DEFAULT_PORT, serviceAppOptions } from './service.config';

async function main(): Promise<void> {
  process.env.SERVICE_NAME ??= 'sla';
  const app = await createServiceApp(serviceAppOptions);

  // createServiceApp has applied the pending migrations; a migration Job or container stops here.
  if (process.env.MIGRATE_ONLY === '1') {
    await app.close();
    rootLogger().info('migrations applied, exiting because MIGRATE_ONLY=1');
    return;
  }

  await listenServiceApp(app, DEFAULT_PORT);
}

main().catch((error: unknown) => {
  rootLogger().fatal({ err: error }, 'sla service failed to start');
  process.exit(1);
});
