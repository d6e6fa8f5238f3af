import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs frequent statements as named prepared statements on the connections of TypeORM's pool,
 * outside any transaction: Postgres parses and plans each text once per connection instead of
 * on every call. Each distinct text stays prepared on every connection, so this suits
 * statements built in a few fixed shapes only. Errors come as TypeORM's QueryFailedError, as
 * from `DataSource.query`.
 */
export class PreparedQueries {
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async query<T>(text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    try {
      return (await pool.query({ name: this.nameOf(text), text, values })).rows as T[];
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
  }

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) {
      name = `deskflow_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }

    return name;
  }
}
