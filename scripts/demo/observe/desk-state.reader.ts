import { DeskClient, mapConcurrently } from '../api/desk-client';

/** A ticket as the ticket API returns it to an admin, reduced to what the report needs. */
export interface TicketView {
  id: string;
  title: string;
  channel: string;
  priority: string | null;
  queue: { id: string; name: string };
  createdAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
}

export interface SlaClockView {
  id: string;
  kind: string;
  status: string;
  dueAt: string | null;
  breached: boolean;
}

export interface SlaStatus {
  ticketId: string;
  policyName: string | null;
  clocks: SlaClockView[];
}

export interface DeliveryView {
  id: string;
  channel: string;
  kind: string;
  status: string;
  ticketId: string | null;
  recipientKey: string;
  messageId: string | null;
  templateKey: string | null;
  sourceEventId: string | null;
  sourceEventType: string;
  createdAt: string;
}

const READ_CONCURRENCY = 6;
const DELIVERY_PAGE = 500;

/** Reads the state of the desk through the public APIs with an admin token. */
export class DeskStateReader {
  constructor(
    private readonly client: DeskClient,
    private readonly token: string,
  ) {}

  tickets(ids: string[]): Promise<TicketView[]> {
    return mapConcurrently(ids, READ_CONCURRENCY, (id) =>
      this.client.get<TicketView>('ticket', `/tickets/${id}`, this.token),
    );
  }

  /** Reads the SLA status of each ticket, leaving out tickets the SLA service does not know yet (404). */
  async slaStatuses(ids: string[]): Promise<Map<string, SlaStatus>> {
    const statuses = await mapConcurrently(ids, READ_CONCURRENCY, async (id) => {
      const result = await this.client.call<SlaStatus>('sla', 'GET', `/sla/tickets/${id}`, {
        token: this.token,
        accept: [404],
      });

      return result.status === 404 ? undefined : result.body;
    });

    return new Map(
      statuses
        .filter((status): status is SlaStatus => !!status)
        .map((status) => [status.ticketId, status]),
    );
  }

  /** Lists every delivery created at or after `since`, newest first, following the cursor. */
  async deliveriesSince(since: Date): Promise<DeliveryView[]> {
    const deliveries: DeliveryView[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: { items: DeliveryView[]; nextCursor: string | null } = await this.client.get(
        'notification',
        `/deliveries?limit=${DELIVERY_PAGE}${query}`,
        this.token,
      );
      const recent = page.items.filter((item) => Date.parse(item.createdAt) >= since.getTime());
      deliveries.push(...recent);
      cursor = recent.length === page.items.length ? page.nextCursor : null;
    } while (cursor);

    return deliveries;
  }
}
