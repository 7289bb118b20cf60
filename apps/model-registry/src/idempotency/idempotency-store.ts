import type { Database } from '@ciclo/platform-db';

/** Whose key it is and where it was used: keys are unique per caller (API key), method and route. */
export interface IdempotencyScope {
  readonly apiKeyId: string;
  readonly method: string;
  /** The route pattern (`/v1/models/:name/versions`), not the concrete path. */
  readonly route: string;
  readonly key: string;
}

/** A first answer as kept: status, the headers worth replaying and the sealed body. */
export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly sealedBody: Uint8Array;
}

/** This request holds the key: it runs, then completes (2xx) or releases (anything else) the claim. */
export interface IdempotencyClaim {
  readonly id: string;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly claim: IdempotencyClaim }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  /** The key was used for a different request (another fingerprint). */
  | { readonly kind: 'reused' }
  /** The first request with the key is still running. */
  | { readonly kind: 'in-flight' };

export interface IdempotencyStoreOptions {
  readonly db: Database;
  /** How long a key and its first answer are kept (default 24 h). */
  readonly retentionMs?: number;
  /**
   * How long a claim holds without an answer before it counts as abandoned (its process died
   * mid-request) and a repeat may run instead (default 5 min, above any request's own time limit).
   */
  readonly claimTimeoutMs?: number;
  /** Clock (tests move it). */
  readonly now?: () => Date;
}

export interface IdempotencyStore {
  /** Claims `scope` for a request with `fingerprint`, or says why not (replay, reused, in flight). */
  claim(scope: IdempotencyScope, fingerprint: string): Promise<ClaimOutcome>;
  /** Keeps the answer of a claimed request; false when the claim was taken over meanwhile. */
  complete(claim: IdempotencyClaim, answer: StoredAnswer): Promise<boolean>;
  /** Gives a claim up (the request failed): a retry with the key runs again. */
  release(claim: IdempotencyClaim): Promise<void>;
  /** Deletes records past their retention; returns how many. */
  purgeExpired(): Promise<number>;
}

export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;
const DEFAULT_CLAIM_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Idempotency records in PostgreSQL (`idempotency_records`). The unique index on the scope makes
 * the claim atomic: of two requests racing with one key, exactly one inserts the row; the other
 * finds it and is told the first is in flight (409) or, once it completed, gets its answer.
 */
export function createIdempotencyStore(options: IdempotencyStoreOptions): IdempotencyStore {
  const records = options.db.prisma.idempotencyRecord;
  const retentionMs = options.retentionMs ?? DEFAULT_IDEMPOTENCY_RETENTION_MS;
  const claimTimeoutMs = options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  async function tryInsert(scope: IdempotencyScope, fingerprint: string, at: Date): Promise<IdempotencyClaim | null> {
    const inserted = await records.createManyAndReturn({
      data: [{ ...scope, fingerprint, createdAt: at, claimExpiresAt: new Date(at.getTime() + claimTimeoutMs), expiresAt: new Date(at.getTime() + retentionMs) }],
      skipDuplicates: true,
      select: { id: true },
    });
    return inserted[0] ?? null;
  }

  async function claim(scope: IdempotencyScope, fingerprint: string): Promise<ClaimOutcome> {
    // Twice at most: a row found expired (or abandoned) is deleted, then the insert is retried.
    for (let attempt = 0; attempt < 2; attempt++) {
      const at = now();
      const claimed = await tryInsert(scope, fingerprint, at);
      if (claimed) return { kind: 'claimed', claim: claimed };
      const existing = await records.findUnique({ where: { scope } });
      if (!existing) continue; // released between the insert and the read
      if (existing.expiresAt <= at || (existing.completedAt === null && existing.claimExpiresAt <= at)) {
        // Past its retention, or a claim whose process died: free the key. The condition is
        // repeated in the delete, so a claim completed meanwhile is not lost.
        await records.deleteMany({ where: { id: existing.id, OR: [{ expiresAt: { lte: at } }, { completedAt: null, claimExpiresAt: { lte: at } }] } });
        continue;
      }
      if (existing.fingerprint !== fingerprint) return { kind: 'reused' };
      if (existing.completedAt === null || existing.responseStatus === null || existing.responseBody === null) return { kind: 'in-flight' };
      const headers = (existing.responseHeaders ?? {}) as Record<string, string>;
      return { kind: 'replay', answer: { status: existing.responseStatus, headers, sealedBody: existing.responseBody } };
    }
    // Lost two races in a row to other requests with the same key: one of them is running.
    return { kind: 'in-flight' };
  }

  return {
    claim,
    async complete(held, answer) {
      const { count } = await records.updateMany({
        where: { id: held.id, completedAt: null },
        data: { completedAt: now(), responseStatus: answer.status, responseHeaders: { ...answer.headers }, responseBody: Uint8Array.from(answer.sealedBody) },
      });
      return count === 1;
    },
    async release(held) {
      await records.deleteMany({ where: { id: held.id, completedAt: null } });
    },
    async purgeExpired() {
      const { count } = await records.deleteMany({ where: { expiresAt: { lte: now() } } });
      return count;
    },
  };
}
