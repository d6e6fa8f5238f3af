import { SearchCache } from './search-cache';
import { SearchVersion } from './search-version';

/** Returns a version reader that reports the version the test sets. */
function versionReader(state: { version: number }): SearchVersion {
  return { read: async () => String(state.version) } as unknown as SearchVersion;
}

function cacheOf(megabytes: number, state = { version: 1 }): SearchCache {
  process.env.KNOWLEDGE_SEARCH_CACHE_MB = String(megabytes);
  try {
    return new SearchCache(versionReader(state));
  } finally {
    delete process.env.KNOWLEDGE_SEARCH_CACHE_MB;
  }
}

describe('SearchCache', () => {
  it('computes a key once per version', async () => {
    const state = { version: 1 };
    const cache = cacheOf(1, state);
    const compute = jest.fn(async () => 'result');

    await cache.get('key', compute);
    await cache.get('key', compute);
    state.version = 2;
    await cache.get('key', compute);

    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('shares one computation between concurrent misses', async () => {
    const cache = cacheOf(1);
    let finish: (value: string) => void = () => undefined;
    const compute = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));

    const first = cache.get('key', compute);
    const second = cache.get('key', compute);
    await new Promise((resolve) => setImmediate(resolve));
    finish('result');

    expect(await first).toBe('result');
    expect(await second).toBe('result');
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('drops the least recently used entry beyond its memory', async () => {
    // 1/16 MB fits two responses of 16,384 characters (32 KiB each) but not three.
    const cache = cacheOf(1 / 16 + 0.001);
    const response = (name: string) => async () => name.padEnd(16_384 - name.length, '.');
    const compute = jest.fn(async () => 'recomputed');

    await cache.get('a', response('a'));
    await cache.get('b', response('b'));
    await cache.get('a', compute);
    await cache.get('c', response('c'));
    await cache.get('a', compute);
    await cache.get('b', compute);

    expect(compute).toHaveBeenCalledTimes(1);
    expect(await cache.get('a', compute)).toMatch(/^a\.+$/);
  });

  it('bypasses itself for an older version', async () => {
    const state = { version: 2 };
    const cache = cacheOf(1, state);
    await cache.get('key', async () => 'current');
    state.version = 1;

    const older = await cache.get('key', async () => 'older');
    state.version = 2;
    const current = await cache.get('key', async () => 'recomputed');

    expect(older).toBe('older');
    expect(current).toBe('current');
  });

  it('computes every request when turned off', async () => {
    const cache = cacheOf(0);
    const compute = jest.fn(async () => 'result');

    await cache.get('key', compute);
    await cache.get('key', compute);

    expect(compute).toHaveBeenCalledTimes(2);
  });
});
