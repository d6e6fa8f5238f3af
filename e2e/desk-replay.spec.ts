import { randomBytes } from 'node:crypto';
import { readDemoSettings } from '../scripts/demo/demo-settings';
import { runDeskReplay } from '../scripts/demo/desk-replay';
import { SmtpCapture } from '../scripts/demo/receivers/mail-sink';
import { picked } from '../scripts/demo/replay/agent-desk';
import { DeskReport } from '../scripts/demo/report/desk-report';
import { formatDeskReport } from '../scripts/demo/report/report-printer';
import { LocalStack } from '../scripts/demo/stack/local-stack';

const BOOT_TIMEOUT_MS = 150_000;
const REPLAY_TIMEOUT_MS = 240_000;

/**
 * Contents of e2e/fixtures and how the desk treats them: 9 messages, of which the bounce and
 * the read receipt refer to no ticket and open none. 8 portal requests whose impact and urgency
 * give one P1, two P2, two P3 and three P4; e-mail tickets keep the default P3.
 */
const FIXTURE = {
  emails: 9,
  emailTickets: 7,
  rows: 8,
  articles: 12,
  portalQueues: { 'IT Support': 4, 'Network Infrastructure': 2, 'Billing and Payments': 2 },
  priorities: { P1: 1, P2: 2, P3: 2 + 7, P4: 3 },
};
const ANSWER_SHARE = 0.6;
const RESOLVE_SHARE = 0.5;

/** Answered and resolved tickets among `count` indexes, as the simulated agents pick them. */
function agentWork(count: number): { answered: number; resolved: number } {
  const answered = [...Array(count).keys()].filter((index) => picked(index, ANSWER_SHARE, 37));

  return {
    answered: answered.length,
    resolved: answered.filter((index) => picked(index, RESOLVE_SHARE, 53)).length,
  };
}

describe('the whole desk on the reduced replay', () => {
  const smtp = new SmtpCapture();
  const topicPrefix = `e2e${Date.now().toString(36)}${randomBytes(3).toString('hex')}.`;
  let stack: LocalStack | undefined;
  let report: DeskReport;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    stack = await LocalStack.start({
      runtime: 'source',
      topicPrefix,
      // Small pools keep the four services with the other test file of the run under
      // Postgres's default limit of 100 connections.
      env: {
        SMTP_URL: smtpUrl,
        DIGEST_WINDOW_MS: '3000',
        KAFKA_TOPIC_PARTITIONS: '1',
        DATABASE_POOL_SIZE: '5',
        KNOWLEDGE_SEARCH_POOL_SIZE: '2',
      },
    });
    const settings = readDemoSettings({
      DEMO_REDUCED: '1',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: topicPrefix,
      DEMO_FIRST_RESPONSE_MINUTES: '1',
      DEMO_RESOLUTION_MINUTES: '1',
      DEMO_ANSWER_SHARE: String(ANSWER_SHARE),
      DEMO_RESOLVE_SHARE: String(RESOLVE_SHARE),
    });
    report = await runDeskReplay({
      settings: { ...settings, services: stack.urls() },
      mailSink: smtp,
    });
    process.stdout.write(`${formatDeskReport(report)}\n`);
  }, BOOT_TIMEOUT_MS + REPLAY_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
    await smtp.stop();
  }, 60_000);

  it('reads the whole fixture set', () => {
    expect(report.input.mode).toBe('reduced');
    expect(report.input.emails).toBe(FIXTURE.emails);
    expect(report.input.ticketRows).toBe(FIXTURE.rows);
    expect(report.input.articles).toBe(FIXTURE.articles);
  });

  it('opens a ticket for every request', () => {
    expect(report.emailOutcomes).toEqual({
      ticket_created: FIXTURE.emailTickets,
      ignored: FIXTURE.emails - FIXTURE.emailTickets,
    });
    expect(report.tickets.created).toBe(FIXTURE.emailTickets + FIXTURE.rows);
    expect(report.tickets.byChannel).toEqual({ email: FIXTURE.emailTickets, portal: FIXTURE.rows });
    expect(report.tickets.byPriority).toEqual(FIXTURE.priorities);
    expect(report.tickets.byQueue).toMatchObject(FIXTURE.portalQueues);
  });

  it('records first responses and resolutions', () => {
    const email = agentWork(FIXTURE.emailTickets);
    const portal = agentWork(FIXTURE.rows);

    expect(report.agents.answered).toBe(email.answered + portal.answered);
    expect(report.agents.resolved).toBe(email.resolved + portal.resolved);
    expect(report.firstResponse.count).toBe(report.agents.answered);
    expect(report.resolution.count).toBe(report.agents.resolved);
  });

  it('fires every breach once', () => {
    const { answered, resolved } = report.agents;
    const unanswered = report.tickets.created - answered;
    // Unanswered tickets breach both clocks; answered but unresolved ones only resolution.
    const expectedBreaches = 2 * unanswered + (answered - resolved);

    expect(report.sla.ticketsWithSla).toBe(report.tickets.created);
    expect(report.sla.breaches).toBe(expectedBreaches);
    expect(report.sla.breachedClocks).toBe(expectedBreaches);
    expect(report.sla.warnings).toBe(expectedBreaches);
    expect(report.sla.breachedClocksWithoutEvent).toBe(0);
    expect(report.sla.repeatedAlerts).toBe(0);
  });

  it('delivers every mail once', () => {
    const n = report.notifications;

    expect(n.emailsDelivered).toBeGreaterThan(report.tickets.created);
    expect(n.emailsInSinkOnce).toBe(n.emailsDelivered);
    expect(n.emailsMissingInSink).toBe(0);
    expect(n.emailsInSinkRepeated).toBe(0);
    expect(n.unfinished).toBe(0);
    expect(n.breachesNotified).toBe(report.sla.breaches);
    expect(Object.keys(n.byChannelAndStatus).filter((key) => key.endsWith(' dead'))).toEqual([]);
  });

  it('delivers every webhook once', () => {
    const n = report.notifications;

    // The subscription covers ticket.created and every SLA event.
    expect(n.webhooksDelivered).toBe(report.tickets.created + report.sla.events);
    expect(n.webhooksReceivedOnce).toBe(n.webhooksDelivered);
    expect(n.webhooksRepeated).toBe(0);
    expect(n.badSignatures).toBe(0);
  });

  it('shows and accepts knowledge suggestions', () => {
    expect(report.knowledge.requests).toBe(FIXTURE.rows + report.agents.answered);
    expect(report.knowledge.ticketsWithSuggestions).toBeGreaterThan(0);
    expect(report.knowledge.shown).toBeGreaterThanOrEqual(report.knowledge.ticketsWithSuggestions);
    expect(report.knowledge.accepted).toBeGreaterThan(0);
  });

  it('leaves the dead-letter topics empty', () => {
    for (const topic of report.deadLetters)
      expect(`${topic.topic}: ${topic.records}`).toBe(`${topic.topic}: 0`);
  });

  it('meets every check without API failures', () => {
    expect(report.failures.map(({ failure }) => failure.message)).toEqual([]);
    expect(report.checks.filter((check) => !check.passed)).toEqual([]);
  });
});
