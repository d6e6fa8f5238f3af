import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Clock ticks per second of the /proc CPU counters. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** CPU milliseconds of each Postgres server process, by process id. */
export type CpuSnapshot = Map<number, number>;

/**
 * Reads the CPU time of the Postgres server processes connected to one database from /proc, so
 * it works only with Postgres on this machine. A process that ends between two snapshots is left
 * out of their difference, and one that starts between them counts all its time.
 */
export class PostgresCpu {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<PostgresCpu> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();

    return new PostgresCpu(client);
  }

  /** Returns each connected process's CPU milliseconds so far, or undefined without /proc. */
  async snapshot(): Promise<CpuSnapshot | undefined> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const snapshot: CpuSnapshot = new Map();
    for (const { pid } of rows) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        return undefined;
      }
      // Fields after the command name: state is 0, utime 11 and stime 12.
      const fields = stat.split(') ')[1].split(' ');
      snapshot.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    }

    return snapshot;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Returns the CPU milliseconds used between two snapshots by the processes of the second. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let total = 0;
  for (const [pid, milliseconds] of after) total += milliseconds - (before.get(pid) ?? 0);

  return total;
}
