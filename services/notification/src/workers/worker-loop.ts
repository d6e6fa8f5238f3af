import { Client } from 'pg';
import { rootLogger } from '@deskflow/observability';

export interface WorkerLoopOptions {
  name: string;
  databaseUrl: string;
  /** Postgres channel whose NOTIFY wakes the loop before the poll interval ends. */
  wakeChannel?: string;
  pollIntervalMs: number;
  /** One unit of work; returns true when it found work, so the loop runs again at once. */
  tick: () => Promise<boolean>;
}

const MAX_ERROR_BACKOFF_MS = 10_000;

/**
 * Runs a database-driven worker: it polls the table, and a NOTIFY from any replica wakes it
 * early. All state lives in rows, so a restarted or second replica continues where one stopped.
 */
export class WorkerLoop {
  private readonly logger;
  private stopping = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A NOTIFY that came while the loop was busy; the next sleep returns at once. */
  private wokenEarly = false;
  private listener: Client | undefined;

  constructor(private readonly options: WorkerLoopOptions) {
    this.logger = rootLogger().child({ context: 'WorkerLoop', worker: options.name });
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let errorBackoff = 200;
    this.logger.info('worker started');
    while (!this.stopping) {
      try {
        await this.ensureListener();
        const busy = await this.options.tick();
        errorBackoff = 200;
        if (!busy) await this.sleep(this.options.pollIntervalMs);
      } catch (error) {
        this.logger.warn({ err: error, retryInMs: errorBackoff }, 'worker tick failed, retrying');
        await this.sleep(errorBackoff);
        errorBackoff = Math.min(errorBackoff * 2, MAX_ERROR_BACKOFF_MS);
      }
    }
    this.logger.info('worker stopped');
  }

  private async ensureListener(): Promise<void> {
    if (!this.options.wakeChannel || this.listener) return;

    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('notification', () => this.notify());
    client.on('error', (error) => {
      this.logger.warn(
        { err: error },
        'worker lost its listening connection; polling until it reconnects',
      );
      this.listener = undefined;
    });
    await client.connect();
    await client.query(`LISTEN "${this.options.wakeChannel}"`);
    this.listener = client;
  }

  private notify(): void {
    if (this.wake) {
      this.wake();
    } else {
      this.wokenEarly = true;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping || this.wokenEarly) {
      this.wokenEarly = false;

      return Promise.resolve();
    }

    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** Runs `work` over `items` with at most `concurrency` calls in flight. */
export async function forEachConcurrently<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(lanes);
}
