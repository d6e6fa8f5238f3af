// Runs the ticket service for the benchmark in a process of its own, from the compiled output
// (`npm run build`) and without a TypeScript loader, as it runs in production, so that the
// benchmark's HTTP client does not spend its CPU time in the service's event loop. Boots the
// service on a fresh database and topic prefix, reports its URL and database URL to the parent
// process, answers `cpu` with the CPU time it has used, and closes everything when the parent
// sends `stop` or goes away.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startServiceHarness } = require('@deskflow/testing');
const { serviceAppOptions } = require('@deskflow/ticket-service/dist/service.config');

process.env.LOG_LEVEL ??= 'warn';
const harness = await startServiceHarness(serviceAppOptions);
let closing;
const close = () => (closing ??= harness.close().then(() => process.exit(0)));
process.on('message', (message) => {
  if (message === 'stop') void close();
  if (message === 'cpu') {
    const usage = process.cpuUsage();
    process.send({ type: 'cpu', ms: (usage.user + usage.system) / 1000 });
  }
});
process.on('disconnect', () => void close());
process.send({ type: 'ready', url: harness.url, databaseUrl: harness.db.url });
