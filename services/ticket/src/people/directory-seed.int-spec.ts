import { DataSource } from 'typeorm';
import { startServiceHarness } from '@deskflow/testing';
import { serviceAppOptions } from '../service.config';
import { EventCollector } from '../../test/support/event-collector';
import { TicketServiceFixture } from '../../test/support/ticket-service.fixture';

describe('directory events for seeded entries', () => {
  let service: TicketServiceFixture;
  const events = new EventCollector();

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    await events.start();
  });

  afterAll(async () => {
    await events.stop();
    await service.close();
  });

  async function countRecorded(type: string, subject: string): Promise<number> {
    const rows: { count: string }[] = await service.harness.app.get(DataSource).query(
      `SELECT count(*) AS "count" FROM "ticket"."outbox_event"
         WHERE "type" = $1 AND "message_key" = $2`,
      [type, subject],
    );

    return Number(rows[0].count);
  }

  async function defaultQueueId(): Promise<string> {
    const rows: { id: string }[] = await service.harness.app
      .get(DataSource)
      .query(`SELECT "id" FROM "ticket"."queue" WHERE "is_default"`);

    return rows[0].id;
  }

  it('publishes the seeded admin as an agent', async () => {
    const event = await events.waitFor(
      'directory.agent_changed',
      (candidate) => candidate.subject === service.admin.id,
    );

    expect(event.data.email).toBe('admin@deskflow.local');
    expect(event.data.role).toBe('admin');
    expect(event.data.active).toBe(true);
    expect(event.data.queueIds).toEqual([]);
  });

  it('publishes the default queue created by the migrations', async () => {
    const queueId = await defaultQueueId();

    const event = await events.waitFor(
      'directory.queue_changed',
      (candidate) => candidate.subject === queueId,
    );

    expect(event.data.name).toBe('General');
    expect(event.data.active).toBe(true);
  });

  it('publishes nothing again on restart', async () => {
    const queueId = await defaultQueueId();
    const restarted = await startServiceHarness(
      serviceAppOptions,
      {},
      { shareWith: service.harness },
    );
    await restarted.close();

    expect(await countRecorded('directory.agent_changed', service.admin.id)).toBe(1);
    expect(await countRecorded('directory.queue_changed', queueId)).toBe(1);
  });

  it('publishes an agent without event on restart', async () => {
    const dataSource = service.harness.app.get(DataSource);
    const inserted: { id: string }[] = await dataSource.query(
      `INSERT INTO "ticket"."agent" ("email", "name", "role")
       VALUES ('imported@desk.example', 'Imported', 'agent') RETURNING "id"`,
    );
    const agentId = inserted[0].id;

    const restarted = await startServiceHarness(
      serviceAppOptions,
      {},
      { shareWith: service.harness },
    );
    await restarted.close();

    const event = await events.waitFor(
      'directory.agent_changed',
      (candidate) => candidate.subject === agentId,
    );
    expect(event.data.email).toBe('imported@desk.example');
    expect(await countRecorded('directory.agent_changed', agentId)).toBe(1);
  });
});
