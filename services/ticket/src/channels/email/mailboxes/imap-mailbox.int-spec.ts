import { ImapFlow } from 'imapflow';
import { waitFor } from '@deskflow/testing';
import { buildMail } from '../../../../test/support/mail-ingest';
import {
  DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../../../test/support/dovecot-server';
import { TicketServiceFixture } from '../../../../test/support/ticket-service.fixture';

const describeWithDovecot = dovecotAvailable ? describe : describe.skip;

describeWithDovecot('IMAP mailbox polling', () => {
  let dovecot: DovecotServer;
  let fixture: TicketServiceFixture;
  let imap: ImapFlow;
  let mailboxId: string;
  let queueId: string;

  beforeAll(async () => {
    dovecot = await startDovecot();
    fixture = await TicketServiceFixture.start({
      EMAIL_IMAP_POLL_SECONDS: '3600',
      IMAP_TEST_PASSWORD: dovecot.password,
    });
    imap = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await imap.connect();
    queueId = (await fixture.createQueue()).id;
  }, 60000);

  afterAll(async () => {
    await imap?.logout();
    await fixture?.close();
    await dovecot?.stop();
  });

  async function append(index: number): Promise<void> {
    await imap.append(
      'INBOX',
      buildMail({
        from: `imap${index}@example.org`,
        subject: `IMAP ${index}`,
        messageId: `<imap${index}@example.org>`,
      }),
    );
  }

  async function poll(): Promise<any> {
    return (
      await fixture.expectStatus(200, 'POST', `/channels/email/mailboxes/${mailboxId}/poll`, {
        token: fixture.admin.token,
      })
    ).body;
  }

  async function ticketsInQueue(): Promise<string[]> {
    const response = await fixture.expectStatus(200, 'GET', '/channels/email/messages?limit=500', {
      token: fixture.admin.token,
    });

    return response.body
      .filter((record: any) => record.mailboxId === mailboxId)
      .map((record: any) => record.ticketId);
  }

  it('rejects a mailbox with an invalid password variable', async () => {
    const response = await fixture.request('POST', '/channels/email/mailboxes', {
      token: fixture.admin.token,
      body: {
        name: 'x',
        address: 'x@example.com',
        host: '127.0.0.1',
        port: dovecot.port,
        username: 'desk',
        passwordVariable: 'lower-case',
        queueId,
      },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('passwordVariable');
  });

  it('takes each message once across polls', async () => {
    await append(1);
    await append(2);
    const mailbox = await fixture.expectStatus(201, 'POST', '/channels/email/mailboxes', {
      token: fixture.admin.token,
      body: {
        name: 'Support',
        address: 'imap-support@example.com',
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        username: dovecot.user,
        passwordVariable: 'IMAP_TEST_PASSWORD',
        queueId,
      },
    });
    mailboxId = mailbox.body.id;

    const first = await poll();
    const second = await poll();
    const stored = await fixture.expectStatus(
      200,
      'GET',
      `/channels/email/mailboxes/${mailboxId}`,
      { token: fixture.admin.token },
    );

    expect(first.taken).toBe(2);
    expect(second.taken).toBe(0);
    expect(stored.body.lastUid).toBe('2');
    expect(await ticketsInQueue()).toHaveLength(2);
  });

  it('puts tickets into the mailbox queue', async () => {
    const [ticketId] = await ticketsInQueue();
    const ticket = await fixture.expectStatus(200, 'GET', `/tickets/${ticketId}`, {
      token: fixture.admin.token,
    });

    expect(ticket.body.queueId ?? ticket.body.queue?.id).toBe(queueId);
  });

  it('takes new mail through IDLE without a poll', async () => {
    await append(3);

    await waitFor(async () => ((await ticketsInQueue()).length === 3 ? true : undefined), {
      timeoutMs: 20000,
      what: 'the IDLE-triggered poll',
    });
  });

  it('re-reads the folder after a UIDVALIDITY change without duplicates', async () => {
    const response = await fixture.request('PATCH', `/channels/email/mailboxes/${mailboxId}`, {
      token: fixture.admin.token,
      body: { active: true },
    });
    expect(response.status).toBe(200);
    // Joins or waits out a run that IDLE may still have going, so none overwrites the change below.
    await poll();
    // A different stored UIDVALIDITY stands for a server that renumbered the folder.
    const { Client } = await import('pg');
    const client = new Client({ connectionString: fixture.harness.db.url });
    await client.connect();
    await client.query(`UPDATE "ticket"."mailbox" SET "uid_validity" = 1 WHERE "id" = $1`, [
      mailboxId,
    ]);
    await client.end();

    const report = await poll();

    expect(report.uidValidityChanged).toBe(true);
    expect(await ticketsInQueue()).toHaveLength(3);
  });
});
