import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rootLogger } from '@deskflow/observability';
import { COMMON_TERM_MIN_DOCUMENTS } from './suggestion-sql';

/** Milliseconds between rebuilds of the term statistics; KNOWLEDGE_TERM_STATS_INTERVAL_MS overrides it. */
const DEFAULT_INTERVAL_MS = 10 * 60_000;

/**
 * Rebuilds `knowledge.search_term_stat` at start and then periodically. A transaction-level
 * advisory lock lets one replica rebuild at a time; the others skip that round.
 */
@Injectable()
export class TermStatsRefresher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'TermStatsRefresher' });
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const interval = Number(process.env.KNOWLEDGE_TERM_STATS_INTERVAL_MS ?? DEFAULT_INTERVAL_MS);
    this.start();
    this.timer = setInterval(() => this.start(), interval);
    this.timer.unref();
  }

  /** Waits for a running rebuild, which would otherwise fail on the closing connection pool. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Rebuilds the statistics; returns false when another replica holds the lock. */
  async refresh(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('knowledge:term-stats')) AS locked`,
      );
      if (!locked) return false;

      await manager.query('SELECT knowledge.refresh_term_stats($1)', [COMMON_TERM_MIN_DOCUMENTS]);

      return true;
    });
  }

  private start(): void {
    this.running = this.running.then(() => this.refreshLogged());
  }

  private async refreshLogged(): Promise<void> {
    const started = Date.now();
    try {
      const refreshed = await this.refresh();
      if (refreshed)
        this.logger.debug({ durationMs: Date.now() - started }, 'term statistics rebuilt');
    } catch (error) {
      this.logger.warn(
        { err: error },
        'term statistics rebuild failed; suggestions keep the previous statistics',
      );
    }
  }
}
