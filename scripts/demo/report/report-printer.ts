import { DeadLetterTopic } from '../observe/dead-letter.reader';
import { DeskReport } from './desk-report';
import { DurationSummary } from './statistics';

function table(title: string, counts: Record<string, number>): string[] {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const width = Math.max(10, ...entries.map(([name]) => name.length));

  return [
    title,
    ...entries.map(([name, count]) => `  ${name.padEnd(width)} ${String(count).padStart(5)}`),
  ];
}

function minutes(seconds: number | null): string {
  return seconds === null ? '-' : `${(seconds / 60).toFixed(1)} min`;
}

function durations(title: string, summary: DurationSummary, of: number): string {
  return `${title}: ${summary.count} of ${of} tickets, median ${minutes(summary.medianSeconds)}, p90 ${minutes(summary.p90Seconds)}`;
}

function slaLines(report: DeskReport): string[] {
  const { sla } = report;

  return [
    'SLA (events on sla.events, counted once by event id; clocks from the SLA API)',
    `  SLA events                   ${sla.events}`,
    `  tickets with an SLA applied  ${sla.ticketsWithSla}`,
    `  warnings fired               ${sla.warnings}`,
    `  breaches fired               ${sla.breaches}`,
    `  breached clocks (API)        ${sla.breachedClocks}`,
    `  breached without an event    ${sla.breachedClocksWithoutEvent}`,
    `  alerts fired more than once  ${sla.repeatedAlerts}`,
  ];
}

function notificationLines(report: DeskReport): string[] {
  const n = report.notifications;

  return [
    ...table('Notification deliveries (channel, status)', n.byChannelAndStatus),
    `  mails delivered ${n.emailsDelivered}: in the SMTP sink once ${n.emailsInSinkOnce}, missing ${n.emailsMissingInSink}, more than once ${n.emailsInSinkRepeated}`,
    `  breaches notified by mail ${n.breachesNotified}`,
    `  webhooks delivered ${n.webhooksDelivered}: received once ${n.webhooksReceivedOnce}, missing ${n.webhooksMissing}, more than once ${n.webhooksRepeated}, bad signature ${n.badSignatures}`,
  ];
}

function failureLines(report: DeskReport): string[] {
  if (report.failures.length === 0) return ['API failures: none'];

  return [
    'API failures (first of each kind)',
    ...report.failures.flatMap(({ step, count, failure }) => [
      `  [${step}] x${count} ${failure.endpoint} -> ${failure.status ?? 'no response'}`,
      `    request:  ${failure.request || '(none)'}`,
      `    response: ${failure.response.slice(0, 400)}`,
    ]),
  ];
}

/** Renders the report as plain text, one section per figure, with the checks last. */
export function formatDeskReport(report: DeskReport): string {
  const { input, tickets, knowledge } = report;
  const lines = [
    `Input (${input.mode}, ${input.folder}): ${input.emails} e-mails, ${input.ticketRows} ticket rows, ${input.articles} articles`,
    '',
    ...table('E-mail outcomes', report.emailOutcomes),
    '',
    `Tickets created: ${tickets.created}`,
    ...table('By queue', tickets.byQueue),
    ...table('By priority', tickets.byPriority),
    ...table('By channel', tickets.byChannel),
    '',
    `Simulated agents answered ${report.agents.answered} tickets and resolved ${report.agents.resolved}`,
    durations('First response', report.firstResponse, tickets.created),
    durations('Resolution', report.resolution, tickets.created),
    '',
    ...slaLines(report),
    '',
    ...notificationLines(report),
    '',
    `Knowledge suggestions: ${knowledge.shown} shown over ${knowledge.requests} requests, ` +
      `${knowledge.ticketsWithSuggestions} portal tickets saw one, ${knowledge.accepted} accepted as solutions`,
    '',
    'Dead-letter topics',
    ...deadLetterLines(report.deadLetters),
    '',
    ...failureLines(report),
    '',
    'Checks',
    ...report.checks.map(
      (item) => `  ${item.passed ? 'PASS' : 'FAIL'}  ${item.name} (${item.detail})`,
    ),
  ];

  return lines.join('\n');
}

/** Lists every service's dead-letter topic with its record count and first errors. */
export function deadLetterLines(topics: DeadLetterTopic[]): string[] {
  return topics.flatMap((topic) => [
    `  ${topic.topic}: ${topic.records} records${topic.exists ? '' : ' (not created: no service consumes its topic)'}`,
    ...topic.errors.map((error) => `    ${error}`),
  ]);
}
