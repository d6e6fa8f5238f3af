import { ServiceHarness } from './service-harness';

/** The maximum number of pages `collectPages` requests before it fails, so a loop cannot hang. */
const MAX_PAGES = 100;

/**
 * Requests `path` and then each `nextCursor` until a page returns none, and returns the items of
 * all pages in order. `path` has to contain a query string, such as `?limit=2`.
 */
export async function collectPages<T = Record<string, unknown>>(
  harness: Pick<ServiceHarness, 'request'>,
  path: string,
  token: string,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;

  for (let page = 0; page < MAX_PAGES; page++) {
    const pagePath: string = cursor ? `${path}&cursor=${cursor}` : path;
    const response = await harness.request<{ items: T[]; nextCursor: string | null }>(
      'GET',
      pagePath,
      { token },
    );
    if (response.status !== 200) {
      throw new Error(
        `GET ${pagePath} returned ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }

    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) return items;
  }

  throw new Error(`GET ${path} still returned a nextCursor after ${MAX_PAGES} pages`);
}
