import type { ApiKeyPrincipal, ApiKeyRole, ApiKeyView, CreatedApiKey } from '@ciclo/platform-contracts';
import type { Database } from './database';
import { ApiKeyRole as DbApiKeyRole, type Prisma } from './generated/prisma/client';
import { apiKeyPrefixOf, generateApiKey, hashApiKey, hashesEqual } from './api-key-secret';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BOOTSTRAP_LOCK = 'ciclo:api-keys:bootstrap-admin';
export const BOOTSTRAP_ADMIN_KEY_NAME = 'bootstrap admin';
const BOOTSTRAP_ACTOR: ApiKeyActor = { name: 'ciclo start (first run)' };

const toDbRole: Record<ApiKeyRole, DbApiKeyRole> = {
  viewer: DbApiKeyRole.viewer,
  'data-scientist': DbApiKeyRole.data_scientist,
  admin: DbApiKeyRole.admin,
};
const fromDbRole: Record<DbApiKeyRole, ApiKeyRole> = { viewer: 'viewer', data_scientist: 'data-scientist', admin: 'admin' };

/** Columns a view may show; `keyHash` is deliberately absent. */
const viewColumns = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  createdBy: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const satisfies Prisma.ApiKeySelect;
type ViewRow = Prisma.ApiKeyGetPayload<{ select: typeof viewColumns }>;

function toView(row: ViewRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: fromDbRole[row.role],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export function createApiKeyService(db: Database, options: ApiKeyServiceOptions = {}): ApiKeyService {
  const { prisma } = db;
  const now = options.now ?? (() => new Date());
  const resolutionMs = options.lastUsedResolutionMs ?? 60_000;

  async function issueIn(tx: Prisma.TransactionClient, input: IssueApiKeyInput): Promise<CreatedApiKey> {
    const { key, prefix } = generateApiKey();
    const row = await tx.apiKey.create({
      data: {
        name: input.name,
        role: toDbRole[input.role],
        prefix,
        keyHash: hashApiKey(key, options.pepper),
        createdBy: input.createdBy.name,
        createdAt: now(),
      },
      select: viewColumns,
    });
    await tx.auditLog.create({
      data: {
        actor: input.createdBy.name,
        apiKeyId: input.createdBy.apiKeyId ?? null,
        action: 'api_key.issue',
        targetType: 'api_key',
        targetId: row.id,
        details: { name: row.name, role: input.role, prefix },
      },
    });
    return { ...toView(row), key };
  }

  return {
    issue: (input) => prisma.$transaction((tx) => issueIn(tx, input)),

    async verify(key) {
      const prefix = apiKeyPrefixOf(key);
      if (!prefix) return null;
      const presented = hashApiKey(key, options.pepper);
      const candidates = await prisma.apiKey.findMany({
        where: { prefix },
        select: { id: true, name: true, role: true, keyHash: true, revokedAt: true, lastUsedAt: true },
      });
      // Prefixes are random and practically unique, but nothing forbids two keys sharing one.
      const match = candidates.find((c) => hashesEqual(presented, c.keyHash));
      if (!match || match.revokedAt) return null;

      const at = now();
      const staleBefore = new Date(at.getTime() - resolutionMs);
      if (!match.lastUsedAt || match.lastUsedAt < staleBefore) {
        // Conditional, so replicas racing on the same key write once per interval between them.
        await prisma.apiKey.updateMany({
          where: { id: match.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
          data: { lastUsedAt: at },
        });
      }
      return { id: match.id, name: match.name, role: fromDbRole[match.role] };
    },

    async list() {
      const rows = await prisma.apiKey.findMany({ select: viewColumns, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      return rows.map(toView);
    },

    revoke: (id, actor) =>
      prisma.$transaction(async (tx) => {
        if (!UUID.test(id)) return null;
        const revoked = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now() } });
        const row = await tx.apiKey.findUnique({ where: { id }, select: viewColumns });
        if (!row) return null;
        if (revoked.count === 1) {
          await tx.auditLog.create({
            data: {
              actor: actor.name,
              apiKeyId: actor.apiKeyId ?? null,
              action: 'api_key.revoke',
              targetType: 'api_key',
              targetId: id,
              details: { name: row.name, role: fromDbRole[row.role], prefix: row.prefix },
            },
          });
        }
        return toView(row);
      }),

    countActive: (role) => prisma.apiKey.count({ where: { revokedAt: null, ...(role ? { role: toDbRole[role] } : {}) } }),

    ensureBootstrapAdmin: () =>
      prisma.$transaction(async (tx) => {
        // Held until commit: a concurrent caller waits here, then sees the key this one made.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${BOOTSTRAP_LOCK}))`;
        const admins = await tx.apiKey.count({ where: { role: DbApiKeyRole.admin, revokedAt: null } });
        if (admins > 0) return null;
        return issueIn(tx, { name: BOOTSTRAP_ADMIN_KEY_NAME, role: 'admin', createdBy: BOOTSTRAP_ACTOR });
      }),
  };
}
