import { ServiceAppOptions } from '@deskflow/http';
import { HarnessOptions, ServiceHarness, startServiceHarness } from '@deskflow/testing';
import { serviceAppOptions as knowledgeOptions } from '../../services/knowledge/src/service.config';
import { serviceAppOptions as notificationOptions } from '../../services/notification/src/service.config';
import { FAST_ENV as NOTIFICATION_FAST_ENV } from '../../services/notification/test/notification-test-kit';
import { SmtpSink } from '../../services/notification/test/smtp-sink';
import { createAppModule as createSlaModule } from '../../services/sla/src/app.module';
import { serviceAppOptions as slaOptions } from '../../services/sla/src/service.config';
import { ManualTimeSource } from '../../services/sla/src/time/time-source';
import { FAST_WORKER_ENV as SLA_FAST_ENV } from '../../services/sla/test/sla-test-kit';
import { serviceAppOptions as ticketOptions } from '../../services/ticket/src/service.config';

/** Two running instances of one service on the same database and topic prefix. */
export type ReplicaPair = [ServiceHarness, ServiceHarness];

export interface ReplicatedStack {
  ticket: ReplicaPair;
  sla: ReplicaPair;
  notification: ReplicaPair;
  knowledge: ReplicaPair;
  smtp: SmtpSink;
  /** The clock both SLA instances read, so a test moves both past a due time at once. */
  slaTime: ManualTimeSource;
  close(): Promise<void>;
}

/**
 * Starts two instances of each of the four services against one database (each service in its
 * own schema, as in a deployment) and one topic prefix, plus an SMTP server on 127.0.0.1 that
 * the notification instances send to. Every instance runs its relay, consumers and workers.
 */
export async function startReplicatedStack(): Promise<ReplicatedStack> {
  const smtp = new SmtpSink();
  await smtp.start();
  const slaTime = new ManualTimeSource(new Date());
  const env = {
    ...NOTIFICATION_FAST_ENV,
    ...SLA_FAST_ENV,
    SMTP_URL: smtp.url,
    EMAIL_IMAP_POLL_SECONDS: '0',
    WEBHOOK_ALLOWED_PRIVATE_TARGETS: '127.0.0.1',
    // Eight instances with the default pools could take most of Postgres's 100 connections.
    DATABASE_POOL_SIZE: '5',
    KNOWLEDGE_SEARCH_POOL_SIZE: '2',
  };
  const slaAppOptions = { ...slaOptions, module: createSlaModule(slaTime) };

  const started: ServiceHarness[] = [];
  const start = async (options: ServiceAppOptions): Promise<ReplicaPair> => {
    const first = await startServiceHarness(options, env, sharing(started[0]));
    started.push(first);
    const second = await startServiceHarness(options, env, { shareWith: first });
    started.push(second);

    return [first, second];
  };

  try {
    const stack = {
      ticket: await start(ticketOptions),
      sla: await start(slaAppOptions),
      notification: await start(notificationOptions),
      knowledge: await start(knowledgeOptions),
    };

    return { ...stack, smtp, slaTime, close: () => closeAll(started, smtp) };
  } catch (error) {
    await closeAll(started, smtp);
    throw error;
  }
}

function sharing(owner: ServiceHarness | undefined): HarnessOptions {
  return owner ? { shareWith: owner } : {};
}

/** Closes the instances in reverse start order, so the one that owns the database drops it last. */
async function closeAll(started: ServiceHarness[], smtp: SmtpSink): Promise<void> {
  for (const harness of [...started].reverse()) await harness.close();
  await smtp.stop();
}
