import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { extractMessageIds } from '../parsing/message-ids';

export type InboundMailStatus =
  | 'received'
  | 'ticket_created'
  | 'article_added'
  | 'note_added'
  | 'ignored'
  | 'failed';

/** One stored inbound message and what became of it. */
export interface InboundMailRecord {
  id: string;
  messageId: string;
  status: InboundMailStatus;
  reason: string | null;
  ticketId: string | null;
  articleId: string | null;
  senderAddress: string | null;
  thirdParty: boolean;
  autoReplyMarkers: string[];
  mailboxId: string | null;
  receivedAt: Date;
}

export interface MailOutcome {
  status: Exclude<InboundMailStatus, 'received'>;
  reason: string | null;
  ticketId: string | null;
  articleId: string | null;
  senderAddress: string | null;
  thirdParty: boolean;
  autoReplyMarkers: string[];
}

const COLUMNS = `"id", "message_id" AS "messageId", "status", "reason", "ticket_id" AS "ticketId",
  "article_id" AS "articleId", "sender_address" AS "senderAddress", "third_party" AS "thirdParty",
  "auto_reply_markers" AS "autoReplyMarkers", "mailbox_id" AS "mailboxId", "received_at" AS "receivedAt"`;

/**
 * Reads the Message-ID from the raw header block without a MIME parser, so that the raw
 * source is stored before parsing can fail. A message without one gets an id derived from its
 * bytes, so the same bytes delivered twice still count as one message.
 */
export function storageMessageId(raw: Buffer): string {
  const headerEnd = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const headerBlock = raw
    .subarray(0, headerEnd >= 0 ? headerEnd : Math.min(raw.length, 65536))
    .toString('latin1');
  const unfolded = headerBlock.replace(/\r?\n[ \t]+/g, ' ');
  const value = /^Message-ID:[ \t]*(.*)$/im.exec(unfolded)?.[1];
  const id = extractMessageIds(value)[0];

  return id ?? `<${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid>`;
}

/**
 * Hashes the body after the header block, with line endings normalised. Deliveries of one
 * message through different paths (a second mailbox, an MTA retry, an IMAP re-fetch) differ
 * only in their trace headers. Different messages that reuse a Message-ID (broken clients,
 * copied test mail) differ in the body.
 */
export function bodyHash(raw: Buffer): string {
  const text = raw.toString('latin1');
  const separator = /\r?\n\r?\n/.exec(text);
  const body = separator ? text.slice(separator.index + separator[0].length) : '';
  const normalised = body
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();

  return createHash('sha256').update(normalised, 'latin1').digest('hex');
}

/** The `inbound_mail` table: raw sources first, then the outcome of processing each. */
@Injectable()
export class MailStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the raw message unless the same message is stored; returns the row either way. */
  async storeRaw(
    raw: Buffer,
    mailboxId: string | null,
  ): Promise<{ record: InboundMailRecord; created: boolean }> {
    const messageId = storageMessageId(raw);
    const body = bodyHash(raw);
    const inserted: InboundMailRecord[] = await this.dataSource.query(
      `INSERT INTO "ticket"."inbound_mail" ("message_id", "raw", "raw_sha256", "body_sha256", "mailbox_id")
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("message_id", "body_sha256") DO NOTHING RETURNING ${COLUMNS}`,
      [messageId, raw, createHash('sha256').update(raw).digest('hex'), body, mailboxId],
    );
    if (inserted.length > 0) return { record: inserted[0], created: true };

    const existing: InboundMailRecord[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "ticket"."inbound_mail" WHERE "message_id" = $1 AND "body_sha256" = $2`,
      [messageId, body],
    );

    return { record: existing[0], created: false };
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<InboundMailRecord | null> {
    const rows: InboundMailRecord[] = await manager.query(
      `SELECT ${COLUMNS} FROM "ticket"."inbound_mail" WHERE "id" = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );

    return rows[0] ?? null;
  }

  /** Checks whether an earlier message with another body, or an article, already uses this Message-ID. */
  async messageIdTaken(manager: EntityManager, record: InboundMailRecord): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM "ticket"."inbound_mail" WHERE "message_id" = $1 AND "id" <> $2 AND "received_at" <= $3
       UNION ALL SELECT 1 FROM "ticket"."article" WHERE "message_id" = $1 LIMIT 1`,
      [record.messageId, record.id, record.receivedAt],
    );

    return rows.length > 0;
  }

  async rawOf(id: string): Promise<Buffer> {
    const rows: { raw: Buffer }[] = await this.dataSource.query(
      `SELECT "raw" FROM "ticket"."inbound_mail" WHERE "id" = $1`,
      [id],
    );

    return rows[0].raw;
  }

  async list(
    filter: { ticketId?: string; status?: string },
    limit: number,
  ): Promise<InboundMailRecord[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM "ticket"."inbound_mail"
       WHERE ($1::uuid IS NULL OR "ticket_id" = $1) AND ($2::text IS NULL OR "status" = $2)
       ORDER BY "received_at", "id" LIMIT $3`,
      [filter.ticketId ?? null, filter.status ?? null, limit],
    );
  }

  async recordOutcome(manager: EntityManager, id: string, outcome: MailOutcome): Promise<void> {
    await manager.query(
      `UPDATE "ticket"."inbound_mail" SET "status" = $2, "reason" = $3, "ticket_id" = $4, "article_id" = $5,
         "sender_address" = $6, "third_party" = $7, "auto_reply_markers" = $8, "processed_at" = now(),
         "attempts" = "attempts" + 1
       WHERE "id" = $1`,
      [
        id,
        outcome.status,
        outcome.reason,
        outcome.ticketId,
        outcome.articleId,
        outcome.senderAddress,
        outcome.thirdParty,
        outcome.autoReplyMarkers,
      ],
    );
  }
}
