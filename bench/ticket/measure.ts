import { performance } from 'node:perf_hooks';
import { percentile } from '../percentile';

/** Duration and per-task latencies of one batch of tasks. */
export interface Measurement {
  seconds: number;
  latenciesMs: number[];
}

/** Prints throughput and latency percentiles; returns the throughput per second. */
export function report(label: string, measurement: Measurement): number {
  const sorted = [...measurement.latenciesMs].sort((a, b) => a - b);
  const rate = sorted.length / measurement.seconds;
  console.log(
    `${label}: ${sorted.length} tickets in ${measurement.seconds.toFixed(2)} s = ${rate.toFixed(0)}/s; ` +
      `latency p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`,
  );

  return rate;
}

export function combine(parts: Measurement[]): Measurement {
  return {
    seconds: parts.reduce((total, part) => total + part.seconds, 0),
    latenciesMs: parts.flatMap((part) => part.latenciesMs),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);

  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `count` tasks with `concurrency` in flight and records each one's latency. */
export async function measure(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const begin = performance.now();
      await task(index);
      latenciesMs.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  return { seconds: (performance.now() - started) / 1000, latenciesMs };
}
