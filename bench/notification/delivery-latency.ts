/**
 * Time from a `ticket.events` message to the SMTP server receiving the mail, for public agent
 * replies that the service mails to the customer. Phase 1 publishes at a fixed rate and reports
 * p50/p99 latency; phase 2 publishes a backlog at once and reports sustained deliveries per
 * second. Prints the sustained rate last.
 *
 * Run from the repository root (Postgres in DATABASE_URL, Kafka in KAFKA_BROKERS):
 *   bench/notification/run.sh
 *
 * Settings: BENCH_RATE (events per second in phase 1, 50), BENCH_SECONDS (phase 1 length, 20),
 * BENCH_BACKLOG (events in phase 2, 2000).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { TicketEvents, TicketSnapshot } from '@deskflow/contracts';
import { waitFor } from '@deskflow/testing';
import {
  agent,
  article,
  NotificationTestbed,
  publishDirectory,
  queue,
  startNotification,
  ticketSnapshot,
} from '../../services/notification/test/notification-test-kit';
import { percentile } from '../percentile';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 2000);

interface Sent {
  messageId: string;
  sentAt: number;
}

/** Starts publishing one public agent reply; the latency clock starts when the send starts. */
function publishReply(
  bed: NotificationTestbed,
  ticket: TicketSnapshot,
  agentId: string,
  pending: Promise<unknown>[],
): Sent {
  const messageId = `<${randomUUID().replace(/-/g, '')}.${ticket.number}@support.deskflow.local>`;
  const sentAt = Date.now();
  pending.push(
    bed.publisher.publish(
      TicketEvents.articleAdded,
      {
        ticket,
        article: article({ senderType: 'agent', authorId: agentId, messageId, bodyText: 'Fixed.' }),
      },
      { actor: `agent:${agentId}` },
    ),
  );

  return { messageId, sentAt };
}

async function receivedTimes(bed: NotificationTestbed, sent: Sent[]): Promise<Map<string, number>> {
  const wanted = new Set(sent.map((item) => item.messageId));
  const timeoutMs = 120_000 + sent.length * 50;
  await waitFor(
    () => bed.smtp.mails.filter((mail) => wanted.has(mail.messageId ?? '')).length >= sent.length,
    {
      timeoutMs,
      intervalMs: 200,
      what: `${sent.length} mails`,
    },
  );

  return new Map(
    bed.smtp.mails
      .filter((mail) => wanted.has(mail.messageId ?? ''))
      .map((mail) => [mail.messageId!, mail.receivedAt]),
  );
}

async function main(): Promise<void> {
  const bed = await startNotification({
    LOG_LEVEL: 'warn',
    NOTIFICATION_POLL_INTERVAL_MS: '500',
    ACKNOWLEDGEMENT_GRACE_MS: '5000',
  });
  try {
    const it_ = queue('IT');
    const anna = agent('Anna', [it_.id]);
    await publishDirectory(bed.publisher, [it_], [anna]);
    const tickets = Array.from({ length: 64 }, () =>
      ticketSnapshot(it_.id, { stateType: 'open', state: 'open' }),
    );

    // Warm-up: connections, prepared plans, JIT.
    const pending: Promise<unknown>[] = [];
    await receivedTimes(bed, [publishReply(bed, tickets[0], anna.id, pending)]);

    const steady: Sent[] = [];
    const started = Date.now();
    for (let index = 0; index < RATE * SECONDS; index++) {
      const due = started + (index * 1000) / RATE;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      steady.push(publishReply(bed, tickets[index % tickets.length], anna.id, pending));
    }
    await Promise.all(pending);
    const received = await receivedTimes(bed, steady);
    const latencies = steady
      .map((item) => received.get(item.messageId)! - item.sentAt)
      .sort((a, b) => a - b);
    console.log(`steady load: ${steady.length} events at ${RATE}/s over ${SECONDS} s`);
    console.log(`latency p50: ${percentile(latencies, 0.5)} ms`);
    console.log(`latency p99: ${percentile(latencies, 0.99)} ms`);
    console.log(`latency max: ${latencies[latencies.length - 1]} ms`);

    const backlog: Sent[] = [];
    const backlogStarted = Date.now();
    for (let index = 0; index < BACKLOG; index++) {
      backlog.push(publishReply(bed, tickets[index % tickets.length], anna.id, pending));
    }
    await Promise.all(pending);
    const backlogReceived = await receivedTimes(bed, backlog);
    const lastReceived = Math.max(...backlogReceived.values());
    const perSecond = BACKLOG / ((lastReceived - backlogStarted) / 1000);
    console.log(`backlog: ${BACKLOG} events published in ${Date.now() - backlogStarted} ms`);
    console.log(`sustained deliveries per second: ${perSecond.toFixed(1)}`);
  } finally {
    await bed.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
