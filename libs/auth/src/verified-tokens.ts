import { Actor } from './actor';

/**
 * Tokens that passed verification, by their text, so that a client's further requests with the
 * same token skip the RSA signature check, the largest share of CPU time of a small request.
 * An entry lasts until the token expires, and at most `ttlMs`: that bounds how long a token
 * signed with a key since withdrawn from the JWKS stays accepted. Failed checks are not kept.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The actor of a token verified before and still valid; a copy, so callers may change it. */
  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(token);

      return undefined;
    }

    return copy(entry.actor);
  }

  /** Keeps a verified token until `expiresAt` (seconds since the epoch), at most for ttlMs. */
  remember(token: string, actor: Actor, expiresAt: number | undefined): void {
    if (this.ttlMs <= 0) return;

    const until = Math.min(Date.now() + this.ttlMs, (expiresAt ?? Infinity) * 1000);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: this drops the entry kept longest.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(token, { actor: copy(actor), until });
  }
}

function copy(actor: Actor): Actor {
  return { ...actor, scopes: actor.scopes && [...actor.scopes] };
}
