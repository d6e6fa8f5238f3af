import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rootLogger } from '@deskflow/observability';
import { DirectoryProjectionService } from '../directory/directory-projection.service';
import { NotificationRule, RecipientRole } from '../rules/notification-rule.entity';
import { NotificationEvent } from './notification-event';
import { agentRecipient, externalRecipient, Recipient } from './recipient';

/** Turns a rule's recipient roles into people with addresses, using the local projections. */
@Injectable()
export class RecipientResolverService {
  private readonly logger = rootLogger().child({ context: 'RecipientResolverService' });

  constructor(private readonly directory: DirectoryProjectionService) {}

  async resolve(
    manager: EntityManager,
    rule: NotificationRule,
    event: NotificationEvent,
  ): Promise<Recipient[]> {
    const found: Recipient[] = [];
    for (const role of rule.recipients) {
      found.push(...(await this.resolveRole(manager, role, event)));
    }
    found.push(...(await this.agentsById(manager, rule.agentIds)));
    found.push(...(await this.byEmail(manager, rule.emails)));

    return found;
  }

  private async resolveRole(
    manager: EntityManager,
    role: RecipientRole,
    event: NotificationEvent,
  ): Promise<Recipient[]> {
    const ticket = event.ticket;
    if (!ticket) return [];

    switch (role) {
      case 'customer':
        return [
          {
            key: `customer:${ticket.customer.id}`,
            type: 'customer',
            id: ticket.customer.id,
            address: ticket.customer.email ?? null,
            name: ticket.customer.name ?? null,
            language: ticket.customer.language ?? null,
          },
        ];
      case 'owner':
        return ticket.owner ? this.agentsById(manager, [ticket.owner.id]) : [];
      case 'watchers':
        return this.agentsById(manager, ticket.watcherIds);
      case 'queue_agents':
        return (await this.directory.agentsOfQueue(manager, ticket.queueId)).map(agentRecipient);
      case 'escalation_contacts': {
        const queue = await this.directory.queue(manager, ticket.queueId);

        return this.byEmail(manager, queue?.escalationEmails ?? []);
      }
    }
  }

  private async agentsById(manager: EntityManager, ids: string[]): Promise<Recipient[]> {
    const agents = await this.directory.agentsByIds(manager, ids);
    if (agents.length < new Set(ids).size) {
      const known = new Set(agents.map((agent) => agent.id));
      const missing = ids.filter((id) => !known.has(id));
      this.logger.warn(
        { agentIds: missing },
        'agents unknown or inactive in the directory projection are skipped',
      );
    }

    return agents.map(agentRecipient);
  }

  /** Maps addresses of known agents to those agents, so one person is one recipient. */
  private async byEmail(manager: EntityManager, emails: string[]): Promise<Recipient[]> {
    const agents = await this.directory.agentsByEmails(manager, emails);
    const agentByEmail = new Map(agents.map((agent) => [agent.email.toLowerCase(), agent]));

    return emails.map((email) => {
      const agent = agentByEmail.get(email.trim().toLowerCase());

      return agent ? agentRecipient(agent) : externalRecipient(email);
    });
  }
}
