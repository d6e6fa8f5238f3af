import { Article } from '../articles/article.entity';
import { Attachment } from '../articles/attachment.entity';
import { ApiKey } from '../auth/api-key.entity';
import { AutomationRule } from '../automation/automation-rule.entity';
import { TicketHistory } from '../history/ticket-history.entity';
import { TicketLink } from '../links/ticket-link.entity';
import { Agent } from '../people/agent.entity';
import { Customer } from '../people/customer.entity';
import { Organisation } from '../people/organisation.entity';
import { Queue } from '../queues/queue.entity';
import { QueueMember } from '../queues/queue-member.entity';
import { SlaClockProjection } from '../sla-projection/sla-clock-projection.entity';
import { Ticket } from '../tickets/ticket.entity';

/** Every TypeORM entity of the service. */
export const entities = [
  Organisation,
  Customer,
  Agent,
  Queue,
  QueueMember,
  ApiKey,
  Ticket,
  TicketHistory,
  Article,
  Attachment,
  AutomationRule,
  TicketLink,
  SlaClockProjection,
];
