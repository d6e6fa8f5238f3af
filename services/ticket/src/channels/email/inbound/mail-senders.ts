import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Customer } from '../../../people/customer.entity';
import { CustomersService } from '../../../people/customers.service';
import { EMAIL_SETTINGS, EmailSettings } from '../email-settings';
import { MailAddress } from '../parsing/parsed-mail';

/**
 * Resolves who sent a mail (an agent, or a customer created on first contact) and enforces
 * the per-sender limits that keep mail loops and storms from multiplying tickets and acknowledgements.
 */
@Injectable()
export class MailSenders {
  constructor(
    private readonly customers: CustomersService,
    @Inject(EMAIL_SETTINGS) private readonly settings: EmailSettings,
  ) {}

  async agentIdOf(manager: EntityManager, address: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT "id" FROM "ticket"."agent" WHERE lower("email") = lower($1) AND "active"`,
      [address],
    );

    return rows[0]?.id ?? null;
  }

  /** Finds or creates the customer, joining the organisation mapped to the address's domain. */
  async customerFor(manager: EntityManager, sender: MailAddress): Promise<Customer> {
    const customer = await this.customers.findOrCreateByEmail(
      manager,
      sender.address,
      sender.name || undefined,
    );
    if (customer.organisationId) return customer;

    const domain = sender.address.split('@')[1] ?? '';
    const rows: { organisationId: string }[] = await manager.query(
      `UPDATE "ticket"."customer" c SET "organisation_id" = d."organisation_id", "updated_at" = now()
       FROM "ticket"."organisation_mail_domain" d
       WHERE c."id" = $1 AND c."organisation_id" IS NULL AND d."domain" = lower($2)
       RETURNING c."organisation_id" AS "organisationId"`,
      [customer.id, domain],
    );
    if (rows[0]) customer.organisationId = rows[0].organisationId;

    return customer;
  }

  /**
   * Counts one acknowledgement against the sender's quota and returns whether it is allowed.
   * The quota row is updated in the caller's transaction, so a rolled-back mail gives it back.
   */
  async grantAcknowledgement(manager: EntityManager, address: string): Promise<boolean> {
    const rows: { granted: number }[] = await manager.query(
      `INSERT INTO "ticket"."acknowledgement_quota" AS q ("address", "window_start", "granted") VALUES ($1, now(), 1)
       ON CONFLICT ("address") DO UPDATE SET
         "granted" = CASE WHEN q."window_start" <= now() - make_interval(hours => $2) THEN 1 ELSE q."granted" + 1 END,
         "window_start" = CASE WHEN q."window_start" <= now() - make_interval(hours => $2) THEN now() ELSE q."window_start" END
       RETURNING "granted"`,
      [address, this.settings.acknowledgementWindowHours],
    );

    return rows[0].granted <= this.settings.acknowledgementCap;
  }

  /**
   * Returns the sender's latest mail ticket when they opened the hourly maximum of tickets by
   * mail already, so that a storm of unthreaded mail lands on one ticket instead of hundreds.
   * A per-sender transaction lock makes concurrent mail from one sender count in turn.
   */
  async stormTicketOf(manager: EntityManager, address: string): Promise<string | null> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('inbound-mail-sender:' || lower($1)))`,
      [address],
    );
    const rows: { opened: number; latest: string | null }[] = await manager.query(
      `SELECT count(*)::int AS "opened",
              (array_agg("ticket_id" ORDER BY "received_at" DESC))[1] AS "latest"
       FROM "ticket"."inbound_mail"
       WHERE lower("sender_address") = lower($1) AND "status" = 'ticket_created' AND "received_at" > now() - interval '1 hour'`,
      [address],
    );

    return rows[0].opened >= this.settings.senderTicketsPerHour ? rows[0].latest : null;
  }

  /** Remembers the sender and the To and Cc recipients as participants of the ticket. */
  async addParticipants(
    manager: EntityManager,
    ticketId: string,
    addresses: string[],
  ): Promise<void> {
    const desk = new Set(this.settings.deskAddresses);
    const people = [...new Set(addresses.map((address) => address.toLowerCase()))].filter(
      (address) => !desk.has(address),
    );
    if (people.length === 0) return;

    await manager.query(
      `INSERT INTO "ticket"."mail_participant" ("ticket_id", "address")
       SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [ticketId, people],
    );
  }
}
