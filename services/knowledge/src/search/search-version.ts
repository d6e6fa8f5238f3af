import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { rootLogger } from '@deskflow/observability';
import { SharedFreshRead } from '../common/shared-fresh-read';

/**
 * Reads `knowledge.search_version` for the result cache. Concurrent requests share reads
 * (`SharedFreshRead`), and each still gets a version that includes every change committed before it arrived. Its own
 * connection keeps the reads from queueing behind searches in the search pool.
 */
@Injectable()
export class SearchVersion implements OnApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'SearchVersion' });
  private readonly pool: Pool;
  private readonly reads = new SharedFreshRead(async () => {
    const result = await this.pool.query<{ version: string }>({
      name: 'knowledge_search_version',
      text: 'SELECT version::text AS version FROM knowledge.search_version',
    });

    return result.rows[0].version;
  });

  constructor(dataSource: DataSource) {
    const options = dataSource.options as PostgresConnectionOptions;
    this.pool = new Pool({
      connectionString: options.url,
      max: 1,
      connectionTimeoutMillis: 5000,
      application_name: 'deskflow-knowledge-search-version',
    });
    this.pool.on('error', (error) =>
      this.logger.warn({ err: error }, 'idle search version connection failed'),
    );
  }

  /** Returns a version read that started after this call. */
  read(): Promise<string> {
    return this.reads.read();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
