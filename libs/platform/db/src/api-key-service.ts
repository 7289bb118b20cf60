import type { ApiKeyPrincipal, ApiKeyRole, ApiKeyView, CreatedApiKey } from '@ciclo/platform-contracts';
import { issueApiKeyIn, revokeApiKeyIn, verifyApiKey, type ApiKeySettings } from './api-key-lifecycle';
import { toDbRole, toView, viewColumns } from './api-key-records';
import type { Database } from './database';
import { ApiKeyRole as DbApiKeyRole } from './generated/prisma/client';

/** Who performs a key operation; recorded in `api_keys.created_by` and the audit log. */
export interface ApiKeyActor {
  /** Human-readable: the acting key's name, or a system label such as `ciclo start`. */
  readonly name: string;
  /** The API key the actor authenticated with, when there was one. */
  readonly apiKeyId?: string;
}

export interface IssueApiKeyInput {
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly createdBy: ApiKeyActor;
}

export interface ApiKeyServiceOptions {
  /**
   * Secret mixed into every key hash (HMAC-SHA-256 instead of SHA-256), kept outside the
   * database. Optional; changing it invalidates every existing key.
   */
  readonly pepper?: string;
  /**
   * `lastUsedAt` is written at most once per this interval per key (default 60 000 ms), so a
   * busy client does not cause a database write per request.
   */
  readonly lastUsedResolutionMs?: number;
  /** Injected by tests. */
  readonly now?: () => Date;
}

/** API keys with roles, stored hashed (see {@link hashApiKey} for why SHA-256 suffices). */
export interface ApiKeyService {
  /** Creates a key; the plaintext `key` in the result is the only copy that will ever exist. */
  issue(input: IssueApiKeyInput): Promise<CreatedApiKey>;
  /** The principal a key stands for, or `null` if it is malformed, unknown or revoked. */
  verify(key: string): Promise<ApiKeyPrincipal | null>;
  /** Every key, revoked ones included, newest first; never a hash or a plaintext key. */
  list(): Promise<ApiKeyView[]>;
  /** Revokes a key (idempotent); `null` if there is no key with that id. */
  revoke(id: string, actor: ApiKeyActor): Promise<ApiKeyView | null>;
  /** Keys not revoked, optionally of one role only. */
  countActive(role?: ApiKeyRole): Promise<number>;
  /**
   * Issues the first admin key when no active admin key exists, and returns it — the only time
   * it is shown; `null` otherwise. Safe to call from several processes at once: an advisory
   * lock serialises the check-and-create, so exactly one admin key results.
   */
  ensureBootstrapAdmin(): Promise<CreatedApiKey | null>;
}

const BOOTSTRAP_LOCK = 'ciclo:api-keys:bootstrap-admin';
export const BOOTSTRAP_ADMIN_KEY_NAME = 'bootstrap admin';
const BOOTSTRAP_ACTOR: ApiKeyActor = { name: 'ciclo start (first run)' };

export function createApiKeyService(db: Database, options: ApiKeyServiceOptions = {}): ApiKeyService {
  const { prisma } = db;
  const settings: ApiKeySettings = {
    pepper: options.pepper,
    now: options.now ?? (() => new Date()),
    lastUsedResolutionMs: options.lastUsedResolutionMs ?? 60_000,
  };

  return {
    issue: (input) => prisma.$transaction((tx) => issueApiKeyIn(tx, input, settings)),
    verify: (key) => verifyApiKey(prisma, key, settings),
    async list() {
      const rows = await prisma.apiKey.findMany({ select: viewColumns, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      return rows.map(toView);
    },
    revoke: (id, actor) => prisma.$transaction((tx) => revokeApiKeyIn(tx, id, actor, settings.now)),
    countActive: (role) => prisma.apiKey.count({ where: { revokedAt: null, ...(role ? { role: toDbRole[role] } : {}) } }),
    ensureBootstrapAdmin: () =>
      prisma.$transaction(async (tx) => {
        // Held until commit: a concurrent caller waits here, then sees the key this one made.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${BOOTSTRAP_LOCK}))`;
        const admins = await tx.apiKey.count({ where: { role: DbApiKeyRole.admin, revokedAt: null } });
        if (admins > 0) return null;
        return issueApiKeyIn(tx, { name: BOOTSTRAP_ADMIN_KEY_NAME, role: 'admin', createdBy: BOOTSTRAP_ACTOR }, settings);
      }),
  };
}
