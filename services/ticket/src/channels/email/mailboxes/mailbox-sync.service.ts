import { Injectable } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { rootLogger } from '@deskflow/observability';
import { MailIngestionService, MessageTooLargeError } from '../inbound/mail-ingestion.service';
import { Mailbox, MailboxesService } from './mailboxes.service';

export interface SyncReport {
  taken: number;
  skippedTooLarge: number;
  uidValidityChanged: boolean;
}

/** Takes new messages from one IMAP folder into the desk, after the stored checkpoint. */
@Injectable()
export class MailboxSyncService {
  private readonly logger = rootLogger().child({ context: 'MailboxSyncService' });

  constructor(
    private readonly mailboxes: MailboxesService,
    private readonly ingestion: MailIngestionService,
  ) {}

  /**
   * Ingests every message above the checkpoint in UID order and moves the checkpoint after each.
   * A crash before the checkpoint moves takes that message again on the next run. Ingestion
   * recognises it by Message-ID and body, and no message is skipped. A changed UIDVALIDITY
   * means the server renumbered the folder, so the run starts from the first message again.
   */
  async sync(client: ImapFlow, mailbox: Mailbox): Promise<SyncReport> {
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const opened = client.mailbox;
      if (!opened) throw new Error(`folder ${mailbox.folder} could not be opened`);

      const uidValidityChanged =
        mailbox.uidValidity !== null && BigInt(mailbox.uidValidity) !== opened.uidValidity;
      const after = uidValidityChanged ? 0 : Number(mailbox.lastUid);
      const uids = ((await client.search({ uid: `${after + 1}:*` }, { uid: true })) || [])
        .filter((uid) => uid > after)
        .sort((a, b) => a - b);

      const report: SyncReport = { taken: 0, skippedTooLarge: 0, uidValidityChanged };
      for (const uid of uids) {
        await this.take(client, mailbox, uid, report);
        await this.mailboxes.checkpoint(mailbox.id, opened.uidValidity, uid);
      }

      return report;
    } finally {
      lock.release();
    }
  }

  private async take(
    client: ImapFlow,
    mailbox: Mailbox,
    uid: number,
    report: SyncReport,
  ): Promise<void> {
    const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) return;

    try {
      await this.ingestion.ingest(message.source, mailbox.id);
      report.taken += 1;
    } catch (error) {
      if (!(error instanceof MessageTooLargeError)) throw error;

      // NOTE: an oversized message stays in the IMAP folder unread; only this log records it.
      report.skippedTooLarge += 1;
      this.logger.warn(
        { mailboxId: mailbox.id, uid, size: message.source.length },
        'message over EMAIL_MAX_MESSAGE_BYTES left in the mailbox',
      );

      return;
    }
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  }
}
