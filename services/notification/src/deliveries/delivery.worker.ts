import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { returningRows } from '../common/returning-rows';
import { DELIVERY_WAKE_CHANNEL } from './delivery-writer.service';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { RenderedTemplate } from '../templates/templates.service';
import { forEachConcurrently, WorkerLoop } from '../workers/worker-loop';
import { Delivery } from './delivery.entity';
import { DeliveryOutcomeService } from './delivery-outcome.service';
import { DeliveryRendererService } from './delivery-renderer.service';
import { DeliverySenderService } from './delivery-sender.service';

/**
 * Sends due deliveries. A batch is claimed with `FOR UPDATE SKIP LOCKED` and leased, so each
 * replica takes different rows. A lease that runs out (a crashed replica) puts the row back.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private loop: WorkerLoop | undefined;
  private leasesCheckedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: DeliveryRendererService,
    private readonly sender: DeliverySenderService,
    private readonly outcomes: DeliveryOutcomeService,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = new WorkerLoop({
      name: 'deliveries',
      databaseUrl: (this.dataSource.options as { url: string }).url,
      wakeChannel: DELIVERY_WAKE_CHANNEL,
      pollIntervalMs: this.settings.pollIntervalMs,
      tick: () => this.tick(),
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** Claims and sends one batch; returns true when it claimed anything. */
  async tick(): Promise<boolean> {
    await this.releaseExpiredLeases();
    const claimed = await this.claim();
    await forEachConcurrently(claimed, this.settings.sendConcurrency, (delivery) =>
      this.process(delivery),
    );

    return claimed.length > 0;
  }

  private async claim(): Promise<Delivery[]> {
    const ids = await returningRows<{ id: string }>(
      this.dataSource,
      `UPDATE "notification"."delivery"
          SET "status" = 'sending', "lease_until" = now() + $2 * interval '1 millisecond',
              "attempts" = "attempts" + 1, "retry_count" = "retry_count" + 1, "updated_at" = now()
        WHERE "id" IN (
          SELECT "id" FROM "notification"."delivery"
           WHERE "status" = 'queued' AND "available_at" <= now()
           ORDER BY "available_at"
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      [this.settings.workerBatchSize, this.settings.leaseMs],
    );
    if (ids.length === 0) return [];

    // Reading through the repository maps columns to the entity's properties.
    return this.dataSource.getRepository(Delivery).findBy({ id: In(ids.map((row) => row.id)) });
  }

  /** Puts back rows whose lease ran out; leases last minutes, so a check every few seconds is enough. */
  private async releaseExpiredLeases(): Promise<void> {
    if (Date.now() - this.leasesCheckedAt < Math.min(this.settings.leaseMs / 4, 5000)) return;

    this.leasesCheckedAt = Date.now();
    await this.dataSource.query(
      `UPDATE "notification"."delivery" SET "status" = 'queued', "lease_until" = NULL, "updated_at" = now()
        WHERE "status" = 'sending' AND "lease_until" < now()`,
    );
  }

  private async process(delivery: Delivery): Promise<void> {
    const startedAt = new Date();
    let rendered: RenderedTemplate | null = null;
    try {
      if (delivery.channel !== 'webhook') {
        rendered = delivery.rendered
          ? { ...delivery.rendered, locale: delivery.locale }
          : await this.renderer.render(delivery);
      }
      await this.sender.send(delivery, rendered);
    } catch (error) {
      const timing = { startedAt, durationMs: Date.now() - startedAt.getTime() };
      await this.outcomes.failed(
        delivery,
        rendered,
        error instanceof Error ? error : new Error(String(error)),
        timing,
      );

      return;
    }

    await this.outcomes.succeeded(delivery, rendered, {
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
    });
  }
}
