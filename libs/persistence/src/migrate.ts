import { DataSource } from 'typeorm';

/**
 * Creates the service's schema and runs its pending migrations under a Postgres advisory lock,
 * so that several replicas starting at once apply each migration exactly once.
 */
export async function runServiceMigrations(
  dataSource: DataSource,
  schema: string,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`deskflow:migrations:${schema}`]);
    // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists, so
    // a role that was only given its own schema checks first.
    const found: unknown[] = await runner.query(
      'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1',
      [schema],
    );
    if (found.length === 0) {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });

    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [
      `deskflow:migrations:${schema}`,
    ]);
    await runner.release();
  }
}
