import type { ApiKeyPrincipal, ApiKeyView, CreatedApiKey } from '@ciclo/platform-contracts';
import { apiKeyPrefixOf, generateApiKey, hashApiKey, hashesEqual } from './api-key-secret';
import { fromDbRole, toDbRole, toView, viewColumns } from './api-key-records';
import type { ApiKeyActor, IssueApiKeyInput } from './api-key-service';
import type { Prisma, PrismaClient } from './generated/prisma/client';

type Transaction = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every key operation needs from the service's options. */
export interface ApiKeySettings {
  readonly pepper: string | undefined;
  readonly now: () => Date;
  readonly lastUsedResolutionMs: number;
}

/** Creates the key and its audit entry in `tx`; the plaintext key is in the result only. */
export async function issueApiKeyIn(tx: Transaction, input: IssueApiKeyInput, settings: ApiKeySettings): Promise<CreatedApiKey> {
  const { key, prefix } = generateApiKey();
  const row = await tx.apiKey.create({
    data: {
      name: input.name,
      role: toDbRole[input.role],
      prefix,
      keyHash: hashApiKey(key, settings.pepper),
      createdBy: input.createdBy.name,
      createdAt: settings.now(),
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

/** The key's principal, or `null`; records `lastUsedAt` at most once per resolution interval. */
export async function verifyApiKey(prisma: PrismaClient, key: string, settings: ApiKeySettings): Promise<ApiKeyPrincipal | null> {
  const prefix = apiKeyPrefixOf(key);
  if (!prefix) return null;
  const presented = hashApiKey(key, settings.pepper);
  const candidates = await prisma.apiKey.findMany({
    where: { prefix },
    select: { id: true, name: true, role: true, keyHash: true, revokedAt: true, lastUsedAt: true },
  });
  // Prefixes are random and practically unique, but nothing forbids two keys sharing one.
  const match = candidates.find((c) => hashesEqual(presented, c.keyHash));
  if (!match || match.revokedAt) return null;

  const at = settings.now();
  const staleBefore = new Date(at.getTime() - settings.lastUsedResolutionMs);
  if (!match.lastUsedAt || match.lastUsedAt < staleBefore) {
    // Conditional, so replicas racing on the same key write once per interval between them.
    await prisma.apiKey.updateMany({
      where: { id: match.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: at },
    });
  }
  return { id: match.id, name: match.name, role: fromDbRole[match.role] };
}

/** Revokes in `tx` (idempotent: only the first revocation is audited); `null` for an unknown id. */
export async function revokeApiKeyIn(tx: Transaction, id: string, actor: ApiKeyActor, now: () => Date): Promise<ApiKeyView | null> {
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
}
