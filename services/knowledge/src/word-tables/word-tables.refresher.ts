import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { rootLogger } from '@deskflow/observability';
import { rebuildQueuedVectors, refreshCompoundSplits } from './compound-resplit';
import { PruneOptions, WordTablePrune } from './word-table-prune';

/** Milliseconds between runs: four hours. */
const DEFAULT_INTERVAL_MS = 4 * 60 * 60_000;
/** Maximum time between checks whether a run is due. A shorter interval ends with a check. */
const CHECK_EVERY_MS = 10 * 60_000;
/** Name of the job in `knowledge.maintenance_run`. */
const JOB_NAME = 'word-tables';
/** Maximum delay of setInterval. Node.js runs a timer with a longer delay after 1 ms. */
const MAX_INTERVAL_MS = 2 ** 31 - 1;
/** Milliseconds between cancels of a running statement during a shutdown. */
const CANCEL_EVERY_MS = 250;
/** Session advisory lock held for a whole run, so one replica runs at a time. */
const RUN_LOCK = `hashtext('knowledge:word-tables')`;
/**
 * Articles per vector rebuild statement. Indexing an article takes a few milliseconds (an
 * estimate), so a save of one of them waits for well under a second.
 */
const REBUILD_BATCH_SIZE = 25;

const PRUNE_SETTINGS: Omit<PruneOptions, 'shouldStop'> = {
  batchSize: 500,
  lockAttempts: 20,
  lockRetryMs: 50,
};

/** Rows removed, splits changed and vectors rebuilt by one run. */
export interface WordTablesReport {
  removedLexemes: number;
  removedTitleWords: number;
  removedForms: number;
  removedCompoundSplits: number;
  changedSplits: number;
  queuedArticles: number;
  rebuiltArticles: number;
  /** False when a shutdown or busy locks stopped the run before its end. */
  complete: boolean;
}

/**
 * Reads KNOWLEDGE_WORD_TABLES_INTERVAL_MS: whole milliseconds between runs, 0 to turn the job off.
 */
export function wordTablesInterval(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_INTERVAL_MS;

  const interval = Number(value);
  if (!Number.isInteger(interval) || interval < 0 || interval > MAX_INTERVAL_MS) {
    throw new Error(
      `KNOWLEDGE_WORD_TABLES_INTERVAL_MS must be whole milliseconds from 0 (off) to ` +
        `${MAX_INTERVAL_MS}, got "${value}"`,
    );
  }

  return interval;
}

/**
 * Keeps the word tables that triggers fill on every save to the words the articles have now. Once
 * per interval it removes the words no article produces any more, splits the stored compounds
 * again, and rebuilds the vectors of the articles whose compounds split differently. A session
 * advisory lock lets one replica run at a time. Each replica checks every 10 minutes whether the
 * last complete run of any replica is an interval old, so a rollout does not start a run on every
 * replica, and frequent restarts do not keep the job from running.
 */
@Injectable()
export class WordTablesRefresher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'WordTablesRefresher' });
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Process id of the Postgres backend that runs the current pass. */
  private runningBackend: number | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const interval = wordTablesInterval(process.env.KNOWLEDGE_WORD_TABLES_INTERVAL_MS);
    if (interval === 0) return;

    this.timer = setInterval(() => this.start(interval), Math.min(interval, CHECK_EVERY_MS));
    this.timer.unref();
  }

  /**
   * Stops a running pass: its batches check for the shutdown, and the statement it runs is
   * cancelled, because the read of every article that starts a pass took about 25 s at 100,000
   * articles. The cancel repeats until the pass ends, as one sent between two statements is lost.
   * The next run starts over.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    const cancelling = setInterval(() => void this.cancelRunningStatement(), CANCEL_EVERY_MS);
    try {
      await this.cancelRunningStatement();
      await this.running;
    } finally {
      clearInterval(cancelling);
    }
  }

  private async cancelRunningStatement(): Promise<void> {
    const backend = this.runningBackend;
    if (backend === undefined) return;

    try {
      await this.dataSource.query('SELECT pg_cancel_backend($1)', [backend]);
    } catch (error) {
      this.logger.warn({ err: error, backend }, 'cancelling the word table statement failed');
    }
  }

  /**
   * Runs one pass and returns its report. Returns undefined when another replica holds the lock,
   * or when `dueAfterMs` is given and the last complete run finished less than that long ago.
   */
  async refresh(dueAfterMs?: number): Promise<WordTablesReport | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(${RUN_LOCK}) AS locked`);
      if (!locked) return undefined;

      try {
        if (dueAfterMs !== undefined && !(await isDue(runner, dueAfterMs))) return undefined;

        const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
        this.runningBackend = pid;
        let report: WordTablesReport;
        try {
          report = await this.maintain(runner);
        } finally {
          this.runningBackend = undefined;
        }
        if (report.complete) {
          await runner.query(
            `INSERT INTO knowledge.maintenance_run (name, finished_at) VALUES ($1, now())
             ON CONFLICT (name) DO UPDATE SET finished_at = excluded.finished_at`,
            [JOB_NAME],
          );
        }

        return report;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${RUN_LOCK})`);
      }
    } finally {
      await runner.release();
    }
  }

  private async maintain(runner: QueryRunner): Promise<WordTablesReport> {
    const shouldStop = () => this.stopping;
    const pruned = await new WordTablePrune(runner, { ...PRUNE_SETTINGS, shouldStop }).run();
    // Splitting after the prune drops parts that no article has any more.
    const resplit = await refreshCompoundSplits(runner, shouldStop);
    const rebuilt = await rebuildQueuedVectors(runner, REBUILD_BATCH_SIZE, shouldStop);

    return {
      removedLexemes: pruned.lexemes,
      removedTitleWords: pruned.titleWords,
      removedForms: pruned.forms,
      removedCompoundSplits: pruned.compoundSplits,
      changedSplits: resplit.changedSplits,
      queuedArticles: resplit.queuedArticles,
      rebuiltArticles: rebuilt.rebuiltArticles,
      complete: pruned.complete && resplit.complete && rebuilt.complete,
    };
  }

  private start(interval: number): void {
    this.running = this.running.then(() => this.refreshLogged(interval));
  }

  private async refreshLogged(interval: number): Promise<void> {
    if (this.stopping) return;

    const started = Date.now();
    try {
      const report = await this.refresh(interval);
      if (!report) {
        this.logger.debug('word table maintenance skipped: not due, or another replica runs it');
      } else {
        this.logger.info({ ...report, durationMs: Date.now() - started }, 'word tables maintained');
      }
    } catch (error) {
      if (this.stopping) {
        this.logger.info(
          { durationMs: Date.now() - started },
          'word table maintenance stopped by shutdown',
        );
      } else {
        this.logger.warn(
          { err: error, durationMs: Date.now() - started },
          'word table maintenance failed; the next run retries',
        );
      }
    }
  }
}

/** Tells whether no complete run finished within the last `intervalMs`. */
async function isDue(runner: QueryRunner, intervalMs: number): Promise<boolean> {
  const [{ due }] = await runner.query(
    `SELECT NOT EXISTS (
       SELECT 1 FROM knowledge.maintenance_run
       WHERE name = $1 AND finished_at > now() - make_interval(secs => $2 / 1000.0)) AS due`,
    [JOB_NAME, intervalMs],
  );

  return due;
}
