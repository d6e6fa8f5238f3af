import { waitFor } from '@deskflow/testing';
import { DemoSettings } from './demo-settings';
import { DeskStateReader } from './observe/desk-state.reader';
import { EventCollector } from './observe/event-collector';
import { MailSink } from './receivers/mail-sink';
import { RunLog } from './replay/run-log';

export interface SettleContext {
  reader: DeskStateReader;
  log: RunLog;
  slaEvents: EventCollector;
  mailSink: MailSink;
  settings: DemoSettings;
  progress: (message: string) => void;
}

/** Time the SLA worker may take after a due time before the run stops waiting for the alert. */
const ALERT_SLACK_MS = 5_000;
const POLL_MS = 2_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until every ticket of the run has had `sla.applied`. */
async function waitForSlaApplied(context: SettleContext): Promise<void> {
  const ids = new Set(context.log.ticketIds());
  await waitFor(
    () => {
      const applied = new Set(
        context.slaEvents
          .events((event) => event.type === 'sla.applied')
          .map((event) => event.data.ticketId),
      );

      return [...ids].every((id) => applied.has(id)) || undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: `sla.applied for ${ids.size} tickets` },
  ).catch((error: Error) =>
    context.progress(`continuing without every sla.applied: ${error.message}`),
  );
}

/** Latest due time of a clock that is still running and not yet breached; null when none is. */
async function latestOpenDueTime(context: SettleContext): Promise<number | null> {
  const statuses = await context.reader.slaStatuses(context.log.ticketIds());
  const dues = [...statuses.values()]
    .flatMap((status) => status.clocks)
    .filter((clock) => clock.status === 'running' && clock.dueAt && !clock.breached)
    .map((clock) => Date.parse(clock.dueAt!));

  return dues.length > 0 ? Math.max(...dues) : null;
}

/** Waits until every running clock has passed its due time and the SLA service had time to fire. */
async function waitForDueTimes(context: SettleContext, deadline: number): Promise<void> {
  for (;;) {
    const latest = await latestOpenDueTime(context);
    if (latest === null) return;
    if (Date.now() > deadline) {
      context.progress('stopped waiting for SLA due times: DEMO_MAX_WAIT_MINUTES reached');

      return;
    }
    const until = Math.min(latest + ALERT_SLACK_MS, deadline);
    context.progress(
      `waiting ${Math.max(0, Math.round((until - Date.now()) / 1000))} s for SLA due times to pass`,
    );
    await sleep(Math.max(POLL_MS, until - Date.now()));
  }
}

/** Waits until no delivery is queued, held or sending, and the mail count stopped changing. */
async function waitForDeliveries(context: SettleContext, deadline: number): Promise<void> {
  let previous = -1;
  while (Date.now() < deadline) {
    const deliveries = await context.reader.deliveriesSince(context.log.startedAt);
    const unfinished = deliveries.filter((delivery) =>
      ['queued', 'held', 'sending'].includes(delivery.status),
    ).length;
    const mails = (await context.mailSink.messages()).length;
    if (unfinished === 0 && mails === previous) return;

    previous = unfinished === 0 ? mails : -1;
    context.progress(`${unfinished} notifications still queued or held`);
    await sleep(POLL_MS);
  }
  context.progress('stopped waiting for notifications: DEMO_MAX_WAIT_MINUTES reached');
}

/** Lets SLA alerts and notifications of the run finish before the report reads the figures. */
export async function settle(context: SettleContext): Promise<void> {
  const deadline = Date.now() + Number(process.env.DEMO_MAX_WAIT_MINUTES ?? 15) * 60_000;
  context.progress('waiting for the SLA service to apply policies');
  await waitForSlaApplied(context);
  await waitForDueTimes(context, deadline);
  context.progress('waiting for notifications to be delivered');
  await waitForDeliveries(context, deadline);
}
