import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { rootLogger } from '@deskflow/observability';
import { MailboxSyncService, SyncReport } from './mailbox-sync.service';
import { Mailbox, MailboxesService } from './mailboxes.service';

/**
 * Polls every active mailbox on a timer (EMAIL_IMAP_POLL_SECONDS, default 60; 0 turns the timer
 * off) and, between polls, keeps one connection per mailbox in IMAP IDLE where the server
 * offers it, so new mail is taken within seconds. Runs of one mailbox never overlap.
 */
@Injectable()
export class ImapPollerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'ImapPollerService' });
  private readonly running = new Map<string, Promise<SyncReport>>();
  private readonly idlers = new Map<string, ImapFlow>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly mailboxes: MailboxesService,
    private readonly sync: MailboxSyncService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = Number(process.env.EMAIL_IMAP_POLL_SECONDS ?? 60);
    if (!(seconds > 0)) return;

    this.timer = setInterval(() => void this.pollAll(), seconds * 1000);
    this.timer.unref();
    void this.pollAll();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.idlers.values()].map((client) => client.logout()));
    this.idlers.clear();
  }

  async pollAll(): Promise<void> {
    const mailboxes = await this.mailboxes.list(true).catch((error: unknown) => {
      this.logger.error({ err: error }, 'listing mailboxes failed');

      return [] as Mailbox[];
    });
    await Promise.allSettled(mailboxes.map((mailbox) => this.poll(mailbox.id)));
  }

  /** Runs one sync of the mailbox, or joins the run already in progress. */
  poll(mailboxId: string): Promise<SyncReport> {
    const current = this.running.get(mailboxId);
    if (current) return current;

    const run = this.pollOnce(mailboxId).finally(() => this.running.delete(mailboxId));
    this.running.set(mailboxId, run);

    return run;
  }

  private async pollOnce(mailboxId: string): Promise<SyncReport> {
    const mailbox = await this.mailboxes.get(mailboxId);
    const client = this.clientFor(mailbox);
    try {
      await client.connect();
      const report = await this.sync.sync(client, mailbox);
      await this.mailboxes.recordPoll(mailbox.id, null);
      this.logger.info({ mailboxId, ...report }, 'mailbox polled');

      return report;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.mailboxes.recordPoll(mailbox.id, message.slice(0, 1000));
      this.logger.error(
        { err: error, mailboxId },
        'polling the mailbox failed; the next poll retries',
      );
      throw error;
    } finally {
      await client.logout().catch(() => undefined);
      this.startIdle(mailbox);
    }
  }

  /** Keeps a connection in IDLE that triggers a poll whenever the folder reports new mail. */
  private startIdle(mailbox: Mailbox): void {
    if (this.idlers.has(mailbox.id) || !this.timer) return;

    const client = this.clientFor(mailbox);
    this.idlers.set(mailbox.id, client);
    client.on('exists', () => void this.poll(mailbox.id).catch(() => undefined));
    client.on('close', () => this.idlers.delete(mailbox.id));
    client
      .connect()
      .then(async () => {
        if (!client.capabilities.has('IDLE')) return client.logout();

        await client.mailboxOpen(mailbox.folder, { readOnly: true });
        // imapflow would enter IDLE only after some seconds without commands; start it now.
        void client.idle().catch(() => undefined);
      })
      .catch((error: unknown) => {
        this.idlers.delete(mailbox.id);
        this.logger.warn(
          { err: error, mailboxId: mailbox.id },
          'IDLE connection failed; the timer keeps polling',
        );
      });
  }

  private clientFor(mailbox: Mailbox): ImapFlow {
    const password = process.env[mailbox.passwordVariable];
    if (password === undefined) {
      throw new Error(
        `environment variable ${mailbox.passwordVariable} with the password of mailbox ${mailbox.name} is not set`,
      );
    }

    return new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.secure,
      auth: { user: mailbox.username, pass: password },
      logger: false,
    });
  }
}
