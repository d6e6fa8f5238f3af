/**
 * Keeps settings that nearly every ticket creation reads (automation rules, assignment modes)
 * in memory for a short time. A change made through this replica clears the entry at once;
 * other replicas see it once their entry expires, after at most `ttlMs`.
 *
 * Each clear bumps a generation, and a load that started before the clear does not store its
 * result, so a read racing a change never keeps the old value.
 */
export class SettingsCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private generation = 0;

  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.value;

    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.ttlMs > 0) {
      this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    }

    return value;
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

/** Milliseconds other replicas may keep using settings changed elsewhere (SETTINGS_CACHE_MS). */
export function settingsCacheMs(): number {
  return Number(process.env.SETTINGS_CACHE_MS ?? 2000);
}
