import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { composeMail } from '../email/mail-composer';
import { SmtpMailerService } from '../email/smtp-mailer.service';
import { InboxService } from '../inbox/inbox.service';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { RenderedTemplate } from '../templates/templates.service';
import { WebhookSenderService } from '../webhooks/webhook-sender.service';
import { Delivery } from './delivery.entity';

/** Sends one claimed delivery on its channel; raises when the attempt failed. */
@Injectable()
export class DeliverySenderService {
  constructor(
    private readonly mailer: SmtpMailerService,
    private readonly webhooks: WebhookSenderService,
    private readonly inbox: InboxService,
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async send(delivery: Delivery, rendered: RenderedTemplate | null): Promise<void> {
    switch (delivery.channel) {
      case 'webhook':
        return this.webhooks.send(delivery);
      case 'email':
        return this.sendMail(delivery, rendered!);
      case 'in_app':
        return this.addToInbox(delivery, rendered!);
    }
  }

  private async sendMail(delivery: Delivery, rendered: RenderedTemplate): Promise<void> {
    if (!delivery.recipientAddress) throw new Error(`email delivery ${delivery.id} has no address`);

    await this.mailer.send(
      composeMail({
        kind: delivery.kind,
        to: delivery.recipientAddress,
        from: this.settings.mailFrom,
        ticketNumber: delivery.ticketNumber,
        messageId: delivery.messageId,
        threading: delivery.context.threading,
        rendered,
      }),
    );
  }

  private async addToInbox(delivery: Delivery, rendered: RenderedTemplate): Promise<void> {
    const agentId = delivery.recipientKey.startsWith('agent:')
      ? delivery.recipientKey.slice('agent:'.length)
      : null;
    if (!agentId) throw new Error(`in-app delivery ${delivery.id} is not addressed to an agent`);

    await this.dataSource.transaction((manager) =>
      this.inbox.add(manager, {
        agentId,
        deliveryId: delivery.id,
        ticketId: delivery.ticketId,
        ticketNumber: delivery.ticketNumber,
        eventType: delivery.sourceEventType,
        title: rendered.subject,
        body: rendered.text,
      }),
    );
  }
}
