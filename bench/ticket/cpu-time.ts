import { readFileSync } from 'node:fs';
import { Pool } from 'pg';

/** CPU milliseconds used so far by the benchmark process, the service process and Postgres. */
export interface CpuTimes {
  bench: number;
  service: number;
  postgres: number;
}

/** Milliseconds of CPU time that a process has used, from /proc (Linux); 0 when unreadable. */
function procCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export function ownCpuMs(): number {
  const usage = process.cpuUsage();

  return (usage.user + usage.system) / 1000;
}

/** CPU time of the Postgres backends connected to the pool's database, the relay's included. */
export async function postgresCpuMs(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT "pid" FROM pg_stat_activity WHERE "datname" = current_database()',
  );

  return rows.reduce((total, row) => total + procCpuMs(row.pid), 0);
}

export function cpuSpent(from: CpuTimes, to: CpuTimes): CpuTimes {
  return {
    bench: to.bench - from.bench,
    service: to.service - from.service,
    postgres: to.postgres - from.postgres,
  };
}

export function addCpu(total: CpuTimes, part: CpuTimes): CpuTimes {
  return {
    bench: total.bench + part.bench,
    service: total.service + part.service,
    postgres: total.postgres + part.postgres,
  };
}

/** One line of CPU milliseconds per ticket, by process. */
export function cpuPerTicket(label: string, cpu: CpuTimes, tickets: number): string {
  const per = (ms: number) => (ms / tickets).toFixed(2);

  return `${label}: CPU per ticket ${per(cpu.service)} ms service, ${per(cpu.postgres)} ms Postgres, ${per(cpu.bench)} ms benchmark process`;
}
