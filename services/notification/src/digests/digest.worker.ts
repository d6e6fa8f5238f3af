import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rootLogger } from '@deskflow/observability';
import { Delivery } from '../deliveries/delivery.entity';
import { DeliveryWriterService } from '../deliveries/delivery-writer.service';
import { generateMessageId } from '../email/message-id';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { localizeVariables } from '../templates/localized-values';
import { NotificationTemplate } from '../templates/notification-template.entity';
import { TemplatesService } from '../templates/templates.service';
import { WorkerLoop } from '../workers/worker-loop';

interface DueWindow {
  recipient_key: string;
  channel: string;
}

/**
 * Turns the notifications held in a closed burst window into one digest delivery. Windows are
 * claimed with `FOR UPDATE SKIP LOCKED`, so each is summarised by exactly one replica.
 */
@Injectable()
export class DigestWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = rootLogger().child({ context: 'DigestWorker' });
  private loop: WorkerLoop | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: DeliveryWriterService,
    private readonly templates: TemplatesService,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = new WorkerLoop({
      name: 'digests',
      databaseUrl: (this.dataSource.options as { url: string }).url,
      pollIntervalMs: Math.min(
        this.settings.pollIntervalMs * 2,
        Math.max(this.settings.digestWindowMs / 4, 50),
      ),
      tick: () => this.tick(),
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** Summarises one due window; returns true when there was one. */
  async tick(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const windows: DueWindow[] = await manager.query(
        `SELECT "recipient_key", "channel" FROM "notification"."burst_window"
          WHERE "held_count" > 0 AND "closes_at" <= now()
          ORDER BY "closes_at" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (windows.length === 0) return false;

      await this.summarise(manager, windows[0]);

      return true;
    });
  }

  private async summarise(manager: EntityManager, window: DueWindow): Promise<void> {
    const held = await manager
      .getRepository(Delivery)
      .createQueryBuilder('delivery')
      .where(
        'delivery.recipient_key = :key AND delivery.channel = :channel AND delivery.status = :status',
        {
          key: window.recipient_key,
          channel: window.channel,
          status: 'held',
        },
      )
      .orderBy('delivery.created_at', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    await manager.query(
      `UPDATE "notification"."burst_window" SET "held_count" = 0 WHERE "recipient_key" = $1 AND "channel" = $2`,
      [window.recipient_key, window.channel],
    );
    if (held.length === 0) return;
    if (held.length === 1) {
      await manager.query(
        `UPDATE "notification"."delivery" SET "status" = 'queued', "available_at" = now() WHERE "id" = $1`,
        [held[0].id],
      );
      await this.writer.wakeWorkers(manager);

      return;
    }

    const digestId = await this.insertDigest(manager, held);
    await manager.query(
      `UPDATE "notification"."delivery" SET "status" = 'digested', "digest_id" = $2, "updated_at" = now()
        WHERE "id" = ANY($1::uuid[])`,
      [held.map((delivery) => delivery.id), digestId],
    );
    await this.writer.wakeWorkers(manager);
    this.logger.info(
      { digestId, notifications: held.length, channel: window.channel },
      'digest queued',
    );
  }

  private async insertDigest(manager: EntityManager, held: Delivery[]): Promise<string> {
    const first = held[0];
    const templates = new Map<string, Promise<NotificationTemplate>>();
    const items = [];
    for (const delivery of held) {
      items.push(await this.summaryOf(delivery, templates));
    }
    const id = await this.writer.insert(manager, {
      sourceEventId: null,
      sourceEventType: 'notification.digest',
      dedupeKey: `digest:${first.id}`,
      ruleId: null,
      templateKey: 'digest',
      kind: 'digest',
      channel: first.channel,
      recipientKey: first.recipientKey,
      recipientAddress: first.recipientAddress,
      locale: first.locale,
      ticketId: null,
      ticketNumber: null,
      articleId: null,
      context: {
        variables: { count: held.length, items },
        digestOf: held.map((delivery) => delivery.id),
        sourceEventIds: held.flatMap((delivery) =>
          delivery.sourceEventId ? [delivery.sourceEventId] : [],
        ),
      },
      messageId: generateMessageId(this.settings.mailDomain, null),
    });
    if (!id) throw new Error(`digest of delivery ${first.id} already exists`);

    return id;
  }

  /** One digest line: the notification's own subject without the ticket number prefix. */
  private async summaryOf(
    delivery: Delivery,
    templates: Map<string, Promise<NotificationTemplate>>,
  ): Promise<{ ticketNumber: string | null; summary: string }> {
    const key = `${delivery.templateKey}/${delivery.locale}`;
    if (!templates.has(key))
      templates.set(key, this.templates.resolve(delivery.templateKey!, delivery.locale));
    const template = await templates.get(key)!;
    const variables = localizeVariables(
      delivery.context.variables,
      delivery.locale,
      this.settings.displayTimeZone,
    );
    const rendered = this.templates.renderWith(template, variables);
    const summary = rendered.subject.replace(/^\s*\[#[^\]]+\]\s*/, '');

    return { ticketNumber: delivery.ticketNumber, summary };
  }
}
