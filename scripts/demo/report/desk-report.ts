import { FailureLog } from '../api/api-failure';
import { SeenEvent } from '../observe/event-collector';
import { DeadLetterTopic } from '../observe/dead-letter.reader';
import { DeliveryView, SlaStatus, TicketView } from '../observe/desk-state.reader';
import { SinkMail } from '../receivers/mail-sink';
import { WebhookCall } from '../receivers/webhook-receiver';
import { RunLog } from '../replay/run-log';
import { countBy, DurationSummary, occurrences, summariseDurations } from './statistics';

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

export interface SlaFigures {
  /** Events of any SLA type about the run's tickets. */
  events: number;
  ticketsWithSla: number;
  warnings: number;
  breaches: number;
  /** Clocks with more than one breach event, or a warning threshold fired twice. */
  repeatedAlerts: number;
  breachedClocks: number;
  breachedClocksWithoutEvent: number;
}

export interface NotificationFigures {
  byChannelAndStatus: Record<string, number>;
  emailsDelivered: number;
  emailsInSinkOnce: number;
  emailsMissingInSink: number;
  emailsInSinkRepeated: number;
  webhooksDelivered: number;
  webhooksReceivedOnce: number;
  webhooksMissing: number;
  webhooksRepeated: number;
  badSignatures: number;
  unfinished: number;
  /** Breach events that led to at least one delivered mail. */
  breachesNotified: number;
}

export interface DeskReport {
  input: { mode: string; folder: string; emails: number; ticketRows: number; articles: number };
  emailOutcomes: Record<string, number>;
  tickets: {
    created: number;
    byQueue: Record<string, number>;
    byPriority: Record<string, number>;
    byChannel: Record<string, number>;
  };
  /** Tickets the simulated agents answered, and of those resolved. */
  agents: { answered: number; resolved: number };
  firstResponse: DurationSummary;
  resolution: DurationSummary;
  sla: SlaFigures;
  notifications: NotificationFigures;
  knowledge: RunLog['suggestions'];
  deadLetters: DeadLetterTopic[];
  failures: ReturnType<FailureLog['entries']>;
  checks: Check[];
}

export interface ReportInputs {
  log: RunLog;
  input: DeskReport['input'];
  tickets: TicketView[];
  slaStatuses: Map<string, SlaStatus>;
  slaEvents: SeenEvent[];
  deliveries: DeliveryView[];
  mails: SinkMail[];
  webhookCalls: WebhookCall[];
  webhookId: string | null;
  deadLetters: DeadLetterTopic[];
  failures: FailureLog;
}

const UNFINISHED = new Set(['queued', 'held', 'sending']);

function secondsBetween(from: string, to: string | null): number | null {
  return to ? (Date.parse(to) - Date.parse(from)) / 1000 : null;
}

function present(values: (number | null)[]): number[] {
  return values.filter((value): value is number => value !== null);
}

export function slaFigures(
  ticketIds: Set<string>,
  statuses: Map<string, SlaStatus>,
  events: SeenEvent[],
): SlaFigures {
  const ours = events.filter((event) => ticketIds.has(event.data.ticketId));
  const warnings = ours.filter((event) => event.type === 'sla.warning');
  const breaches = ours.filter((event) => event.type === 'sla.breached');
  const repeatedWarnings = [
    ...occurrences(
      warnings.map((event) => `${event.data.clockId}@${event.data.scheduledAt}`),
    ).values(),
  ];
  const repeatedBreaches = [
    ...occurrences(breaches.map((event) => event.data.clockId as string)).values(),
  ];
  const breachedClockIds = new Set(breaches.map((event) => event.data.clockId as string));
  const breachedClocks = [...statuses.values()].flatMap((status) =>
    status.clocks.filter((clock) => clock.breached),
  );

  return {
    events: ours.length,
    ticketsWithSla: new Set(
      ours.filter((event) => event.type === 'sla.applied').map((event) => event.data.ticketId),
    ).size,
    warnings: warnings.length,
    breaches: breaches.length,
    repeatedAlerts: [...repeatedWarnings, ...repeatedBreaches].filter((count) => count > 1).length,
    breachedClocks: breachedClocks.length,
    breachedClocksWithoutEvent: breachedClocks.filter((clock) => !breachedClockIds.has(clock.id))
      .length,
  };
}

function bareId(value: string | null): string {
  return (value ?? '').replace(/^<|>$/g, '');
}

/** Webhook deliveries count only for `webhookId`, the subscription of this run's receiver. */
export function notificationFigures(
  deliveries: DeliveryView[],
  mails: SinkMail[],
  calls: WebhookCall[],
  webhookId: string | null,
): NotificationFigures {
  const delivered = deliveries.filter((delivery) => delivery.status === 'delivered');
  const emails = delivered.filter((delivery) => delivery.channel === 'email');
  const webhooks = delivered.filter((delivery) => delivery.recipientKey === `webhook:${webhookId}`);
  const mailCounts = occurrences(mails.map((mail) => mail.messageId));
  const callCounts = occurrences(calls.map((call) => call.deliveryId));
  const inSink = emails.map((delivery) => mailCounts.get(bareId(delivery.messageId)) ?? 0);
  const received = webhooks.map((delivery) => callCounts.get(delivery.id) ?? 0);
  const webhookIds = new Set(webhooks.map((delivery) => delivery.id));

  return {
    byChannelAndStatus: countBy(deliveries, (delivery) => `${delivery.channel} ${delivery.status}`),
    emailsDelivered: emails.length,
    emailsInSinkOnce: inSink.filter((count) => count === 1).length,
    emailsMissingInSink: inSink.filter((count) => count === 0).length,
    emailsInSinkRepeated: inSink.filter((count) => count > 1).length,
    webhooksDelivered: webhooks.length,
    webhooksReceivedOnce: received.filter((count) => count === 1).length,
    webhooksMissing: received.filter((count) => count === 0).length,
    webhooksRepeated: received.filter((count) => count > 1).length,
    badSignatures: calls.filter((call) => webhookIds.has(call.deliveryId) && !call.signatureValid)
      .length,
    unfinished: deliveries.filter((delivery) => UNFINISHED.has(delivery.status)).length,
    breachesNotified: new Set(
      emails
        .filter((delivery) => delivery.sourceEventType === 'sla.breached')
        .map((delivery) => delivery.sourceEventId),
    ).size,
  };
}

function check(name: string, passed: boolean, detail: string): Check {
  return { name, passed, detail };
}

export function deskChecks(report: Omit<DeskReport, 'checks'>, log: RunLog): Check[] {
  const portalCreated = report.tickets.byChannel.portal ?? 0;
  const { sla, notifications: n } = report;
  const deadRecords = report.deadLetters.reduce((sum, topic) => sum + topic.records, 0);
  const deadDeliveries = Object.entries(n.byChannelAndStatus)
    .filter(([key]) => key.endsWith(' dead'))
    .reduce((sum, [, count]) => sum + count, 0);

  return [
    check(
      'every portal row opened a ticket',
      portalCreated === log.portalRows,
      `${portalCreated} of ${log.portalRows}`,
    ),
    check(
      'every e-mail was processed',
      log.emails.length === report.input.emails,
      `${log.emails.length} of ${report.input.emails}`,
    ),
    check(
      'every ticket has an SLA',
      sla.ticketsWithSla === report.tickets.created,
      `${sla.ticketsWithSla} of ${report.tickets.created}`,
    ),
    check(
      'every breach fired once',
      sla.repeatedAlerts === 0 &&
        sla.breachedClocksWithoutEvent === 0 &&
        sla.breaches === sla.breachedClocks,
      `${sla.breaches} breach events for ${sla.breachedClocks} breached clocks, ${sla.repeatedAlerts} repeated alerts`,
    ),
    check(
      'every mail delivered once',
      n.emailsMissingInSink === 0 &&
        n.emailsInSinkRepeated === 0 &&
        deadDeliveries === 0 &&
        n.unfinished === 0,
      `${n.emailsInSinkOnce} of ${n.emailsDelivered} once, ${n.emailsMissingInSink} missing, ${n.emailsInSinkRepeated} repeated, ${deadDeliveries} dead, ${n.unfinished} unfinished`,
    ),
    check(
      'every webhook delivered once',
      n.webhooksDelivered > 0 &&
        n.webhooksMissing === 0 &&
        n.webhooksRepeated === 0 &&
        n.badSignatures === 0,
      `${n.webhooksReceivedOnce} of ${n.webhooksDelivered} once, ${n.webhooksRepeated} repeated, ${n.badSignatures} bad signatures`,
    ),
    check('dead-letter topics empty', deadRecords === 0, `${deadRecords} records`),
    check(
      'no API failures',
      report.failures.length === 0,
      `${report.failures.length} kinds of failure`,
    ),
  ];
}

export function buildDeskReport(inputs: ReportInputs): DeskReport {
  const { log, tickets } = inputs;
  const ticketIds = new Set(log.ticketIds());
  const base: Omit<DeskReport, 'checks'> = {
    input: inputs.input,
    emailOutcomes: countBy(log.emails, (email) =>
      email.duplicate ? `${email.status} (repeat)` : email.status,
    ),
    tickets: {
      created: tickets.length,
      byQueue: countBy(tickets, (ticket) => ticket.queue.name),
      byPriority: countBy(tickets, (ticket) => ticket.priority ?? 'none'),
      byChannel: countBy(tickets, (ticket) => ticket.channel),
    },
    agents: {
      answered: [...log.tickets.values()].filter((ticket) => ticket.answered).length,
      resolved: [...log.tickets.values()].filter((ticket) => ticket.resolved).length,
    },
    firstResponse: summariseDurations(
      present(tickets.map((ticket) => secondsBetween(ticket.createdAt, ticket.firstResponseAt))),
    ),
    resolution: summariseDurations(
      present(tickets.map((ticket) => secondsBetween(ticket.createdAt, ticket.resolvedAt))),
    ),
    sla: slaFigures(ticketIds, inputs.slaStatuses, inputs.slaEvents),
    notifications: notificationFigures(
      inputs.deliveries,
      inputs.mails,
      inputs.webhookCalls,
      inputs.webhookId,
    ),
    knowledge: { ...log.suggestions },
    deadLetters: inputs.deadLetters,
    failures: inputs.failures.entries(),
  };

  return { ...base, checks: deskChecks(base, log) };
}
