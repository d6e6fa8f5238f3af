/**
 * Runs the ticket service for the benchmark in a process of its own, as it runs in production,
 * so that the benchmark's HTTP client does not spend its CPU time in the service's event loop.
 * Boots the service on a fresh database and topic prefix, reports its URL and database URL to
 * the parent process, and closes everything when the parent sends `stop` or goes away.
 */
import { startServiceHarness } from '@deskflow/testing';
import { serviceAppOptions } from '../../services/ticket/src/service.config';

/** What the service process reports once it listens. */
export interface ServiceReady {
  url: string;
  databaseUrl: string;
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const harness = await startServiceHarness(serviceAppOptions);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= harness.close().then(() => process.exit(0));

    return closing;
  };
  process.on('message', (message) => {
    if (message === 'stop') void close();
  });
  process.on('disconnect', () => void close());
  const ready: ServiceReady = { url: harness.url, databaseUrl: harness.db.url };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
