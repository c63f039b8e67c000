// What a server-rendered page shows after a form post (Post/Redirect/Get): the post stores it here under a random
// key in an HttpOnly, SameSite=Strict cookie and answers 303 See Other; the GET page reads it. So every page in
// the browser's history is a GET: Back and Reload never ask to send a form again, and no secret is in an address.
import { randomBytes } from 'node:crypto';

/** Kept in this process's memory only, for a few minutes; expired entries are dropped on every write. */
export class ShortLivedStore<T> {
  private readonly items = new Map<string, { value: T; expires: number }>();
  constructor(
    readonly ttlMs: number,
    private readonly maxItems = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores `value` under a new random key (and forgets `replaces`, the key it takes over from). */
  put(value: T, replaces?: string): string {
    const now = this.now();
    if (replaces) this.items.delete(replaces);
    for (const [key, kept] of this.items) if (kept.expires <= now) this.items.delete(key);
    while (this.items.size >= this.maxItems) this.items.delete(this.items.keys().next().value!);
    const key = randomBytes(24).toString('base64url');
    this.items.set(key, { value, expires: now + this.ttlMs });
    return key;
  }

  get(key: string | undefined): T | null {
    const kept = key ? this.items.get(key) : undefined;
    return kept && kept.expires > this.now() ? kept.value : null;
  }

  delete(key: string | undefined): void {
    if (key) this.items.delete(key);
  }
}
