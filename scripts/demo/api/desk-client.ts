import { ServiceUrls } from '../demo-settings';
import { ApiFailure } from './api-failure';

export type ServiceName = keyof ServiceUrls;

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is with `contentType`, in place of a JSON body. */
  rawBody?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Statuses treated as success besides 2xx, such as 404 for a lookup. */
  accept?: number[];
}

export interface CallResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Calls the public REST APIs of the four services under `/api/v1`. */
export class DeskClient {
  constructor(readonly urls: ServiceUrls) {}

  async call<T = any>(
    service: ServiceName,
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<CallResult<T>> {
    const endpoint = `${method} ${service}:/api/v1${path}`;
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody) {
      body = options.rawBody;
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }

    let response: Response;
    try {
      response = await fetch(`${this.urls[service]}/api/v1${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiFailure(endpoint, describeRequest(options), null, (error as Error).message);
    }
    const text = await response.text();
    const ok = response.ok || (options.accept ?? []).includes(response.status);
    if (!ok) throw new ApiFailure(endpoint, describeRequest(options), response.status, text);

    return { status: response.status, body: parseJson(text) as T, headers: response.headers };
  }

  async get<T = any>(service: ServiceName, path: string, token: string): Promise<T> {
    return (await this.call<T>(service, 'GET', path, { token })).body;
  }

  async post<T = any>(
    service: ServiceName,
    path: string,
    token: string,
    body: unknown,
  ): Promise<T> {
    return (await this.call<T>(service, 'POST', path, { token, body })).body;
  }

  /** Logs in through the ticket service and returns the access token. */
  async login(email: string, password: string): Promise<string> {
    const result = await this.call<{ accessToken: string }>('ticket', 'POST', '/auth/login', {
      body: { email, password },
    });

    return result.body.accessToken;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The request as the failure report shows it: JSON bodies in full up to 500 characters. */
function describeRequest(options: CallOptions): string {
  if (options.rawBody)
    return `${options.contentType ?? 'raw'} body of ${options.rawBody.length} bytes`;
  if (options.body === undefined) return '';

  return JSON.stringify(options.body).slice(0, 500);
}

/** Runs `work` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);

  return results;
}
