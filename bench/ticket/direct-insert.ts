import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** The JSON the service stored for one of its tickets, so the SQL side writes rows of equal size. */
export interface SamplePayloads {
  event: string;
  history: string;
}

export async function samplePayloads(pool: Pool): Promise<SamplePayloads> {
  const event = await pool.query(
    `SELECT "data"::text AS "json" FROM "ticket"."outbox_event" WHERE "type" = 'ticket.created' LIMIT 1`,
  );
  const history = await pool.query(
    `SELECT "new_value"::text AS "json" FROM "ticket"."ticket_history" WHERE "field" = 'created' LIMIT 1`,
  );

  return { event: event.rows[0].json, history: history.rows[0].json };
}

/** Inserts the rows of one ticket creation as plain SQL: counter, ticket, article, history, event. */
export async function insertDirectly(
  pool: Pool,
  payloads: SamplePayloads,
  queueId: string,
  customerId: string,
  index: number,
): Promise<void> {
  const counter = await pool.query(
    `INSERT INTO "ticket"."ticket_number_counter" AS c ("day", "last_value") VALUES (current_date + 1, 1)
     ON CONFLICT ("day") DO UPDATE SET "last_value" = c."last_value" + 1 RETURNING c."last_value"`,
  );
  const client = await pool.connect();
  try {
    const ticketId = randomUUID();
    const articleId = randomUUID();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "ticket"."ticket" ("id", "number", "title", "state", "state_type", "priority", "type", "channel", "queue_id", "customer_id")
       VALUES ($1, $2, $3, 'new', 'new', 'P3', 'incident', 'phone', $4, $5)`,
      [ticketId, `sql${counter.rows[0].last_value}`, `SQL ${index}`, queueId, customerId],
    );
    await client.query(
      `INSERT INTO "ticket"."article" ("id", "ticket_id", "origin_ticket_id", "kind", "sender_type", "visibility", "channel", "body_text")
       VALUES ($1, $2, $2, 'message', 'customer', 'public', 'phone', $3)`,
      [articleId, ticketId, `Body ${index}`],
    );
    await client.query(
      `INSERT INTO "ticket"."ticket_history" ("ticket_id", "actor", "field", "old_value", "new_value") VALUES ($1, 'bench', 'created', 'null', $2)`,
      [ticketId, payloads.history],
    );
    await client.query(
      `INSERT INTO "ticket"."outbox_event" ("id", "topic", "message_key", "type", "source", "dataschema", "actor", "correlation_id", "data", "published_at")
       VALUES ($1, 'bench', $2, 'ticket.created', 'bench', 'bench', 'bench', $3, $4, now())`,
      [randomUUID(), ticketId, randomUUID(), payloads.event],
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
