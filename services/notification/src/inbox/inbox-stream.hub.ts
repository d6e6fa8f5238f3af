import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { rootLogger } from '@deskflow/observability';
import { INBOX_CHANNEL } from './inbox.service';

type Listener = (itemId: string) => void;

const RECONNECT_DELAY_MS = 1000;

/**
 * Fans inbox NOTIFY messages out to the open streams of this replica. Every replica listens on
 * Postgres, so an item added by any replica reaches a stream held by any other.
 */
@Injectable()
export class InboxStreamHub implements OnApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'InboxStreamHub' });
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private stopped = false;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {}

  /** Registers a listener for one agent; call the returned function to remove it. */
  async subscribe(agentId: string, listener: Listener): Promise<() => void> {
    await this.ensureListening();
    const set = this.listeners.get(agentId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(agentId, set);

    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(agentId);
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private ensureListening(): Promise<void> {
    this.connecting ??= this.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });

    return this.connecting;
  }

  private async connect(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url });
    client.on('notification', (message) => this.dispatch(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'inbox listener lost its database connection, reconnecting');
      this.client = undefined;
      this.connecting = undefined;
      if (!this.stopped)
        setTimeout(() => void this.ensureListening().catch(() => undefined), RECONNECT_DELAY_MS);
    });
    await client.connect();
    await client.query(`LISTEN "${INBOX_CHANNEL}"`);
    this.client = client;
  }

  private dispatch(payload: string | undefined): void {
    if (!payload) return;

    try {
      const { agentId, itemId } = JSON.parse(payload) as { agentId: string; itemId: string };
      for (const listener of this.listeners.get(agentId) ?? []) listener(itemId);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed inbox notification');
    }
  }
}
