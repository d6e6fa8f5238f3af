import { Worker } from 'node:worker_threads';
import { rootLogger } from '@deskflow/observability';

/** Maximum length of the text a pattern runs against; longer subjects and bodies are cut. */
export const MAX_REGEX_INPUT_LENGTH = 20_000;

export const MAX_PATTERN_LENGTH = 500;

export const REGEX_FLAGS = /^[imsu]*$/;

export type RegexOutcome = 'match' | 'no_match' | 'timed_out';

interface PendingTest {
  pattern: string;
  flags: string;
  text: string;
  resolve: (outcome: RegexOutcome) => void;
}

// Plain JavaScript, so the worker runs the same under ts-jest and from the compiled build.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const compiled = new Map();
parentPort.on('message', ({ pattern, flags, text }) => {
  const key = flags + '/' + pattern;
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(pattern, flags);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, regex);
  }
  parentPort.postMessage(regex.test(text));
});`;

/**
 * Runs regular expressions from automation rules in a worker thread with a time limit. A
 * backtracking pattern such as `(a+)+$` can take minutes on a short input, and on the event
 * loop it would stall every request of the service. A test that exceeds the limit ends the
 * worker and counts as `timed_out`, and the next test starts a fresh worker.
 *
 * Tests run one at a time, so a slow pattern never eats into the time limit of the next one.
 */
export class RegexSandbox {
  private readonly logger = rootLogger().child({ context: 'RegexSandbox' });
  private readonly queue: PendingTest[] = [];
  private worker: Promise<Worker> | undefined;
  private running = false;

  constructor(readonly timeoutMs = 100) {}

  test(pattern: string, flags: string, text: string): Promise<RegexOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ pattern, flags, text: text.slice(0, MAX_REGEX_INPUT_LENGTH), resolve });
      void this.drain();
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await (await worker)?.terminate();
  }

  private async drain(): Promise<void> {
    if (this.running) return;

    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        next.resolve(await this.runOne(next));
      }
    } finally {
      this.running = false;
    }
  }

  private async runOne(pending: PendingTest): Promise<RegexOutcome> {
    const worker = await this.ensureWorker();

    return new Promise((resolve) => {
      const finish = (outcome: RegexOutcome) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(outcome);
      };
      const onMessage = (matched: boolean) => finish(matched ? 'match' : 'no_match');
      const onError = (error: Error) => {
        this.logger.warn({ err: error }, 'regex worker failed; starting a new one');
        this.discardWorker(worker);
        finish('no_match');
      };
      const timer = setTimeout(() => {
        this.logger.warn(
          { pattern: pending.pattern.slice(0, 100), timeoutMs: this.timeoutMs },
          'regular expression timed out; treating it as no match',
        );
        this.discardWorker(worker);
        finish('timed_out');
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ pattern: pending.pattern, flags: pending.flags, text: pending.text });
    });
  }

  /** Starts the worker when needed; the time limit starts only once it is online. */
  private ensureWorker(): Promise<Worker> {
    this.worker ??= new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      worker.once('online', () => resolve(worker));
      worker.once('error', reject);
    });

    return this.worker;
  }

  private discardWorker(worker: Worker): void {
    this.worker = undefined;
    void worker.terminate();
  }
}

/** Returns why a pattern cannot be saved, or undefined when it compiles with allowed flags. */
export function patternProblem(pattern: string, flags = ''): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `pattern must be at most ${MAX_PATTERN_LENGTH} characters`;

  if (!REGEX_FLAGS.test(flags))
    return `flags must be a combination of i, m, s and u, got "${flags}"`;

  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }

  return undefined;
}
