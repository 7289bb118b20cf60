import type { AliasChange, SetAliasInput } from './alias-service';
import { writeAudit } from './audit-trail';
import { decisionInclude, judgeCandidate, productionOf, recordDecision } from './promotion-decisions';
import type { RegistryContext } from './registry-context';
import { requireText } from './registry-input';
import { findModel, findVersion } from './registry-lookups';
import { toDecisionRecord, type ActorRole, type AuditContext, type PromotionDecisionRecord } from './registry-records';

export interface ApproveInput {
  readonly model: string;
  readonly version: number;
  readonly approver: string;
  readonly approverRole?: ActorRole;
  readonly reason: string;
  readonly alias?: string;
  readonly force?: boolean;
  readonly context?: AuditContext;
}

export interface RejectInput {
  readonly model: string;
  readonly version: number;
  readonly actor: string;
  readonly reason: string;
  readonly alias?: string;
  readonly context?: AuditContext;
}

export interface PromotionService {
  /** A data scientist's approval under the `manual` policy: records approver and reason and promotes. */
  approve(input: ApproveInput): Promise<AliasChange>;
  /** Turn a candidate down (manual policy): its decision becomes `rejected`, the alias stays. */
  reject(input: RejectInput): Promise<PromotionDecisionRecord>;
  /** Run the gate for a version now and store the verdict as a pending decision (nothing moves). */
  evaluateGate(model: string, version: number, options?: { alias?: string }): Promise<PromotionDecisionRecord>;
  listDecisions(model: string, options?: { version?: number }): Promise<PromotionDecisionRecord[]>;
}

/** The promotion gate's decisions and the manual policy's approvals and rejections. */
export function createPromotionService(ctx: RegistryContext, setAlias: (input: SetAliasInput) => Promise<AliasChange>): PromotionService {
  const { prisma, now } = ctx;

  return {
    approve(input) {
      return setAlias({
        model: input.model,
        version: input.version,
        alias: input.alias ?? 'production',
        actor: input.approver,
        reason: input.reason,
        ...(input.approverRole ? { actorRole: input.approverRole } : {}),
        ...(input.force ? { force: input.force } : {}),
        ...(input.context ? { context: input.context } : {}),
      });
    },

    async reject(input) {
      requireText(input.actor, 'actor');
      requireText(input.reason, 'reason');
      const alias = input.alias ?? 'production';
      return ctx.withModelLock(input.model, async (tx, model) => {
        const candidate = await findVersion(tx, model, input.version);
        const production = await productionOf(tx, model);
        const decision = await recordDecision(tx, now, { model, candidate, production, alias }, judgeCandidate(model, candidate, production), {
          status: 'rejected',
          decidedBy: input.actor,
          comment: input.reason,
        });
        await writeAudit(tx, { actor: input.actor, action: 'model.promotion.rejected', modelId: model.id, details: { model: model.name, version: candidate.version, alias, reason: input.reason }, context: input.context, at: now() });
        return decision;
      });
    },

    async evaluateGate(model, version, options = {}) {
      const alias = options.alias ?? 'production';
      return ctx.withModelLock(model, async (tx, m) => {
        const candidate = await findVersion(tx, m, version);
        const production = await productionOf(tx, m);
        return recordDecision(tx, now, { model: m, candidate, production, alias }, judgeCandidate(m, candidate, production), { status: 'pending', decidedBy: null, comment: null });
      });
    },

    async listDecisions(model, options = {}) {
      const m = await findModel(prisma, model);
      const candidateVersionId = options.version === undefined ? undefined : (await findVersion(prisma, m, options.version)).id;
      const rows = await prisma.promotionDecision.findMany({
        where: { modelId: m.id, ...(candidateVersionId ? { candidateVersionId } : {}) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: decisionInclude,
      });
      return rows.map((row) => toDecisionRecord(m.name, row));
    },
  };
}
