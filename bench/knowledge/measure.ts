import { cpuBetween, PostgresCpu } from './postgres-cpu';
import { percentile } from '../percentile';

/** Latency percentiles of one benchmark row, and the Node CPU time its requests took. */
export interface Measurement {
  samples: number[];
  p50: number;
  p99: number;
  /** Milliseconds of CPU time of this process (service and client) per request. */
  cpuPerRequest: number;
  /** Milliseconds of CPU time of the database's Postgres processes per request, or NaN. */
  postgresCpuPerRequest: number;
}

/** Runs `total` calls of `task` on `concurrency` parallel workers, each call timed. */
export async function measure(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
  postgres?: PostgresCpu,
): Promise<Measurement> {
  const samples: number[] = [];
  const postgresBefore = await postgres?.snapshot();
  const cpuBefore = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = performance.now();
      await task(index);
      samples.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  const postgresAfter = await postgres?.snapshot();
  const sorted = [...samples].sort((a, b) => a - b);

  return {
    samples,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpuPerRequest: (cpu.user + cpu.system) / 1000 / total,
    postgresCpuPerRequest:
      postgresBefore && postgresAfter
        ? cpuBetween(postgresBefore, postgresAfter) / total
        : Number.NaN,
  };
}

/** Prints one row: label, count, p50, p99, and Node and Postgres CPU per request. */
export function report(label: string, measurement: Measurement): void {
  const { samples, p50, p99, cpuPerRequest, postgresCpuPerRequest } = measurement;
  const postgres = Number.isNaN(postgresCpuPerRequest) ? 'n/a' : postgresCpuPerRequest.toFixed(2);
  console.log(
    `${label.padEnd(38)} n=${String(samples.length).padEnd(5)} p50 ${p50.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms  CPU ms/request: Node ${cpuPerRequest.toFixed(2)}, Postgres ${postgres}`,
  );
}
