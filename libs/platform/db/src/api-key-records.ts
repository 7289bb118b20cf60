import type { ApiKeyRole, ApiKeyView } from '@ciclo/platform-contracts';
import { ApiKeyRole as DbApiKeyRole, type Prisma } from './generated/prisma/client';

export const toDbRole: Record<ApiKeyRole, DbApiKeyRole> = {
  viewer: DbApiKeyRole.viewer,
  'data-scientist': DbApiKeyRole.data_scientist,
  admin: DbApiKeyRole.admin,
};
export const fromDbRole: Record<DbApiKeyRole, ApiKeyRole> = { viewer: 'viewer', data_scientist: 'data-scientist', admin: 'admin' };

/** Columns a view may show; `keyHash` is deliberately absent. */
export const viewColumns = {
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

export function toView(row: ViewRow): ApiKeyView {
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
