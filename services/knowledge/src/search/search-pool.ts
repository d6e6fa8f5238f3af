import { createHash } from 'node:crypto';
import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { rootLogger } from '@deskflow/observability';

/**
 * Maximum connections of the search pool, unless KNOWLEDGE_SEARCH_POOL_SIZE sets another. With
 * Postgres on 2 cores, 4 connections took 10 to 15 % less Postgres CPU per search than 8, because
 * fewer statements competed for the cores (bench/knowledge/RESULTS.md).
 */
const DEFAULT_POOL_SIZE = 4;
/** Statement names kept; the statement shapes are far fewer, so the memory stays bounded. */
const MAX_NAMES = 256;
/** Session settings of the search connections (see `SearchPool`). */
export const SEARCH_SESSION_OPTIONS = [
  '-c plan_cache_mode=force_generic_plan',
  '-c jit=off',
  // The lowest similarity a broad search accepts for a title word (`LONG_WORD_SIMILARITY` in
  // search-sql.ts), far below the pg_trgm 1.6 default of 0.6: "drukcer" scores 0.375 against
  // "drucker".
  '-c pg_trgm.word_similarity_threshold=0.35',
].join(' ');

/**
 * Connections for the search and suggestion statements, apart from TypeORM's pool because they
 * run with settings other statements should not get (besides the trigram threshold that broad
 * searches compare titles with):
 *
 * - Each statement is prepared once per connection and always runs its generic plan. Planning
 *   one branch per index bucket took 2 to 6 ms, and Postgres 15 would keep planning the
 *   suggestion statement because its generic plan's estimated cost is higher than the custom
 *   plans' (`plan_cache_mode`).
 * - JIT compilation is off: it pays only for long queries, and a larger corpus would push the
 *   generic plan's estimate past `jit_above_cost`.
 */
@Injectable()
export class SearchPool implements OnApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'SearchPool' });
  private readonly pool: Pool;
  /** Statement names by SQL text; a map lookup costs less than hashing the text again. */
  private readonly names = new Map<string, string>();

  constructor(dataSource: DataSource) {
    const options = dataSource.options as PostgresConnectionOptions;
    this.pool = new Pool({
      connectionString: options.url,
      max: Number(process.env.KNOWLEDGE_SEARCH_POOL_SIZE ?? DEFAULT_POOL_SIZE),
      connectionTimeoutMillis: 5000,
      // A closed connection takes its prepared statements along, so idle ones stay longer than
      // pg's 10 s default.
      idleTimeoutMillis: 300_000,
      application_name: 'deskflow-knowledge-search',
      options: SEARCH_SESSION_OPTIONS,
    });
    // An idle connection that the server closes emits here; the pool replaces it on demand.
    this.pool.on('error', (error) =>
      this.logger.warn({ err: error }, 'idle search connection failed'),
    );
  }

  /** Runs a statement as a named prepared statement, which each connection prepares once. */
  async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result = await this.pool.query({ name: this.nameOf(sql), text: sql, values: params });

    return result.rows as T[];
  }

  private nameOf(sql: string): string {
    let name = this.names.get(sql);
    if (name === undefined) {
      if (this.names.size >= MAX_NAMES) this.names.clear();
      name = statementName(sql);
      this.names.set(sql, name);
    }

    return name;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** Names a prepared statement after its text, so each distinct statement gets its own name. */
export function statementName(sql: string): string {
  return `knowledge_${createHash('sha1').update(sql).digest('base64url')}`;
}

@Module({ providers: [SearchPool], exports: [SearchPool] })
export class SearchPoolModule {}
