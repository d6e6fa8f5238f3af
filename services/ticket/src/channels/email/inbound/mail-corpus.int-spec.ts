import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TicketEvents } from '@deskflow/contracts';
import { EventCollector } from '../../../../test/support/event-collector';
import { TicketServiceFixture } from '../../../../test/support/ticket-service.fixture';

/** The test data folder: DESKFLOW_DATA_DIR, or `shared/data` beside the repository. */
const DATA_DIR =
  process.env.DESKFLOW_DATA_DIR ?? resolve(__dirname, '../../../../../../../shared/data');
const EMAIL_DIR = join(DATA_DIR, 'emails');
const describeWithCorpus = existsSync(EMAIL_DIR) ? describe : describe.skip;

interface CorpusEntry {
  file: string;
  category: string;
  thread: string | null;
}

function readManifest(): CorpusEntry[] {
  const manifest = join(EMAIL_DIR, 'manifest.jsonl');
  if (existsSync(manifest)) {
    return readFileSync(manifest, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CorpusEntry);
  }

  return readdirSync(EMAIL_DIR)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => ({ file, category: 'unknown', thread: null }));
}

function sentAt(raw: Buffer): number {
  const date = /^Date:\s*(.+)$/im.exec(raw.toString('latin1'))?.[1];

  return date ? Date.parse(date) || 0 : 0;
}

describeWithCorpus('mail corpus ingestion', () => {
  let fixture: TicketServiceFixture;
  const events = new EventCollector();

  beforeAll(async () => {
    fixture = await TicketServiceFixture.start({
      EMAIL_DESK_ADDRESSES: 'support@example.com',
      MAIL_DOMAIN: 'support.example.com',
    });
    await events.start();
  }, 60000);

  afterAll(async () => {
    await events.stop();
    await fixture.close();
  });

  it('ingests every message without loss', async () => {
    const entries = readManifest().map((entry) => ({
      ...entry,
      raw: readFileSync(join(EMAIL_DIR, entry.file)),
    }));
    // Threads go in the order they were sent, so that each reply finds its parent.
    entries.sort(
      (a, b) =>
        (a.thread ?? '').localeCompare(b.thread ?? '') ||
        sentAt(a.raw) - sentAt(b.raw) ||
        a.file.localeCompare(b.file),
    );
    const results: { entry: CorpusEntry; status: number; body: any }[] = [];
    for (const entry of entries) {
      const response = await fixture.request('POST', '/channels/email/inbound', {
        token: fixture.admin.token,
        rawBody: entry.raw,
        headers: { 'content-type': 'message/rfc822' },
      });
      results.push({ entry, status: response.status, body: response.body });
    }

    const counts: Record<string, number> = {};
    for (const { status, body } of results) {
      let detail = '';
      if (body.duplicate) detail = ' (same Message-ID and body as an earlier file)';
      if (body.status === 'ignored') detail = ` (${body.reason})`;
      const key = status === 200 ? `${body.status}${detail}` : `HTTP ${status}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    // The counts are the result this test reports.
    console.info(`mail corpus: ${results.length} messages`, counts);

    const failed = results.filter(
      ({ status, body }) =>
        status !== 200 ||
        !['ticket_created', 'article_added', 'note_added', 'ignored'].includes(body.status),
    );
    expect(
      failed.map(({ entry, status, body }) => `${entry.file}: ${status} ${JSON.stringify(body)}`),
    ).toEqual([]);
    const untracked = results.filter(({ body }) => body.status === 'ignored' && !body.reason);
    expect(untracked).toEqual([]);

    const threads = new Map<string, Set<string>>();
    for (const { entry, body } of results) {
      if (!entry.thread || !body.ticketId) continue;
      threads.set(entry.thread, (threads.get(entry.thread) ?? new Set()).add(body.ticketId));
    }
    for (const [thread, tickets] of threads) {
      expect(`${thread}: ${tickets.size} ticket(s)`).toBe(`${thread}: 1 ticket(s)`);
    }

    const noisy = results.filter(
      ({ entry, body }) =>
        ['bounce', 'autoreply'].includes(entry.category) && body.status === 'ticket_created',
    );
    const answered: string[] = [];
    for (const { entry, body } of noisy) {
      const created = await events.waitFor(
        TicketEvents.created.type,
        (event) => event.subject === body.ticketId,
      );
      if (!created.data.suppressAutoReply) answered.push(entry.file);
    }
    expect(answered).toEqual([]);
  }, 300000);
});
