import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { serviceMetrics } from '@deskflow/observability';
import { SearchVersion } from './search-version';

/** Memory for cached responses, unless KNOWLEDGE_SEARCH_CACHE_MB sets another; 0 turns it off. */
const DEFAULT_MEGABYTES = 32;
/** JavaScript strings take two bytes per UTF-16 code unit. */
const BYTES_PER_CHARACTER = 2;

/**
 * Serialized search responses, kept while `knowledge.search_version` is unchanged. Every
 * request reads that version first (`SearchVersion`), so a change that any replica commits
 * reaches the next request of every replica. Beyond its memory limit the cache drops the least
 * recently used responses.
 */
@Injectable()
export class SearchCache {
  private readonly maxBytes: number;
  /** Responses by key; the map's insertion order serves as recency. */
  private readonly entries = new Map<string, string>();
  /** Computations in progress by version and key, which concurrent misses share. */
  private readonly pending = new Map<string, Promise<string>>();
  private readonly requests = searchCacheRequests();
  private bytes = 0;
  private version: bigint | undefined;

  constructor(private readonly searchVersion: SearchVersion) {
    this.maxBytes = Number(process.env.KNOWLEDGE_SEARCH_CACHE_MB ?? DEFAULT_MEGABYTES) * 1_048_576;
  }

  /** Returns the response stored under the key, or computes and stores it. */
  async get(key: string, compute: () => Promise<string>): Promise<string> {
    if (this.maxBytes <= 0) return compute();

    const version = BigInt(await this.searchVersion.read());
    if (this.version === undefined || version > this.version) {
      this.clear();
      this.version = version;
    } else if (version < this.version) {
      // A read that finished after a newer one; its request predates the entries kept now.
      return compute();
    }
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      this.requests.inc({ result: 'hit' });

      return cached;
    }

    this.requests.inc({ result: 'miss' });
    const pendingKey = `${version}\n${key}`;
    const shared = this.pending.get(pendingKey);
    if (shared) return shared;

    const computed = compute();
    this.pending.set(pendingKey, computed);
    try {
      const value = await computed;
      // A response computed before a newer version was seen may predate that change.
      if (this.version === version) this.store(key, value);

      return value;
    } finally {
      this.pending.delete(pendingKey);
    }
  }

  private store(key: string, value: string): void {
    const size = (key.length + value.length) * BYTES_PER_CHARACTER;
    if (size > this.maxBytes) return;

    this.remove(key);
    this.entries.set(key, value);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;

    this.entries.delete(key);
    this.bytes -= (key.length + value.length) * BYTES_PER_CHARACTER;
  }

  private clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}

const byRegistry = new WeakMap<Registry, Counter<'result'>>();

/** Returns the cache request counter of this process; replicas in one process share it. */
function searchCacheRequests(): Counter<'result'> {
  const registry = serviceMetrics().registry;
  let counter = byRegistry.get(registry);
  if (!counter) {
    counter = new Counter({
      name: 'knowledge_search_cache_requests_total',
      help: 'Search requests served from the result cache (hit) or computed (miss)',
      labelNames: ['result'],
      registers: [registry],
    });
    byRegistry.set(registry, counter);
  }

  return counter;
}
