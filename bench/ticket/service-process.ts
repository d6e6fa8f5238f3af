/**
 * Runs the ticket service for the benchmark in a process of its own, as it runs in production,
 * so that the benchmark's HTTP client does not spend its CPU time in the service's event loop.
 * Boots the service on a fresh database and topic prefix, reports its URL and database URL to
 * the parent process, answers `cpu` with the CPU time it has used, and closes everything when
 * the parent sends `stop` or goes away.
 */
import { startServiceHarness } from '@deskflow/testing';
import { serviceAppOptions } from '../../services/ticket/src/service.config';
import { ownCpuMs } from './cpu-time';

/** The messages the service process sends to the benchmark. */
export type ServiceMessage =
  | { type: 'ready'; url: string; databaseUrl: string }
  | { type: 'cpu'; ms: number };

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const harness = await startServiceHarness(serviceAppOptions);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= harness.close().then(() => process.exit(0));

    return closing;
  };
  const send = (message: ServiceMessage) => process.send?.(message);
  process.on('message', (message) => {
    if (message === 'stop') void close();
    if (message === 'cpu') send({ type: 'cpu', ms: ownCpuMs() });
  });
  process.on('disconnect', () => void close());
  send({ type: 'ready', url: harness.url, databaseUrl: harness.db.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
