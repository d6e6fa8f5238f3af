import { Client } from 'pg';
import { rootLogger } from '@deskflow/observability';
import { ALERT_PLANNED_CHANNEL } from './alert-planner';

/**
 * Listens for planned alerts on a connection of its own and passes each earliest due time on.
 * After a connection error it connects again at the next `listen` call, and the worker's poll
 * interval covers the notifications lost meanwhile.
 */
export class AlertPlannedListener {
  private readonly logger = rootLogger().child({ context: 'AlertPlannedListener' });
  private client: Client | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly onPlanned: (dueAtMs: number) => void,
  ) {}

  /** Connects and subscribes unless already listening. */
  async listen(): Promise<void> {
    if (this.client) return;

    const client = new Client({ connectionString: this.databaseUrl });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'alert notification connection failed, reconnecting');
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
    });
    client.on('notification', (message) => {
      const dueAtMs = Number(message.payload);
      if (Number.isFinite(dueAtMs)) this.onPlanned(dueAtMs);
    });
    await client.connect();
    try {
      await client.query(`LISTEN "${ALERT_PLANNED_CHANNEL}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
