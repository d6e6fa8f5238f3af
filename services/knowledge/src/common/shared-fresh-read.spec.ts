import { SharedFreshRead } from './shared-fresh-read';

/** A read that the test finishes by hand; each read returns its own number, starting at 1. */
function manualReads() {
  const pending: Array<(value: number) => void> = [];
  const failures: Array<(error: Error) => void> = [];
  let started = 0;
  const readOnce = () =>
    new Promise<number>((resolve, reject) => {
      started += 1;
      const number = started;
      pending.push(() => resolve(number));
      failures.push(reject);
    });

  return {
    reads: new SharedFreshRead(readOnce),
    started: () => started,
    finish: (index: number) => pending[index](0),
    fail: (index: number) => failures[index](new Error('read failed')),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedFreshRead', () => {
  it('gives later callers a read started after them', async () => {
    const manual = manualReads();

    const first = manual.reads.read();
    const second = manual.reads.read();
    manual.finish(0);
    await settle();
    manual.finish(1);

    expect(await first).toBe(1);
    expect(await second).toBe(2);
  });

  it('shares one queued read among waiting callers', async () => {
    const manual = manualReads();

    const first = manual.reads.read();
    const waiting = [manual.reads.read(), manual.reads.read(), manual.reads.read()];
    manual.finish(0);
    await settle();
    manual.finish(1);

    expect(await first).toBe(1);
    expect(await Promise.all(waiting)).toEqual([2, 2, 2]);
    expect(manual.started()).toBe(2);
  });

  it('starts a new read when none is running', async () => {
    const manual = manualReads();

    const first = manual.reads.read();
    manual.finish(0);
    await first;
    const second = manual.reads.read();
    manual.finish(1);

    expect(await second).toBe(2);
  });

  it('reads again for callers of a failed read', async () => {
    const manual = manualReads();

    const failed = manual.reads.read();
    const waiting = manual.reads.read();
    manual.fail(0);
    await settle();
    manual.finish(1);

    await expect(failed).rejects.toThrow('read failed');
    expect(await waiting).toBe(2);
  });
});
