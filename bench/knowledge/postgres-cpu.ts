import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Clock ticks per second of the /proc CPU counters. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/**
 * Sums the CPU time of the Postgres server processes connected to one database, read from
 * /proc, so it works only with Postgres on this machine. A connection that closes between two
 * readings takes its time along, so the pools should be warm and stay open.
 */
export class PostgresCpu {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<PostgresCpu> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();

    return new PostgresCpu(client);
  }

  /** Returns the milliseconds of CPU time used so far, or NaN when /proc cannot tell. */
  async milliseconds(): Promise<number> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        // Fields after the command name: state is 0, utime 11 and stime 12.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        return Number.NaN;
      }
    }

    return (ticks * 1000) / TICKS_PER_SECOND;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
