import { randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { EventEnvelope, NotificationEvents } from '@deskflow/contracts';
import { NotFoundError, ValidationFailedError } from '@deskflow/http';
import { Outbox } from '@deskflow/messaging';
import { returningRows } from '../common/returning-rows';
import { DeliveryWriterService } from '../deliveries/delivery-writer.service';
import { CreateWebhookDto, UpdateWebhookDto } from './webhook.dto';
import { matchesEventFilter } from './webhook-signature';
import { WebhookTargetGuard } from './webhook-target-guard';
import { writtenHost } from './webhook-url';
import { WebhookSubscription } from './webhook-subscription.entity';

/** Builds the CloudEvents structured-mode JSON of an event, which is the webhook body. */
export function structuredCloudEvent(envelope: EventEnvelope): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: envelope.id,
    source: envelope.source,
    type: envelope.type,
    time: envelope.time,
    subject: envelope.subject,
    dataschema: envelope.dataschema,
    datacontenttype: 'application/json',
    actor: envelope.actor,
    correlationid: envelope.correlationid,
    data: envelope.data,
  };
}

/** Manages webhook subscriptions and queues one delivery per matching subscription and event. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookSubscription)
    private readonly repository: Repository<WebhookSubscription>,
    private readonly writer: DeliveryWriterService,
    private readonly outbox: Outbox,
    private readonly targets: WebhookTargetGuard,
  ) {}

  async list(): Promise<WebhookSubscription[]> {
    return this.repository.find({ order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<WebhookSubscription> {
    const subscription = await this.repository.findOneBy({ id });
    if (!subscription) throw new NotFoundError(`webhook subscription ${id}`);

    return subscription;
  }

  /** Creates a subscription and returns it with its secret, the only time the secret is shown. */
  async create(input: CreateWebhookDto): Promise<WebhookSubscription> {
    await this.checkTarget(input.url);
    const secret = input.secret ?? randomBytes(32).toString('base64url');
    const saved = await this.repository.save(
      this.repository.create({
        url: input.url,
        eventTypes: input.eventTypes,
        secret,
        active: true,
        consecutiveFailures: 0,
        disabledReason: null,
      }),
    );

    return { ...(await this.get(saved.id)), secret };
  }

  async update(id: string, input: UpdateWebhookDto): Promise<WebhookSubscription> {
    await this.get(id);
    if (input.url !== undefined) await this.checkTarget(input.url);
    const reenable = input.active === true ? { consecutiveFailures: 0, disabledReason: null } : {};
    await this.repository.update({ id }, { ...input, ...reenable });

    return this.get(id);
  }

  /**
   * Deletes a subscription and cancels its deliveries that wait for an attempt. One in flight
   * ends dead when its attempt finishes, because its next claim finds no subscription.
   */
  async remove(id: string): Promise<void> {
    await this.repository.manager.transaction(async (manager) => {
      const result = await manager.delete(WebhookSubscription, { id });
      if (result.affected === 0) throw new NotFoundError(`webhook subscription ${id}`);

      await manager.query(
        `UPDATE "notification"."delivery" SET "status" = 'cancelled', "last_error" = 'subscription deleted', "updated_at" = now()
          WHERE "recipient_key" = $1 AND "status" = 'queued'`,
        [`webhook:${id}`],
      );
    });
  }

  /** Rejects a URL whose host is, or resolves to, a private, loopback or link-local address. */
  private async checkTarget(url: string): Promise<void> {
    if (!URL.canParse(url)) {
      throw new ValidationFailedError([{ field: 'url', reason: 'must be a valid absolute URL' }]);
    }

    const parsed = new URL(url);
    const problem = await this.targets.urlProblem(parsed);
    if (problem === undefined) return;

    // A host such as 2130706433 is an IPv4 address in another notation, so name both forms.
    const written = writtenHost(url);
    const reason =
      written !== undefined && isIPv4(parsed.hostname) && written !== parsed.hostname
        ? `host ${written} is the IPv4 address ${parsed.hostname}, and ${problem}`
        : problem;
    throw new ValidationFailedError([{ field: 'url', reason }]);
  }

  async secretOf(id: string): Promise<string | null> {
    const row = await this.repository
      .createQueryBuilder('subscription')
      .addSelect('subscription.secret')
      .where('subscription.id = :id', { id })
      .getOne();

    return row?.secret ?? null;
  }

  /** Queues the event for every active subscription whose filter matches; returns the count. */
  async fanOut(
    manager: EntityManager,
    envelope: EventEnvelope,
    ticketId: string | null,
  ): Promise<number> {
    const subscriptions = await manager.getRepository(WebhookSubscription).findBy({ active: true });
    let written = 0;
    for (const subscription of subscriptions) {
      if (!matchesEventFilter(subscription.eventTypes, envelope.type)) continue;

      const id = await this.writer.insert(manager, {
        sourceEventId: envelope.id,
        sourceEventType: envelope.type,
        dedupeKey: `event:${envelope.id}`,
        ruleId: null,
        templateKey: null,
        kind: 'webhook',
        channel: 'webhook',
        recipientKey: `webhook:${subscription.id}`,
        recipientAddress: subscription.url,
        locale: 'en',
        ticketId,
        ticketNumber: null,
        articleId: null,
        context: { variables: {}, cloudEvent: structuredCloudEvent(envelope) },
      });
      if (id) written++;
    }

    return written;
  }

  /**
   * Counts a failed attempt against the subscription. Returns true when this failure disabled
   * it; its other waiting deliveries are then cancelled and the disabling is published.
   */
  async recordFailure(
    manager: EntityManager,
    subscriptionId: string,
    threshold: number,
    error: string,
  ): Promise<boolean> {
    const rows = await returningRows<{
      consecutive_failures: number;
      active: boolean;
      url: string;
    }>(
      manager,
      `UPDATE "notification"."webhook_subscription"
          SET "consecutive_failures" = "consecutive_failures" + 1, "updated_at" = now()
        WHERE "id" = $1 RETURNING "consecutive_failures", "active", "url"`,
      [subscriptionId],
    );
    const row = rows[0];
    if (!row || !row.active || row.consecutive_failures < threshold) return false;

    const reason =
      `${row.consecutive_failures} consecutive failed deliveries; last error: ${error}`.slice(
        0,
        1000,
      );
    await manager.query(
      `UPDATE "notification"."webhook_subscription" SET "active" = false, "disabled_reason" = $2 WHERE "id" = $1`,
      [subscriptionId, reason],
    );
    await manager.query(
      `UPDATE "notification"."delivery" SET "status" = 'cancelled', "last_error" = 'subscription disabled', "updated_at" = now()
        WHERE "recipient_key" = $1 AND "status" = 'queued'`,
      [`webhook:${subscriptionId}`],
    );
    await this.outbox.record(manager, NotificationEvents.webhookDisabled, {
      subject: subscriptionId,
      actor: 'system',
      data: { subscriptionId, url: row.url, reason },
    });

    return true;
  }

  async recordSuccess(manager: EntityManager, subscriptionId: string): Promise<void> {
    await manager.query(
      `UPDATE "notification"."webhook_subscription" SET "consecutive_failures" = 0 WHERE "id" = $1 AND "consecutive_failures" <> 0`,
      [subscriptionId],
    );
  }
}
