import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { localizeVariables } from '../templates/localized-values';
import { RenderedTemplate, TemplatesService } from '../templates/templates.service';
import { TicketSla } from '../threads/ticket-sla.entity';
import { Delivery } from './delivery.entity';

/** Renders a delivery's template at send time, in the recipient's language. */
@Injectable()
export class DeliveryRendererService {
  constructor(
    private readonly templates: TemplatesService,
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async render(delivery: Delivery): Promise<RenderedTemplate> {
    const key = delivery.kind === 'digest' ? 'digest' : delivery.templateKey;
    if (!key) throw new Error(`delivery ${delivery.id} has no template`);

    // The promised time is read now, not when the event came, so a late `sla.applied` counts.
    const sla =
      delivery.kind === 'acknowledgement' && delivery.ticketId
        ? await this.dataSource.getRepository(TicketSla).findOneBy({ ticketId: delivery.ticketId })
        : null;
    const variables = localizeVariables(
      delivery.context.variables,
      delivery.locale,
      this.settings.displayTimeZone,
      sla?.firstResponseDueAt ?? null,
    );

    return this.templates.render(key, delivery.locale, variables);
  }
}
