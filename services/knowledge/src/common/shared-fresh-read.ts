/**
 * Shares a read between concurrent callers while giving each caller a result that was read
 * after its call began. A call while a read is running waits for the next read, which starts
 * when the running one ends, so at most two reads are pending for any number of callers.
 */
export class SharedFreshRead<T> {
  private running: Promise<T> | undefined;
  private queued: Promise<T> | undefined;

  constructor(private readonly readOnce: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.running) return this.start();

    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;

        return this.start();
      });

    return this.queued;
  }

  private start(): Promise<T> {
    const read = this.readOnce();
    this.running = read;
    read
      .finally(() => {
        if (this.running === read) this.running = undefined;
      })
      .catch(() => undefined);

    return read;
  }
}
