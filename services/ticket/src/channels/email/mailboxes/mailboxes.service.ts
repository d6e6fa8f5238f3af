import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, ValidationFailedError } from '@deskflow/http';
import { definedOnly } from '../../../common/defined-only';
import { CreateMailboxDto, UpdateMailboxDto } from './dto/mailbox.dto';

export interface Mailbox {
  id: string;
  name: string;
  address: string;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  passwordVariable: string;
  folder: string;
  queueId: string;
  active: boolean;
  /** UIDVALIDITY of the folder when it was last read; a change means every UID was reassigned. */
  uidValidity: string | null;
  /** The highest UID taken into the desk; the next poll starts after it. */
  lastUid: string;
  lastPolledAt: Date | null;
  lastError: string | null;
}

const COLUMNS = `"id", "name", "address", "host", "port", "secure", "username", "password_variable" AS "passwordVariable",
  "folder", "queue_id" AS "queueId", "active", "uid_validity"::text AS "uidValidity", "last_uid"::text AS "lastUid",
  "last_polled_at" AS "lastPolledAt", "last_error" AS "lastError"`;

const WRITABLE: Record<string, string> = {
  name: 'name',
  address: 'address',
  host: 'host',
  port: 'port',
  secure: 'secure',
  username: 'username',
  passwordVariable: 'password_variable',
  folder: 'folder',
  queueId: 'queue_id',
  active: 'active',
};

/** Stores IMAP mailboxes and their checkpoints. */
@Injectable()
export class MailboxesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(activeOnly = false): Promise<Mailbox[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM "ticket"."mailbox" ${activeOnly ? 'WHERE "active"' : ''} ORDER BY "name"`,
    );
  }

  async get(id: string): Promise<Mailbox> {
    const rows: Mailbox[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "ticket"."mailbox" WHERE "id" = $1`,
      [id],
    );
    if (!rows[0]) throw new NotFoundError(`mailbox ${id}`);

    return rows[0];
  }

  async create(input: CreateMailboxDto): Promise<Mailbox> {
    const values = {
      folder: 'INBOX',
      secure: true,
      active: true,
      ...definedOnly(input),
      address: input.address.toLowerCase(),
    };
    const names = Object.keys(values).filter((key) => key in WRITABLE);
    const rows: Mailbox[] = await this.dataSource
      .query(
        `INSERT INTO "ticket"."mailbox" (${names.map((name) => `"${WRITABLE[name]}"`).join(', ')})
         VALUES (${names.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING ${COLUMNS}`,
        names.map((name) => values[name as keyof typeof values]),
      )
      .catch((error: unknown) => this.rethrow(error));

    return rows[0];
  }

  async update(id: string, input: UpdateMailboxDto): Promise<Mailbox> {
    const names = Object.keys(input).filter(
      (key) => key in WRITABLE && input[key as keyof UpdateMailboxDto] !== undefined,
    );
    if (names.length === 0) return this.get(id);

    const assignments = names
      .map((name, index) => `"${WRITABLE[name]}" = $${index + 2}`)
      .join(', ');
    const rows: [Mailbox[], number] = await this.dataSource
      .query(
        `UPDATE "ticket"."mailbox" SET ${assignments}, "updated_at" = now() WHERE "id" = $1 RETURNING ${COLUMNS}`,
        [id, ...names.map((name) => input[name as keyof UpdateMailboxDto])],
      )
      .catch((error: unknown) => this.rethrow(error));
    if (!rows[0]?.[0]) throw new NotFoundError(`mailbox ${id}`);

    return rows[0][0];
  }

  async remove(id: string): Promise<void> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM "ticket"."mailbox" WHERE "id" = $1`,
      [id],
    );
    if (result[1] === 0) throw new NotFoundError(`mailbox ${id}`);
  }

  /** Moves the checkpoint after a message was taken in, so a restart neither repeats nor skips it. */
  async checkpoint(id: string, uidValidity: bigint, lastUid: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "ticket"."mailbox" SET "uid_validity" = $2, "last_uid" = $3 WHERE "id" = $1`,
      [id, uidValidity.toString(), lastUid],
    );
  }

  async recordPoll(id: string, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE "ticket"."mailbox" SET "last_polled_at" = now(), "last_error" = $2 WHERE "id" = $1`,
      [id, error],
    );
  }

  private rethrow(error: unknown): never {
    const code =
      (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
      (error as { code?: string }).code;
    if (code === '23505')
      throw new ConflictError('mailbox_exists', 'a mailbox with this name exists', [
        { field: 'name', reason: 'already used' },
      ]);
    if (code === '23503')
      throw new ValidationFailedError([{ field: 'queueId', reason: 'no such queue' }]);
    throw error;
  }
}
