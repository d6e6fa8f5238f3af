import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '@deskflow/http';
import { maskEmail, rootLogger } from '@deskflow/observability';
import { SYSTEM_ACTOR } from '../../../common/ticket-actor';
import { TicketCreationService } from '../../../tickets/ticket-creation.service';
import { EMAIL_SETTINGS, EmailSettings } from '../email-settings';
import { parseMail } from '../parsing/mail-parser';
import { unreadableNote } from './mail-article-input';
import { MailRouter, UNKNOWN_SENDER } from './mail-router';
import { MailSenders } from './mail-senders';
import { InboundMailRecord, MailOutcome, MailStore } from './mail-store';

export interface IngestResult extends MailOutcome {
  id: string;
  messageId: string;
  /** True when the Message-ID was processed before and this pass changed nothing. */
  duplicate: boolean;
}

export class MessageTooLargeError extends AppError {
  constructor(size: number, limit: number) {
    super('payload_too_large', `the message has ${size} bytes; the limit is ${limit}`, 413, [
      { field: 'body', reason: `at most ${limit} bytes (EMAIL_MAX_MESSAGE_BYTES)` },
    ]);
  }
}

function resultOf(
  record: InboundMailRecord | (MailOutcome & { id: string; messageId: string }),
  duplicate: boolean,
): IngestResult {
  return {
    id: record.id,
    messageId: record.messageId,
    status: record.status as MailOutcome['status'],
    reason: record.reason,
    ticketId: record.ticketId,
    articleId: record.articleId,
    senderAddress: record.senderAddress,
    thirdParty: record.thirdParty,
    autoReplyMarkers: record.autoReplyMarkers,
    duplicate,
  };
}

/**
 * Takes raw messages from the MTA endpoint and the IMAP pollers. The raw source is committed
 * first. Processing then runs in one transaction that locks the stored row, so a message
 * handed in twice (also concurrently) yields one ticket or article and one event.
 */
@Injectable()
export class MailIngestionService {
  private readonly logger = rootLogger().child({ context: 'MailIngestionService' });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
    private readonly store: MailStore,
    private readonly router: MailRouter,
    private readonly senders: MailSenders,
    private readonly creation: TicketCreationService,
  ) {}

  async ingest(raw: Buffer, mailboxId: string | null = null): Promise<IngestResult> {
    if (raw.length > this.settings.maxMessageBytes)
      throw new MessageTooLargeError(raw.length, this.settings.maxMessageBytes);

    const { record } = await this.store.storeRaw(raw, mailboxId);
    if (record.status !== 'received' && record.status !== 'failed') return resultOf(record, true);

    try {
      return await this.dataSource.transaction((manager) => this.processLocked(manager, record.id));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        { err: error, inboundMailId: record.id },
        'processing an inbound mail failed; opening a ticket with its source',
      );

      return this.dataSource.transaction((manager) =>
        this.openUnreadable(manager, record.id, `processing failed: ${message}`),
      );
    }
  }

  private async processLocked(manager: EntityManager, id: string): Promise<IngestResult> {
    const record = (await this.store.findById(id, manager, true))!;
    if (record.status !== 'received' && record.status !== 'failed') return resultOf(record, true);

    const raw = await this.store.rawOf(record.id);
    let mail;
    try {
      mail = await parseMail(raw);
    } catch (error) {
      return this.openUnreadableLocked(
        manager,
        record,
        raw,
        `parsing failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

    const outcome = await this.router.route({
      manager,
      record,
      mail,
      raw,
      deskAddresses: await this.deskAddresses(manager),
      articleMessageId: (await this.store.messageIdTaken(manager, record))
        ? null
        : record.messageId,
      queueId: await this.queueOf(manager, record.mailboxId),
    });
    await this.store.recordOutcome(manager, record.id, outcome);
    this.logger.info(
      {
        inboundMailId: record.id,
        status: outcome.status,
        ticketId: outcome.ticketId,
        sender: maskEmail(outcome.senderAddress ?? ''),
      },
      'inbound mail processed',
    );

    return resultOf({ ...outcome, id: record.id, messageId: record.messageId }, false);
  }

  private async openUnreadable(
    manager: EntityManager,
    id: string,
    error: string,
  ): Promise<IngestResult> {
    const record = (await this.store.findById(id, manager, true))!;
    if (record.status !== 'received' && record.status !== 'failed') return resultOf(record, true);

    return this.openUnreadableLocked(manager, record, await this.store.rawOf(record.id), error);
  }

  /** Opens a ticket for a message that could not be handled, with its source and the error. */
  private async openUnreadableLocked(
    manager: EntityManager,
    record: InboundMailRecord,
    raw: Buffer,
    error: string,
  ): Promise<IngestResult> {
    const customer = await this.senders.customerFor(manager, UNKNOWN_SENDER);
    const created = await this.creation.createWithin(manager, SYSTEM_ACTOR, {
      title: 'Unreadable incoming message',
      channel: 'email',
      customerId: customer.id,
      queueId: (await this.queueOf(manager, record.mailboxId)) ?? undefined,
      article: unreadableNote(
        (await this.store.messageIdTaken(manager, record)) ? null : record.messageId,
        raw,
        error.slice(0, 500),
      ),
      suppressAutoReply: true,
    });
    const outcome: MailOutcome = {
      status: 'ticket_created',
      reason: error.slice(0, 1000),
      ticketId: created.ticket.id,
      articleId: created.article?.article.id ?? null,
      senderAddress: null,
      thirdParty: false,
      autoReplyMarkers: [],
    };
    await this.store.recordOutcome(manager, record.id, outcome);

    return resultOf({ ...outcome, id: record.id, messageId: record.messageId }, false);
  }

  /** Collects the configured desk addresses, every queue's sender address and every mailbox address. */
  private async deskAddresses(manager: EntityManager): Promise<Set<string>> {
    const rows: { address: string }[] = await manager.query(
      `SELECT lower("sender_email") AS "address" FROM "ticket"."queue" WHERE "sender_email" IS NOT NULL
       UNION SELECT lower("address") FROM "ticket"."mailbox"`,
    );

    return new Set([...this.settings.deskAddresses, ...rows.map((row) => row.address)]);
  }

  private async queueOf(manager: EntityManager, mailboxId: string | null): Promise<string | null> {
    if (!mailboxId) return null;

    const rows: { queueId: string }[] = await manager.query(
      `SELECT "queue_id" AS "queueId" FROM "ticket"."mailbox" WHERE "id" = $1`,
      [mailboxId],
    );

    return rows[0]?.queueId ?? null;
  }
}
