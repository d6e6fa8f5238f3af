import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { rootLogger } from '@deskflow/observability';
import { Clock, CLOCK } from './clock';
import { PendingTicketsService } from './pending-tickets.service';

/** Polls for due pending tickets on a fixed interval; one loop per process, none per ticket. */
@Injectable()
export class PendingTicketsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'PendingTicketsWorker' });
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly pending: PendingTicketsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.pending.settings.pollMs > 0) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;

    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, this.pending.settings.pollMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.pending.processDue(this.clock.now());
      if (result.reopened + result.autoResolved > 0)
        this.logger.info(result, 'pending tickets processed');
    } catch (error) {
      this.logger.error(
        { err: error },
        'processing pending tickets failed; retrying at the next poll',
      );
    }
  }
}
