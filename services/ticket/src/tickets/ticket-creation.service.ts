import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Channel, FieldChange, TicketEvents } from '@deskflow/contracts';
import { FieldProblem, ValidationFailedError } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { withCustomerSender } from '../articles/article-input';
import { ArticleInput, ArticleWriter, WrittenArticle } from '../articles/article-writer.service';
import { definedOnly } from '../common/defined-only';
import { TicketActor, ticketActorRef } from '../common/ticket-actor';
import { HistoryService } from '../history/history.service';
import { Customer } from '../people/customer.entity';
import { CustomersService } from '../people/customers.service';
import { Organisation } from '../people/organisation.entity';
import { Queue } from '../queues/queue.entity';
import { Agent } from '../people/agent.entity';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { CreationStartLoader } from './creation-start.loader';
import { CreatedTicket, createdChange, createdPayload, PlannedTicket } from './planned-ticket';
import { SingleStatementCreation } from './single-statement-creation';
import { TicketEventsPublisher } from './ticket-events.publisher';
import { TicketHooks } from './ticket-hooks';
import { TicketNumberService } from './ticket-number.service';
import { NULLABLE_FIELDS, TicketPatcher } from './ticket-patcher.service';
import { INITIAL_STATES, notInitialStateReason } from './ticket-states';
import { Ticket } from './ticket.entity';
import { TicketRefs } from './ticket-refs.loader';

/** A new ticket as the API and the channels describe it; the article is already converted. */
export interface CreateTicketInput extends Omit<CreateTicketDto, 'article'> {
  article?: ArticleInput;
  /** Set for mail from automatic senders, so that no acknowledgement goes out. */
  suppressAutoReply?: boolean;
}

export type { CreatedTicket };

/** The channel of a ticket whose creator names none: agents mostly log phone calls. */
const DEFAULT_CHANNELS: Record<TicketActor['role'], Channel> = {
  customer: 'portal',
  agent: 'phone',
  admin: 'phone',
  integration: 'api',
  system: 'api',
};

const CUSTOMER_FIELDS = new Set([
  'title',
  'type',
  'impact',
  'urgency',
  'customFields',
  'article',
  'channel',
]);

function requireCustomer(customer: Customer | null, id: string): Customer {
  if (!customer)
    throw new ValidationFailedError([{ field: 'customerId', reason: `no active customer ${id}` }]);

  return customer;
}

function requireQueue(queue: Queue | null, queueId: string | undefined): Queue {
  if (!queue || !queue.active) {
    throw new ValidationFailedError([
      { field: 'queueId', reason: `no active queue ${queueId ?? '(default)'}` },
    ]);
  }

  return queue;
}

/** Fields of a creation where null means the same as leaving the field out. */
const ABSENT_WHEN_NULL = new Set(['queueId', 'customerId', 'customer', 'article']);

/** Raises 400 naming each field that is null but may not be. */
function checkNulls(input: CreateTicketInput): void {
  const problems = Object.entries(input)
    .filter(([field, value]) => value === null && !NULLABLE_FIELDS.has(field))
    .filter(([field]) => !ABSENT_WHEN_NULL.has(field))
    .map(([field]) => ({ field, reason: 'must not be null' }));
  if (problems.length > 0) throw new ValidationFailedError(problems);
}

/** Raises 400 naming `state` unless a new ticket may start in it (see INITIAL_STATES). */
function checkInitialState(state: string | undefined): void {
  if (state === undefined || INITIAL_STATES.includes(state)) return;

  throw new ValidationFailedError([{ field: 'state', reason: notInitialStateReason(state) }]);
}

/**
 * Creates tickets with their opening article, history and `ticket.created` event. A creation
 * through `create` takes its number and reads what it refers to in one round trip, and writes
 * in one more when SingleStatementCreation applies; otherwise it writes in a transaction. One
 * that names its customer by email, or whose article has a Message-ID, runs wholly in a
 * transaction.
 */
@Injectable()
export class TicketCreationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly numbers: TicketNumberService,
    private readonly access: TicketAccessService,
    private readonly patcher: TicketPatcher,
    private readonly writer: ArticleWriter,
    private readonly customers: CustomersService,
    private readonly history: HistoryService,
    private readonly events: TicketEventsPublisher,
    private readonly hooks: TicketHooks,
    private readonly starts: CreationStartLoader,
    private readonly singleStatement: SingleStatementCreation,
  ) {}

  async create(actor: TicketActor, input: CreateTicketInput): Promise<CreatedTicket> {
    this.access.requireScope(actor, 'tickets:write');
    this.checkCustomerFields(actor, input);
    checkNulls(input);
    const customerId = actor.role === 'customer' ? actor.id : input.customerId;
    // Finding or creating the customer by email belongs in the creation's transaction. A creation
    // with a Message-ID runs in one too, because a concurrent creation may store the same
    // Message-ID first. The unique index then rejects it after its number is taken, and only a
    // rollback returns that number.
    if (!customerId || input.article?.messageId) {
      return this.dataSource.transaction((manager) => this.createIn(manager, actor, input));
    }

    // Checked before the first statement, which takes the number when its own checks pass.
    checkInitialState(input.state);
    if (input.article) this.writer.check(input.article);
    const start = await this.starts.load(actor, customerId, input.queueId, input.ownerId);
    const customer = requireCustomer(start.customer, customerId);
    const queue = requireQueue(start.queue, input.queueId);
    if (!start.mayWrite) throw this.access.writeDenied(queue.id);
    const planned = await this.plan(this.dataSource.manager, actor, input, { customer, queue });
    planned.ticket.number = start.number ?? (await this.numbers.next());
    const written = await this.singleStatement.write(planned, start.organisation);

    return written ?? this.dataSource.transaction((manager) => this.persist(manager, planned));
  }

  /** Creates a ticket inside the caller's transaction, so that channels commit it with their own rows. */
  async createWithin(
    manager: EntityManager,
    actor: TicketActor,
    input: CreateTicketInput,
  ): Promise<CreatedTicket> {
    this.access.requireScope(actor, 'tickets:write');
    this.checkCustomerFields(actor, input);
    checkNulls(input);

    return this.createIn(manager, actor, input);
  }

  /**
   * Creates a ticket in the caller's transaction. The number is taken in that transaction once
   * every check has passed, so a rollback returns it. The counter row stays locked until the
   * caller commits.
   */
  async createIn(
    manager: EntityManager,
    actor: TicketActor,
    input: CreateTicketInput,
  ): Promise<CreatedTicket> {
    const customer = await this.resolveCustomer(manager, actor, input);
    const queue = requireQueue(await this.findQueue(manager, input.queueId), input.queueId);
    await this.access.assertCanWrite(manager, actor, queue.id, 'queueId');
    const planned = await this.plan(manager, actor, input, { customer, queue });
    if (input.article) await this.writer.checkMessageIdFree(manager, input.article);
    planned.ticket.number = await this.numbers.next(manager);

    return this.persist(manager, planned);
  }

  /**
   * Builds the ticket with its fields and checks the opening article, once the caller's access is
   * checked; writes nothing. The ticket has no number yet.
   */
  private async plan(
    manager: EntityManager,
    actor: TicketActor,
    input: CreateTicketInput,
    { customer, queue }: { customer: Customer; queue: Queue },
  ): Promise<PlannedTicket> {
    checkInitialState(input.state);
    if (input.article) this.writer.check(input.article);
    const now = new Date();
    const ticket = this.build(actor, input, queue, customer, now);
    // The fields left after taking out those that `build` and `persist` handle themselves.
    const {
      title: _title,
      queueId: _queueId,
      customerId: _customerId,
      customer: _customer,
      channel: _channel,
      article,
      suppressAutoReply,
      ...fields
    } = input;
    await this.patcher.applyFields(
      manager,
      actor,
      ticket,
      { ...fields, customFields: fields.customFields ?? {} },
      now,
      queue,
    );

    return {
      actor,
      ticket,
      queue,
      customer,
      now,
      article: article && withCustomerSender(article, customer.email),
      suppressAutoReply: suppressAutoReply ?? false,
    };
  }

  /** Writes a planned ticket in the caller's transaction, where the hooks may join in. */
  private async persist(manager: EntityManager, planned: PlannedTicket): Promise<CreatedTicket> {
    const { actor, ticket, queue, customer, now } = planned;
    await manager.insert(Ticket, ticket);

    const written = planned.article
      ? await this.writeArticle(manager, ticket, planned.article, now)
      : null;
    const hookChanges = await this.runHooks(manager, actor, ticket, written, now);
    await this.history.record(
      manager,
      ticket.id,
      ticketActorRef(actor),
      [createdChange(planned)],
      now,
    );
    const refs = await this.refsOf(manager, ticket, queue, customer);
    const snapshot = await this.events.snapshot(manager, ticket, refs);
    await this.events.publish(
      manager,
      TicketEvents.created,
      actor,
      createdPayload(planned, snapshot, written?.article ?? null),
      now,
    );
    // An owner chosen by auto-assignment or a rule is an assignment that consumers act on.
    await this.events.assigned(manager, actor, ticket, snapshot, hookChanges);

    return { ticket, refs, article: written };
  }

  private async runHooks(
    manager: EntityManager,
    actor: TicketActor,
    ticket: Ticket,
    written: WrittenArticle | null,
    now: Date,
  ): Promise<FieldChange[]> {
    const context = {
      manager,
      actor,
      ticket,
      trigger: 'create' as const,
      now,
      bodyText: written?.article.bodyText ?? '',
      changes: [] as FieldChange[],
    };
    await this.hooks.run(context);
    if (context.changes.length > 0) await manager.save(Ticket, ticket);

    return context.changes;
  }

  private build(
    actor: TicketActor,
    input: CreateTicketInput,
    queue: Queue,
    customer: Customer,
    now: Date,
  ): Ticket {
    return Object.assign(new Ticket(), {
      number: '',
      title: input.title.trim(),
      state: 'new',
      stateType: 'new',
      priority: 'P3',
      priorityExplicit: false,
      impact: null,
      urgency: null,
      type: input.type ?? 'incident',
      channel: input.channel ?? DEFAULT_CHANNELS[actor.role],
      queueId: queue.id,
      ownerId: null,
      customerId: customer.id,
      organisationId: customer.organisationId,
      tags: [],
      customFields: {},
      watcherIds: [],
      hasAttachments: false,
      pendingUntil: null,
      firstResponseAt: null,
      resolvedAt: null,
      lastResolvedAt: null,
      closedAt: null,
      mergedIntoId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async writeArticle(
    manager: EntityManager,
    ticket: Ticket,
    input: ArticleInput,
    now: Date,
  ): Promise<WrittenArticle> {
    const written = await this.writer.write(manager, ticket, input, now);
    if (ticket.hasAttachments || ticket.firstResponseAt) {
      await manager.update(Ticket, ticket.id, {
        hasAttachments: ticket.hasAttachments,
        firstResponseAt: ticket.firstResponseAt,
      });
    }

    return written;
  }

  private checkCustomerFields(actor: TicketActor, input: CreateTicketInput): void {
    if (actor.role !== 'customer') return;

    const problems: FieldProblem[] = Object.keys(definedOnly(input))
      .filter((field) => !CUSTOMER_FIELDS.has(field))
      .map((field) => ({ field, reason: 'customers may not set this field' }));
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }

  private async resolveCustomer(
    manager: EntityManager,
    actor: TicketActor,
    input: CreateTicketInput,
  ): Promise<Customer> {
    const id = actor.role === 'customer' ? actor.id : input.customerId;
    if (id) {
      return requireCustomer(await manager.findOneBy(Customer, { id, active: true }), id);
    }
    if (input.customer)
      return this.customers.findOrCreateByEmail(manager, input.customer.email, input.customer.name);

    throw new ValidationFailedError([
      {
        field: 'customerId',
        reason: 'required unless customer (an email, and optionally a name) is given',
      },
    ]);
  }

  private findQueue(manager: EntityManager, queueId: string | undefined): Promise<Queue | null> {
    return manager.findOneBy(Queue, queueId ? { id: queueId } : { isDefault: true });
  }

  private async refsOf(
    manager: EntityManager,
    ticket: Ticket,
    queue: Queue,
    customer: Customer,
  ): Promise<TicketRefs> {
    const [owner, organisation] = await Promise.all([
      ticket.ownerId ? manager.findOneBy(Agent, { id: ticket.ownerId }) : null,
      ticket.organisationId ? manager.findOneBy(Organisation, { id: ticket.organisationId }) : null,
    ]);

    // A create hook (an automation rule) may have moved the ticket to another queue.
    const current =
      queue.id === ticket.queueId
        ? queue
        : await manager.findOneByOrFail(Queue, { id: ticket.queueId });

    return { queue: current, customer, owner, organisation };
  }
}
