import type { Prisma } from '@ciclo/platform-db';
import type { AuditContext } from './registry-records';

/** Every registry mutation's audit row: target is always the model, so one index answers "what happened to model X". */
export interface AuditWrite {
  readonly actor: string;
  /** Dotted verb, e.g. `model.version.register`, `model.alias.set`. */
  readonly action: string;
  readonly modelId: string;
  readonly details: Record<string, unknown>;
  readonly context?: AuditContext | undefined;
  readonly at: Date;
}

export const AUDIT_TARGET_TYPE = 'model';

/** Written inside the mutation's own transaction: the audit row exists exactly when the change does. */
export async function writeAudit(tx: Prisma.TransactionClient, entry: AuditWrite): Promise<void> {
  await tx.auditLog.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      targetType: AUDIT_TARGET_TYPE,
      targetId: entry.modelId,
      details: toJson(entry.details),
      apiKeyId: entry.context?.apiKeyId ?? null,
      requestId: entry.context?.requestId ?? null,
      createdAt: entry.at,
    },
  });
}

/** JSON round trip: what PostgreSQL will store anyway, and it drops `undefined`. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? {})) as Prisma.InputJsonValue;
}
