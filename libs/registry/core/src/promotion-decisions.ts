import type { Model, ModelVersion } from '@ciclo/platform-db';
import { toJson } from './audit-trail';
import { evaluatePromotionGate, parseGateMetrics, parsePromotionGate, type GateVerdict } from './promotion-gate';
import type { Tx } from './registry-context';
import { findAlias } from './registry-lookups';
import { toDecisionRecord, type PromotionDecisionRecord } from './registry-records';

/** Prisma `include` that gives a decision row the version numbers its record shows. */
export const decisionInclude = { candidateVersion: { select: { version: true } }, baselineVersion: { select: { version: true } } } as const;

export type DecisionStatus = PromotionDecisionRecord['status'];

export interface DecisionOutcome {
  readonly status: DecisionStatus;
  readonly decidedBy: string | null;
  readonly comment: string | null;
}

/** What a candidate is judged against: the version production serves now. */
export async function productionOf(tx: Tx, model: Model): Promise<ModelVersion | null> {
  return (await findAlias(tx, model.id, 'production'))?.version ?? null;
}

/** The gate's verdict from registered metrics only: nothing is run. */
export function judgeCandidate(model: Model, candidate: ModelVersion, production: ModelVersion | null): GateVerdict {
  return evaluatePromotionGate({
    gate: parsePromotionGate(model.gate),
    candidate: { version: candidate.version, metrics: parseGateMetrics(candidate.metrics) },
    production: production ? { version: production.version, metrics: parseGateMetrics(production.metrics) } : null,
  });
}

/** Records the gate's verdict, reusing the latest pending decision for the same candidate and alias. */
export async function recordDecision(
  tx: Tx,
  at: () => Date,
  subject: { model: Model; candidate: ModelVersion; production: ModelVersion | null; alias: string },
  verdict: GateVerdict,
  outcome: DecisionOutcome,
): Promise<PromotionDecisionRecord> {
  const { model, candidate, production, alias } = subject;
  const pending = await tx.promotionDecision.findFirst({
    where: { modelId: model.id, candidateVersionId: candidate.id, targetAlias: alias, status: 'pending' },
    orderBy: { createdAt: 'desc' },
  });
  const decided = outcome.status === 'pending' ? null : at();
  const data = {
    baselineVersionId: production?.id ?? null,
    gatePassed: verdict.passed,
    reasons: toJson(verdict.checks),
    status: outcome.status,
    decidedBy: outcome.decidedBy,
    decidedAt: decided,
    comment: outcome.comment,
  };
  const row = pending
    ? await tx.promotionDecision.update({ where: { id: pending.id }, data, include: decisionInclude })
    : await tx.promotionDecision.create({
        data: { ...data, modelId: model.id, candidateVersionId: candidate.id, runId: candidate.runId, targetAlias: alias },
        include: decisionInclude,
      });
  return toDecisionRecord(model.name, row);
}
