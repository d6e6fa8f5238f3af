/**
 * Event latency across the services at a sustained load: from the request that creates a
 * ticket to (a) the `sla.applied` event on Kafka and (b) the acknowledgement mail in an SMTP
 * server. Boots the four services from their build output on fresh databases and a fresh
 * topic prefix. Prints the p50/p99 of both last.
 *
 * Settings: BENCH_RATE (tickets per second, 5), BENCH_SECONDS (60), BENCH_DRAIN_SECONDS (60).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Topics } from '@deskflow/contracts';
import { DeskClient } from '../../scripts/demo/api/desk-client';
import { demoKafka, EventCollector } from '../../scripts/demo/observe/event-collector';
import { SmtpCapture } from '../../scripts/demo/receivers/mail-sink';
import { percentile } from '../../scripts/demo/report/statistics';
import { LocalStack } from '../../scripts/demo/stack/local-stack';
import { driveTicketLoad, LoadTicket, prepareDesk } from './ticket-load';

const RATE = Number(process.env.BENCH_RATE ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);

function latencies(tickets: LoadTicket[], arrivals: Map<string, number>): number[] {
  return tickets
    .map((ticket) => (arrivals.has(ticket.id) ? arrivals.get(ticket.id)! - ticket.sentAt : null))
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
}

function describe(name: string, values: number[], of: number): string {
  return `${name}: ${values.length} of ${of}, p50 ${percentile(values, 0.5)} ms, p99 ${percentile(values, 0.99)} ms`;
}

async function main(): Promise<void> {
  const topicPrefix = `bench${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
  const smtp = new SmtpCapture();
  const stack = await LocalStack.start({
    runtime: 'dist',
    topicPrefix,
    env: { SMTP_URL: await smtp.start() },
  });
  const collector = new EventCollector(
    demoKafka((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), 'bench-e2e'),
    Topics.sla,
    topicPrefix,
  );
  try {
    await collector.start();
    const client = new DeskClient(stack.urls());
    const token = await prepareDesk(client);
    console.log(`load: ${RATE} tickets/s for ${SECONDS} s`);
    const load = await driveTicketLoad(client, token, RATE, SECONDS);
    const byNumber = new Map(load.tickets.map((ticket) => [ticket.number, ticket.id]));
    const deadline = Date.now() + DRAIN_SECONDS * 1000;
    const applied = new Map<string, number>();
    const mailed = new Map<string, number>();
    while (
      Date.now() < deadline &&
      (applied.size < load.tickets.length || mailed.size < load.tickets.length)
    ) {
      for (const event of collector.events((seen) => seen.type === 'sla.applied')) {
        if (!applied.has(event.data.ticketId)) applied.set(event.data.ticketId, event.receivedAt);
      }
      for (const mail of smtp.mails) {
        const id = byNumber.get(/\[#([^\]]+)\]/.exec(mail.subject)?.[1] ?? '');
        if (id && !mailed.has(id)) mailed.set(id, mail.receivedAt);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const slaLatency = latencies(load.tickets, applied);
    const mailLatency = latencies(load.tickets, mailed);
    console.log(
      `created ${load.tickets.length} tickets at ${load.achievedRate.toFixed(1)}/s, ${load.failures} failed requests`,
    );
    for (const [reason, count] of load.failureReasons) console.log(`  ${count} x ${reason}`);
    console.log(describe('ticket created -> sla.applied', slaLatency, load.tickets.length));
    console.log(
      describe('ticket created -> acknowledgement mail', mailLatency, load.tickets.length),
    );
    console.log(
      `event latency at ${RATE}/s p50/p99: sla.applied ${percentile(slaLatency, 0.5)}/${percentile(slaLatency, 0.99)} ms, ` +
        `acknowledgement mail ${percentile(mailLatency, 0.5)}/${percentile(mailLatency, 0.99)} ms`,
    );
  } finally {
    await collector.stop();
    await stack.stop();
    await smtp.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
