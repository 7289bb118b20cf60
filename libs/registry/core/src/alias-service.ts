import type { Model, ModelVersion } from '@ciclo/platform-db';
import { EventTypes, ModelAliasChangedV1 } from '@ciclo/platform-contracts';
import { writeOutboxEvent } from '@ciclo/platform-db';
import { aliasEventInclude } from './alias-history-service';
import { writeAudit } from './audit-trail';
import { AliasConflictError } from './errors/alias-conflict-error';
import { AliasNotFoundError } from './errors/alias-not-found-error';
import { ForceNotAllowedError } from './errors/force-not-allowed-error';
import { GateFailedError } from './errors/gate-failed-error';
import { NoRollbackTargetError } from './errors/no-rollback-target-error';
import { judgeCandidate, productionOf, recordDecision } from './promotion-decisions';
import type { GateVerdict } from './promotion-gate';
import type { RegistryContext, Tx } from './registry-context';
import { checkAliasName, requireText } from './registry-input';
import { findAlias, findVersion } from './registry-lookups';
import {
  toAliasEventRecord,
  type ActorRole,
  type AliasEventRecord,
  type AuditContext,
  type PromotionDecisionRecord,
} from './registry-records';

/** Actor recorded when the `auto` policy promotes. */
export const AUTO_PROMOTE_ACTOR = 'system:auto-promote';

export interface SetAliasInput {
  readonly model: string;
  readonly alias: string;
  readonly version: number;
  readonly actor: string;
  /** Why: kept in the alias history forever. */
  readonly reason: string;
  /** Used to check `force`. */
  readonly actorRole?: ActorRole;
  /** Promote past a failed gate (admin only, with a reason). */
  readonly force?: boolean;
  /** Compare-and-set: fail with AliasConflictError (409) unless the alias points here now (null = unset). */
  readonly expectedCurrentVersion?: number | null;
  readonly context?: AuditContext;
}

export type PromoteInput = Omit<SetAliasInput, 'alias'> & { readonly alias?: string };

export interface AliasChange {
  readonly model: string;
  readonly alias: string;
  readonly fromVersion: number | null;
  readonly toVersion: number | null;
  /** False when the alias already pointed there (no event, no history entry). */
  readonly changed: boolean;
  /** The history entry written, when changed. */
  readonly event: AliasEventRecord | null;
  /** The gate's decision, for gated aliases. */
  readonly decision: PromotionDecisionRecord | null;
}

export interface PromotionOutcome {
  readonly promoted: boolean;
  readonly decision: PromotionDecisionRecord;
  readonly change: AliasChange | null;
}

export interface AliasMoveInput {
  readonly model: string;
  readonly alias: string;
  readonly actor: string;
  readonly reason: string;
  readonly expectedCurrentVersion?: number | null;
  readonly context?: AuditContext;
}

export interface AliasService {
  /**
   * Point an alias at a version. Gated aliases (`production` by default) go through the
   * promotion gate: a failed gate is recorded as a pending decision and refused with
   * GateFailedError (403) unless an admin forces it with a reason.
   */
  setAlias(input: SetAliasInput): Promise<AliasChange>;
  /** `setAlias` with `alias` defaulting to `production`; the actor's call is the approval. */
  promote(input: PromoteInput): Promise<AliasChange>;
  /** Remove an alias (history keeps an entry with `toVersion: null`). */
  removeAlias(input: AliasMoveInput): Promise<AliasChange>;
  /**
   * Move an alias back to where it pointed before its latest move (a removed alias comes back).
   * Not gated: the target already served under this alias. Rolling back twice undoes the rollback.
   */
  rollback(input: AliasMoveInput): Promise<AliasChange>;
}

/** With policy `auto`: promote to production when the gate passes; otherwise leave a pending decision. */
export type AutoPromote = (model: string, version: number, context?: AuditContext) => Promise<PromotionOutcome>;

interface AliasMove {
  readonly alias: string;
  readonly target: ModelVersion | null;
  readonly actor: string;
  readonly reason: string;
  readonly expectedCurrentVersion?: number | null | undefined;
  /** Audit action, e.g. `model.alias.set`, `model.promotion.approved`. */
  readonly action: string;
  readonly context?: AuditContext | undefined;
  readonly details?: Record<string, unknown>;
}

type GatedMove = { kind: 'moved'; change: AliasChange } | { kind: 'refused'; decision: PromotionDecisionRecord; verdict: GateVerdict };

/**
 * Moving aliases: set (gated aliases only through the promotion gate), promote, remove, roll
 * back. Every move runs in the model's locked transaction and writes the alias row, its history
 * entry, the `model.alias.changed` outbox event and the audit row together (see `moveAlias`).
 */
export function createAliasService(ctx: RegistryContext, gatedAliases: readonly string[]): { service: AliasService; autoPromote: AutoPromote } {
  const gated = new Set(gatedAliases);

  async function setAliasInternal(input: SetAliasInput, mode: 'human' | 'auto'): Promise<GatedMove> {
    checkAliasName(input.alias);
    requireText(input.actor, 'actor');
    requireText(input.reason, 'reason');
    if (input.force && !(input.actorRole === 'admin' && input.reason.trim() !== '')) {
      throw new ForceNotAllowedError('only an admin may force a promotion, and only with a reason', { actorRole: input.actorRole ?? null });
    }
    return ctx.withModelLock(input.model, async (tx, model): Promise<GatedMove> => {
      const target = await findVersion(tx, model, input.version);
      if (gated.has(input.alias)) return moveThroughGate(ctx, tx, model, target, input, mode);
      return { kind: 'moved', change: await moveAlias(ctx, tx, model, { ...aliasMoveOf(input, target), action: 'model.alias.set' }) };
    });
  }

  async function setAlias(input: SetAliasInput): Promise<AliasChange> {
    const result = await setAliasInternal(input, 'human');
    if (result.kind === 'refused') {
      throw new GateFailedError(`version ${input.version} of "${input.model}" failed the promotion gate for "${input.alias}"`, {
        model: input.model,
        version: input.version,
        alias: input.alias,
        decisionId: result.decision.id,
        reasons: result.verdict.checks.filter((c) => !c.passed),
      });
    }
    return result.change;
  }

  async function autoPromote(modelName: string, version: number, context?: AuditContext): Promise<PromotionOutcome> {
    const result = await setAliasInternal(
      { model: modelName, alias: 'production', version, actor: AUTO_PROMOTE_ACTOR, reason: 'auto policy: promotion gate passed', ...(context ? { context } : {}) },
      'auto',
    );
    if (result.kind === 'refused') return { promoted: false, decision: result.decision, change: null };
    const decision = result.change.decision;
    if (!decision) throw new Error('auto-promotion produced no decision');
    return { promoted: result.change.changed, decision, change: result.change };
  }

  const service: AliasService = {
    setAlias,

    promote(input) {
      return setAlias({ ...input, alias: input.alias ?? 'production' });
    },

    async removeAlias(input) {
      checkMoveInput(input);
      return ctx.withModelLock(input.model, (tx, model) => moveAlias(ctx, tx, model, { ...aliasMoveOf(input, null), action: 'model.alias.remove' }));
    },

    async rollback(input) {
      checkMoveInput(input);
      return ctx.withModelLock(input.model, async (tx, model) => {
        const last = await tx.aliasEvent.findFirst({ where: { modelId: model.id, alias: input.alias }, orderBy: { id: 'desc' } });
        if (!last) throw new AliasNotFoundError(`model "${model.name}" has never had an alias "${input.alias}"`, { model: model.name, alias: input.alias });
        if (last.fromVersionId === null) {
          throw new NoRollbackTargetError(`alias "${input.alias}" of "${model.name}" has no earlier version to return to`, { model: model.name, alias: input.alias });
        }
        const target = await tx.modelVersion.findUniqueOrThrow({ where: { id: last.fromVersionId } });
        return moveAlias(ctx, tx, model, { ...aliasMoveOf(input, target), action: 'model.alias.rollback' });
      });
    },
  };
  return { service, autoPromote };
}

/**
 * The one place an alias moves: compare-and-set against `expectedCurrentVersion`, then the
 * alias row, its history entry, the outbox event and the audit row, all in `tx`.
 */
async function moveAlias(ctx: RegistryContext, tx: Tx, model: Model, move: AliasMove): Promise<AliasChange> {
  const current = await findAlias(tx, model.id, move.alias);
  const fromVersion = current?.version.version ?? null;
  assertExpected(model, move.alias, fromVersion, move.expectedCurrentVersion);
  const toVersion = move.target?.version ?? null;
  if (move.target === null && current === null) {
    throw new AliasNotFoundError(`model "${model.name}" has no alias "${move.alias}"`, { model: model.name, alias: move.alias });
  }
  if (move.target !== null && current?.versionId === move.target.id) {
    return { model: model.name, alias: move.alias, fromVersion, toVersion, changed: false, event: null, decision: null };
  }
  const at = ctx.now();
  if (move.target === null) {
    await tx.modelAlias.delete({ where: { modelId_name: { modelId: model.id, name: move.alias } } });
  } else {
    await tx.modelAlias.upsert({
      where: { modelId_name: { modelId: model.id, name: move.alias } },
      create: { modelId: model.id, name: move.alias, versionId: move.target.id, updatedBy: move.actor, createdAt: at, updatedAt: at },
      update: { versionId: move.target.id, updatedBy: move.actor, updatedAt: at },
    });
  }
  const event = await tx.aliasEvent.create({
    data: {
      modelId: model.id,
      alias: move.alias,
      fromVersionId: current?.versionId ?? null,
      toVersionId: move.target?.id ?? null,
      actor: move.actor,
      reason: move.reason,
      createdAt: at,
    },
    include: aliasEventInclude,
  });
  const payload = ModelAliasChangedV1.parse({ model: model.name, alias: move.alias, fromVersion, toVersion, actor: move.actor, reason: move.reason });
  await writeOutboxEvent(tx, { type: EventTypes.modelAliasChanged, payload, aggregateId: model.id });
  await writeAudit(tx, {
    actor: move.actor,
    action: move.action,
    modelId: model.id,
    details: { model: model.name, alias: move.alias, fromVersion, toVersion, reason: move.reason, ...move.details },
    context: move.context,
    at,
  });
  return { model: model.name, alias: move.alias, fromVersion, toVersion, changed: true, event: toAliasEventRecord(model.name, event), decision: null };
}

/** A gated alias moves only when the gate passes or an admin forces it; either way the decision is kept. */
async function moveThroughGate(ctx: RegistryContext, tx: Tx, model: Model, target: ModelVersion, input: SetAliasInput, mode: 'human' | 'auto'): Promise<GatedMove> {
  // A stale caller learns about the conflict before anything is judged or recorded.
  const current = await findAlias(tx, model.id, input.alias);
  assertExpected(model, input.alias, current?.version.version ?? null, input.expectedCurrentVersion);
  const production = await productionOf(tx, model);
  const verdict = judgeCandidate(model, target, production);
  const subject = { model, candidate: target, production, alias: input.alias };
  if (!verdict.passed && !input.force) {
    const decision = await recordDecision(tx, ctx.now, subject, verdict, { status: 'pending', decidedBy: null, comment: null });
    await writeAudit(tx, {
      actor: input.actor,
      action: 'model.promotion.refused',
      modelId: model.id,
      details: { model: model.name, alias: input.alias, version: target.version, reasons: verdict.checks.filter((c) => !c.passed) },
      context: input.context,
      at: ctx.now(),
    });
    return { kind: 'refused', decision, verdict };
  }
  const forced = !verdict.passed;
  const change = await moveAlias(ctx, tx, model, {
    ...aliasMoveOf(input, target),
    action: forced ? 'model.promotion.forced' : 'model.promotion.approved',
    details: { gatePassed: verdict.passed },
  });
  const decision = await recordDecision(tx, ctx.now, subject, verdict, {
    status: mode === 'auto' ? 'auto_promoted' : 'approved',
    decidedBy: input.actor,
    comment: forced ? `forced past a failed gate: ${input.reason}` : input.reason,
  });
  return { kind: 'moved', change: { ...change, decision } };
}

function checkMoveInput(input: AliasMoveInput): void {
  checkAliasName(input.alias);
  requireText(input.actor, 'actor');
  requireText(input.reason, 'reason');
}

/** The parts of a request every move carries into the history and the audit row. */
function aliasMoveOf(input: AliasMoveInput, target: ModelVersion | null): Omit<AliasMove, 'action'> {
  return { alias: input.alias, target, actor: input.actor, reason: input.reason, expectedCurrentVersion: input.expectedCurrentVersion, context: input.context };
}

function assertExpected(model: Model, alias: string, actual: number | null, expected: number | null | undefined): void {
  if (expected === undefined || expected === actual) return;
  const describe = (v: number | null) => (v === null ? 'nothing' : `version ${v}`);
  throw new AliasConflictError(`alias "${alias}" of "${model.name}" points to ${describe(actual)}, not ${describe(expected)} as expected`, {
    model: model.name,
    alias,
    expected,
    actual,
  });
}
