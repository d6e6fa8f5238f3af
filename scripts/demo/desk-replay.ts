import { Topics } from '@deskflow/contracts';
import { FailureLog } from './api/api-failure';
import { DeskClient, mapConcurrently } from './api/desk-client';
import { loadReplayInput, ReplayInput } from './data/replay-input';
import { DemoSettings } from './demo-settings';
import { readDeadLetters } from './observe/dead-letter.reader';
import { DeskStateReader } from './observe/desk-state.reader';
import { demoKafka, EventCollector } from './observe/event-collector';
import { MailSink } from './receivers/mail-sink';
import { WebhookReceiver } from './receivers/webhook-receiver';
import { AgentDesk } from './replay/agent-desk';
import { EmailReplay } from './replay/email.replay';
import { PortalReplay } from './replay/portal.replay';
import { RunLog } from './replay/run-log';
import { buildDeskReport, DeskReport } from './report/desk-report';
import { settle } from './settle';
import { DeskDirectory, DirectorySeed } from './seed/directory.seed';
import { KnowledgeSeed } from './seed/knowledge.seed';
import { NotificationSeed } from './seed/notification.seed';
import { SlaSeed } from './seed/sla.seed';

export interface ReplayOptions {
  settings: DemoSettings;
  mailSink: MailSink;
  /** Lowest suggestion score at which agents link an article as the solution. */
  acceptScore?: number;
  progress?: (message: string) => void;
}

interface Session {
  client: DeskClient;
  failures: FailureLog;
  input: ReplayInput;
  log: RunLog;
  progress: (message: string) => void;
}

/**
 * Seeds the desk, replays the input through the public channels, waits for SLA alerts and
 * notifications to settle, and returns the report. Stops its receiver and consumer on return.
 */
export async function runDeskReplay(options: ReplayOptions): Promise<DeskReport> {
  const { settings } = options;
  const session: Session = {
    client: new DeskClient(settings.services),
    failures: new FailureLog(),
    input: loadReplayInput(settings),
    log: new RunLog(),
    progress: options.progress ?? (() => undefined),
  };
  const kafka = demoKafka(settings.kafkaBrokers, 'deskflow-demo');
  const slaEvents = new EventCollector(kafka, Topics.sla, settings.topicPrefix);
  const receiver = new WebhookReceiver();
  await slaEvents.start();
  const receiverUrl = await receiver.start();
  try {
    const adminToken = await session.client.login(settings.adminEmail, settings.adminPassword);
    const notifications = new NotificationSeed(session.client);
    const directory = await seedDesk(session, adminToken, settings);
    const webhook = await notifications.subscribeWebhook(adminToken, receiverUrl);
    receiver.useSecret(webhook.secret);
    try {
      await replay(session, directory, settings, options.acceptScore ?? 0.012);
      const reader = new DeskStateReader(session.client, adminToken);
      await settle({
        reader,
        log: session.log,
        slaEvents,
        mailSink: options.mailSink,
        progress: session.progress,
        settings,
      });
      session.progress('collecting the report');
      const ids = session.log.ticketIds();

      return buildDeskReport({
        log: session.log,
        input: {
          mode: session.input.mode,
          folder: session.input.folder,
          emails: session.input.emails.length,
          ticketRows: session.input.tickets.length,
          articles: session.input.articles.length,
        },
        tickets: await reader.tickets(ids),
        slaStatuses: await reader.slaStatuses(ids),
        slaEvents: slaEvents.events(),
        deliveries: await reader.deliveriesSince(session.log.startedAt),
        mails: await options.mailSink.messages(),
        webhookCalls: receiver.calls,
        webhookId: webhook.id,
        deadLetters: await readDeadLetters(kafka, settings.topicPrefix),
        failures: session.failures,
      });
    } finally {
      await session.failures.attempt('webhook-unsubscribe', () =>
        notifications.unsubscribeWebhook(adminToken, webhook.id),
      );
    }
  } finally {
    await receiver.stop();
    await slaEvents.stop();
  }
}

async function seedDesk(
  session: Session,
  adminToken: string,
  settings: DemoSettings,
): Promise<DeskDirectory> {
  const { client, input, progress } = session;
  const queueNames = [...new Set(input.tickets.map((row) => row.queue).filter(Boolean))].sort();
  progress(`seeding ${queueNames.length} queues, agents, organisations and customers`);
  const directory = await new DirectorySeed(client).seed(adminToken, queueNames);
  progress('seeding calendars and SLA policies');
  await new SlaSeed(client).seed(adminToken, settings.targets);
  progress('seeding notification templates and rules');
  const notifications = await new NotificationSeed(client).seed(adminToken);
  if (notifications.missingTemplates.length > 0) {
    session.failures.record(
      'templates',
      new Error(`rules use templates without a text: ${notifications.missingTemplates.join(', ')}`),
    );
  }
  progress(`importing ${input.articles.length} knowledge articles`);
  const imported = await new KnowledgeSeed(client).seed(adminToken, input.articles);
  progress(
    `import: ${imported.created} created, ${imported.updated} updated, ${imported.unchanged} unchanged, ${imported.failed} failed`,
  );
  for (const failure of imported.failures)
    session.failures.record('knowledge-import', new Error(failure));

  return directory;
}

async function replay(
  session: Session,
  directory: DeskDirectory,
  settings: DemoSettings,
  acceptScore: number,
): Promise<void> {
  const { client, failures, input, log, progress } = session;
  const desk = new AgentDesk(client, failures, directory, { ...settings, acceptScore }, log);
  progress(`replaying ${input.emails.length} e-mails through the inbound endpoint`);
  await new EmailReplay(client, failures).replay(
    directory.adminToken,
    input.emails,
    log,
    settings.concurrency,
  );
  const byFile = new Map(input.emails.map((email) => [email.file, email]));
  const emailTickets = [...log.tickets.values()];
  const reader = new DeskStateReader(client, directory.adminToken);
  const views =
    (await failures.attempt('ticket-read', () =>
      reader.tickets(emailTickets.map((ticket) => ticket.id)),
    )) ?? [];
  await mapConcurrently(emailTickets, settings.concurrency, async (ticket, index) => {
    ticket.language = byFile.get(ticket.origin)?.category === 'german' ? 'de' : 'en';
    const title = views[index]?.title ?? ticket.origin;
    await desk.handle({ ticket, index, title, body: '', queueId: null, answer: '' });
  });
  progress(`replaying ${input.tickets.length} ticket rows through the portal`);
  await new PortalReplay(client, failures, directory, desk).replay(
    input.tickets,
    log,
    settings.concurrency,
  );
  progress(`${log.tickets.size} tickets created`);
}
