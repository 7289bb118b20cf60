export interface UnknownModelCacheOptions {
  /** Most names remembered; past it the oldest is forgotten. 0 remembers none. */
  readonly maxEntries: number;
  /** How long a name is remembered (ms). */
  readonly ttlMs: number;
  /** Clock (ms), for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Model names the registry said it does not have, remembered for a while so that repeated
 * requests for them are answered here without asking the registry again. Bounded twice: an entry
 * expires after `ttlMs`, and past `maxEntries` the oldest goes, so a flood of invented names costs
 * at most `maxEntries` short strings (and one registry call per name it had to forget).
 */
export class UnknownModelCache {
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  /** Name → expiry. One TTL for all, and a re-added name moves to the end: oldest expire first. */
  readonly #expiries = new Map<string, number>();

  constructor(options: UnknownModelCacheOptions) {
    this.#maxEntries = options.maxEntries;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** True while `name` is remembered as unknown. */
  has(name: string): boolean {
    const expiry = this.#expiries.get(name);
    if (expiry === undefined) return false;
    if (expiry > this.#now()) return true;
    this.#expiries.delete(name);
    return false;
  }

  add(name: string): void {
    if (this.#maxEntries <= 0) return;
    this.#expiries.delete(name);
    this.#expiries.set(name, this.#now() + this.#ttlMs);
    this.#evict();
  }

  /** The registry has it now (seen in a listing). */
  delete(name: string): void {
    this.#expiries.delete(name);
  }

  /** Names remembered now (expired ones are dropped first). */
  get size(): number {
    this.#evict();
    return this.#expiries.size;
  }

  #evict(): void {
    const now = this.#now();
    for (const [name, expiry] of this.#expiries) {
      if (expiry > now && this.#expiries.size <= this.#maxEntries) break;
      this.#expiries.delete(name);
    }
  }
}
