import { DeskClient } from '../../scripts/demo/api/desk-client';
import { SlaSeed } from '../../scripts/demo/seed/sla.seed';

/** One ticket the load created, with the client time just before the request. */
export interface LoadTicket {
  id: string;
  number: string;
  sentAt: number;
}

export interface LoadResult {
  tickets: LoadTicket[];
  failures: number;
  /** Failure messages by count, such as `POST ... returned 503: ...`. */
  failureReasons: Map<string, number>;
  /** Tickets per second that the load actually achieved. */
  achievedRate: number;
}

/** Logs in as the first admin and seeds the demo SLA policies, long enough not to breach. */
export async function prepareDesk(client: DeskClient): Promise<string> {
  const token = await client.login(
    process.env.DESKFLOW_ADMIN_EMAIL ?? 'admin@deskflow.local',
    process.env.DESKFLOW_ADMIN_PASSWORD ?? 'deskflow-admin-dev',
  );
  await new SlaSeed(client).seed(token, {
    firstResponseMinutes: 60,
    resolutionMinutes: 480,
    warningPercent: 80,
  });

  return token;
}

/**
 * Creates tickets by phone at a constant rate for `seconds`, each for a new customer so that
 * no per-sender acknowledgement limit applies. Requests start on schedule whether or not the
 * earlier ones have returned (an open-loop load).
 */
export async function driveTicketLoad(
  client: DeskClient,
  token: string,
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const run = Date.now().toString(36);
  const started = Date.now();
  const tickets: LoadTicket[] = [];
  let failures = 0;
  const failureReasons = new Map<string, number>();
  const requests: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    const sentAt = Date.now();
    const body = {
      title: `Load ticket ${index + 1}`,
      channel: 'phone',
      customer: {
        email: `load-${run}-${index}@customers.example.com`,
        name: `Load Customer ${index + 1}`,
      },
      article: { bodyText: 'The customer called about a printer that does not print.' },
    };
    requests.push(
      client.post<{ id: string; number: string }>('ticket', '/tickets', token, body).then(
        (created) => void tickets.push({ id: created.id, number: created.number, sentAt }),
        (error: Error) => {
          failures += 1;
          const reason = error.message.slice(0, 200);
          failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(requests);

  return {
    tickets,
    failures,
    failureReasons,
    achievedRate: total / ((Date.now() - started) / 1000),
  };
}
