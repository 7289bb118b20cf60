import { AUDIT_TARGET_TYPE } from './audit-trail';
import type { RegistryContext } from './registry-context';
import { pageSize } from './registry-input';
import { findModel } from './registry-lookups';
import { toAuditEntry, type AuditEntry } from './registry-records';

export interface AuditQuery {
  readonly model?: string;
  readonly limit?: number;
  readonly before?: string;
}

export interface AuditLogService {
  /** Audit entries, newest first; `model` narrows to one model. */
  auditLog(query?: AuditQuery): Promise<AuditEntry[]>;
}

/** Reads the audit trail every mutation writes (writing it: audit-trail.ts). */
export function createAuditLogService(ctx: RegistryContext): AuditLogService {
  const { prisma } = ctx;
  return {
    async auditLog(query = {}) {
      const modelId = query.model === undefined ? undefined : (await findModel(prisma, query.model)).id;
      const rows = await prisma.auditLog.findMany({
        where: {
          targetType: AUDIT_TARGET_TYPE,
          ...(modelId ? { targetId: modelId } : {}),
          ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
        },
        orderBy: { id: 'desc' },
        take: pageSize(query.limit),
      });
      return rows.map(toAuditEntry);
    },
  };
}
