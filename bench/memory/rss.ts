/**
 * Resident memory (VmRSS from /proc/<pid>/status) of each service, idle and under load. Boots
 * the four services from their build output on fresh databases and a fresh topic prefix,
 * samples them idle, then samples every second while tickets are created at a constant rate
 * and keeps each service's peak. Prints one line per service and the figures last.
 *
 * Settings: BENCH_RATE (tickets per second, 10), BENCH_SECONDS (60), BENCH_IDLE_SECONDS (15).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DeskClient } from '../../scripts/demo/api/desk-client';
import { SmtpCapture } from '../../scripts/demo/receivers/mail-sink';
import { LocalStack, StackService } from '../../scripts/demo/stack/local-stack';
import { driveTicketLoad, prepareDesk } from '../e2e/ticket-load';

const RATE = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 15);

/** VmRSS of a process in MiB; Linux only. */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);

  return kib / 1024;
}

function sample(services: StackService[]): Map<string, number> {
  return new Map(services.map((service) => [service.name, residentMiB(service.process.pid!)]));
}

async function main(): Promise<void> {
  const smtp = new SmtpCapture();
  const topicPrefix = `benchrss${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
  const stack = await LocalStack.start({
    runtime: 'dist',
    topicPrefix,
    env: { SMTP_URL: await smtp.start() },
  });
  try {
    const client = new DeskClient(stack.urls());
    const token = await prepareDesk(client);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const idle = sample(stack.services);
    const peak = new Map(idle);
    const sampler = setInterval(() => {
      for (const [name, mib] of sample(stack.services))
        peak.set(name, Math.max(peak.get(name) ?? 0, mib));
    }, 1000);
    const load = await driveTicketLoad(client, token, RATE, SECONDS);
    clearInterval(sampler);
    console.log(
      `load: ${load.tickets.length} tickets at ${load.achievedRate.toFixed(1)}/s, ${load.failures} failed requests`,
    );
    for (const [reason, count] of load.failureReasons) console.log(`  ${count} x ${reason}`);
    for (const service of stack.services) {
      console.log(
        `${service.name.padEnd(13)} idle ${idle.get(service.name)!.toFixed(0)} MiB, peak under load ${peak.get(service.name)!.toFixed(0)} MiB`,
      );
    }
    const figures = stack.services.map(
      (service) =>
        `${service.name} ${idle.get(service.name)!.toFixed(0)}/${peak.get(service.name)!.toFixed(0)}`,
    );
    console.log(`RSS idle/peak at ${RATE}/s (MiB): ${figures.join(', ')}`);
  } finally {
    await stack.stop();
    await smtp.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
