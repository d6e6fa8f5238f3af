import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Agent } from '../people/agent.entity';
import { Customer } from '../people/customer.entity';
import { Organisation } from '../people/organisation.entity';
import { Queue } from '../queues/queue.entity';
import { Ticket } from './ticket.entity';

/** The records a ticket refers to, which views and event snapshots show by name. */
export interface TicketRefs {
  queue: Queue;
  customer: Customer;
  owner: Agent | null;
  organisation: Organisation | null;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

/** Loads the referenced records of many tickets with one query per table. */
@Injectable()
export class TicketRefsLoader {
  async load(manager: EntityManager, tickets: Ticket[]): Promise<Map<string, TicketRefs>> {
    const [queues, customers, owners, organisations] = await Promise.all([
      manager.findBy(Queue, { id: In(unique(tickets.map((ticket) => ticket.queueId))) }),
      manager.findBy(Customer, { id: In(unique(tickets.map((ticket) => ticket.customerId))) }),
      manager.findBy(Agent, { id: In(unique(tickets.map((ticket) => ticket.ownerId))) }),
      manager.findBy(Organisation, {
        id: In(unique(tickets.map((ticket) => ticket.organisationId))),
      }),
    ]);
    const queueById = byId(queues);
    const customerById = byId(customers);
    const ownerById = byId(owners);
    const organisationById = byId(organisations);

    return new Map(
      tickets.map((ticket) => [
        ticket.id,
        {
          queue: queueById.get(ticket.queueId)!,
          customer: customerById.get(ticket.customerId)!,
          owner: ticket.ownerId ? (ownerById.get(ticket.ownerId) ?? null) : null,
          organisation: ticket.organisationId
            ? (organisationById.get(ticket.organisationId) ?? null)
            : null,
        },
      ]),
    );
  }

  async loadOne(manager: EntityManager, ticket: Ticket): Promise<TicketRefs> {
    return (await this.load(manager, [ticket])).get(ticket.id)!;
  }
}
