import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

type Container = { getConnectionUri(): string; stop(): Promise<unknown> };

/**
 * Creates a fresh, empty database for one test file: on the server in DATABASE_URL when set,
 * otherwise in a Postgres testcontainer (needs a Docker engine).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return startContainerDatabase();
  }

  const name = `deskflow_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function startContainerDatabase(): Promise<TestDatabase> {
  // Loaded lazily so that runs against DATABASE_URL never touch Docker.
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container: Container = await new PostgreSqlContainer('postgres:16-alpine').start();

  return { url: container.getConnectionUri(), drop: async () => void (await container.stop()) };
}
