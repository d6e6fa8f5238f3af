import { DeliveryAttempt } from '../deliveries/delivery-attempt.entity';
import { Delivery } from '../deliveries/delivery.entity';
import { AgentProjection } from '../directory/agent-projection.entity';
import { QueueProjection } from '../directory/queue-projection.entity';
import { InboxItem } from '../inbox/inbox-item.entity';
import { NotificationPreference } from '../preferences/notification-preference.entity';
import { NotificationRule } from '../rules/notification-rule.entity';
import { NotificationTemplate } from '../templates/notification-template.entity';
import { TicketSla } from '../threads/ticket-sla.entity';
import { TicketThread } from '../threads/ticket-thread.entity';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity';

/** Every entity of the service, registered with its data source. */
export const entities = [
  AgentProjection,
  QueueProjection,
  TicketThread,
  TicketSla,
  NotificationRule,
  NotificationTemplate,
  NotificationPreference,
  Delivery,
  DeliveryAttempt,
  WebhookSubscription,
  InboxItem,
];
