import { randomBytes } from 'node:crypto';
import { ModelAliasChangedV1 } from '@ciclo/platform-contracts';
import { Prisma, writeOutboxEvent, type Database, type Model, type ModelVersion } from '@ciclo/platform-db';
import {
  DEFAULT_SAMPLE_INPUTS,
  InvalidModelError,
  MAX_SAMPLES,
  ModelSession,
  checkSamplePredictions,
  computeSamplePredictions,
  type SamplePrediction,
} from '@ciclo/ml';
import { DEFAULT_MAX_ARTIFACT_BYTES, assertWithinLimit, type ArtifactStore } from './artifact-store/artifact-store';
import { AUDIT_TARGET_TYPE, toJson, writeAudit } from './audit-trail';
import { AliasConflictError } from './errors/alias-conflict-error';
import { AliasNotFoundError } from './errors/alias-not-found-error';
import { ForceNotAllowedError } from './errors/force-not-allowed-error';
import { GateFailedError } from './errors/gate-failed-error';
import { InvalidArtifactError } from './errors/invalid-artifact-error';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
import { LabelSetMismatchError } from './errors/label-set-mismatch-error';
import { ModelAlreadyExistsError } from './errors/model-already-exists-error';
import { ModelNotFoundError } from './errors/model-not-found-error';
import { NoRollbackTargetError } from './errors/no-rollback-target-error';
import { RunAlreadyRegisteredError } from './errors/run-already-registered-error';
import { VersionNotFoundError } from './errors/version-not-found-error';
import { WebhookNotFoundError } from './errors/webhook-not-found-error';
import { evaluatePromotionGate, parseGateMetrics, parsePromotionGate, type GateVerdict, type PromotionGate } from './promotion-gate';
import {
  toAliasEventRecord,
  toAuditEntry,
  toDecisionRecord,
  toModelRecord,
  toVersionRecord,
  toWebhookRecord,
  type ActorRole,
  type AliasEventRecord,
  type AuditContext,
  type AuditEntry,
  type ModelRecord,
  type PromotionDecisionRecord,
  type PromotionPolicyName,
  type VersionRecord,
  type WebhookRecord,
} from './registry-records';

/** The event every alias move publishes (key of the contracts' event catalog). */
export const MODEL_ALIAS_CHANGED = 'model.alias.changed';
/** Actor recorded when the `auto` policy promotes. */
export const AUTO_PROMOTE_ACTOR = 'system:auto-promote';

export interface ModelRegistryOptions {
  readonly db: Database;
  readonly artifacts: ArtifactStore;
  /** Largest artifact `registerVersion` accepts (default 64 MiB) → ArtifactTooLargeError (413). */
  readonly maxArtifactBytes?: number;
  /** Clock for history and audit timestamps (tests move it). Default `() => new Date()`. */
  readonly now?: () => Date;
  /** Aliases a version reaches only through the promotion gate. Default `['production']`. */
  readonly gatedAliases?: readonly string[];
  /** Interactive transaction limits; concurrent moves of one model wait for its row lock. */
  readonly transaction?: { readonly maxWaitMs?: number; readonly timeoutMs?: number };
}

export interface CreateModelInput {
  readonly name: string;
  readonly task: string;
  readonly description?: string;
  /** Declared label set in output order; when omitted the first version declares it. */
  readonly labels?: readonly string[];
  readonly languages?: readonly string[];
  readonly policy?: PromotionPolicyName;
  readonly gate?: PromotionGate;
  readonly actor: string;
  readonly context?: AuditContext;
}

export interface UpdatePolicyInput {
  readonly model: string;
  readonly policy?: PromotionPolicyName;
  readonly gate?: PromotionGate;
  readonly actor: string;
  readonly reason?: string;
  readonly context?: AuditContext;
}

export interface RegisterVersionInput {
  readonly model: string;
  /** ONNX bytes following docs/model-contract.md. */
  readonly artifact: Uint8Array;
  /** Any JSON object; the gate reads `macroF1`, `holdout`, `perClass`, `baseline` (see GateMetrics). */
  readonly metrics?: Record<string, unknown>;
  readonly params?: Record<string, unknown>;
  readonly tags?: readonly string[];
  readonly description?: string;
  readonly datasetSnapshotId?: string;
  readonly trainingRunId?: string;
  /** What the trainer's own forward pass gave; checked against the artifact (422 if not reproduced). */
  readonly samples?: readonly SamplePrediction[];
  /** Texts to compute samples from with the artifact itself, when `samples` is not given. */
  readonly sampleInputs?: readonly string[];
  readonly createdBy: string;
  readonly context?: AuditContext;
}

export interface RegisterVersionResult {
  readonly version: VersionRecord;
  /** With policy `auto`: the gate's decision (promoted or not); null with `manual`. */
  readonly autoPromotion: PromotionOutcome | null;
}

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

export interface AddWebhookInput {
  readonly model: string;
  readonly url: string;
  /** HMAC key; generated (32 random bytes, base64url) when omitted. */
  readonly secret?: string;
  /** Event types to deliver; empty = all. */
  readonly events?: readonly string[];
  readonly actor: string;
  readonly context?: AuditContext;
}

export interface HistoryQuery {
  readonly alias?: string;
  readonly limit?: number;
  /** Entries older than this id (paging backwards). */
  readonly before?: string;
}

export interface AuditQuery {
  readonly model?: string;
  readonly limit?: number;
  readonly before?: string;
}

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ALIAS_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const PRISMA_UNIQUE = 'P2002';
const PRISMA_FOREIGN_KEY = 'P2003';

type Tx = Prisma.TransactionClient;
type LockedModel = Model;

export type ModelRegistry = ReturnType<typeof createModelRegistry>;

/**
 * The model registry's core: models, immutable content-addressed versions, aliases with a
 * permanent history, the promotion gate, webhooks and the audit trail. Every mutation is one
 * PostgreSQL transaction holding the model's row lock, writing its audit row (and, for alias
 * moves, the history entry and the `model.alias.changed` outbox event) together with the change.
 */
export function createModelRegistry(options: ModelRegistryOptions) {
  const { db, artifacts } = options;
  const prisma = db.prisma;
  const now = options.now ?? (() => new Date());
  const maxArtifactBytes = options.maxArtifactBytes ?? DEFAULT_MAX_ARTIFACT_BYTES;
  const gated = new Set(options.gatedAliases ?? ['production']);
  const txOptions = { maxWait: options.transaction?.maxWaitMs ?? 10_000, timeout: options.transaction?.timeoutMs ?? 30_000 };

  function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return prisma.$transaction(work, txOptions);
  }

  async function findModel(name: string, client: Tx | typeof prisma = prisma): Promise<Model> {
    if (typeof name !== 'string' || name === '') throw new InvalidRegistryInputError('model name is required', { field: 'model' });
    const row = await client.model.findUnique({ where: { name } });
    if (!row) throw new ModelNotFoundError(`no model named "${name}"`, { model: name });
    return row;
  }

  /** Serialises every change to one model (versions, aliases, policy). */
  async function lockModel(tx: Tx, name: string): Promise<LockedModel> {
    const model = await findModel(name, tx);
    await tx.$queryRaw`SELECT 1 FROM models WHERE id = ${model.id}::uuid FOR UPDATE`;
    // Re-read under the lock: labels or policy may have changed while we waited.
    return (await tx.model.findUniqueOrThrow({ where: { id: model.id } })) as LockedModel;
  }

  async function findVersion(model: Model, version: number, client: Tx | typeof prisma = prisma): Promise<ModelVersion> {
    if (!Number.isInteger(version) || version < 1) throw new InvalidRegistryInputError('version must be a positive integer', { field: 'version' });
    const row = await client.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version } } });
    if (!row) throw new VersionNotFoundError(`model "${model.name}" has no version ${version}`, { model: model.name, version });
    return row;
  }

  function requireText(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.trim() === '') throw new InvalidRegistryInputError(`${field} is required`, { field });
    return value;
  }

  function checkAliasName(alias: string): void {
    if (typeof alias !== 'string' || !ALIAS_NAME.test(alias)) {
      throw new InvalidRegistryInputError(`alias "${String(alias)}" must match ${ALIAS_NAME.source}`, { field: 'alias' });
    }
  }

  const decisionInclude = { candidateVersion: { select: { version: true } }, baselineVersion: { select: { version: true } } } as const;
  const eventInclude = { fromVersion: { select: { version: true } }, toVersion: { select: { version: true } } } as const;

  async function currentAlias(tx: Tx, modelId: string, alias: string) {
    return tx.modelAlias.findUnique({ where: { modelId_name: { modelId, name: alias } }, include: { version: true } });
  }

  /**
   * The one place an alias moves: compare-and-set against `expectedCurrentVersion`, then the
   * alias row, its history entry, the outbox event and the audit row, all in `tx`.
   */
  async function moveAlias(
    tx: Tx,
    model: LockedModel,
    move: { alias: string; target: ModelVersion | null; actor: string; reason: string; expectedCurrentVersion?: number | null | undefined; action: string; context?: AuditContext | undefined; details?: Record<string, unknown> },
  ): Promise<AliasChange> {
    const current = await currentAlias(tx, model.id, move.alias);
    const fromVersion = current?.version.version ?? null;
    assertExpected(model, move.alias, fromVersion, move.expectedCurrentVersion);
    const toVersion = move.target?.version ?? null;
    if (move.target === null && current === null) {
      throw new AliasNotFoundError(`model "${model.name}" has no alias "${move.alias}"`, { model: model.name, alias: move.alias });
    }
    if (move.target !== null && current?.versionId === move.target.id) {
      return { model: model.name, alias: move.alias, fromVersion, toVersion, changed: false, event: null, decision: null };
    }
    const at = now();
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
      include: eventInclude,
    });
    const payload = ModelAliasChangedV1.parse({ model: model.name, alias: move.alias, fromVersion, toVersion, actor: move.actor, reason: move.reason });
    await writeOutboxEvent(tx, { type: MODEL_ALIAS_CHANGED, payload, aggregateId: model.id, key: `${model.name}:${move.alias}` });
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

  async function productionOf(tx: Tx, model: Model): Promise<ModelVersion | null> {
    return (await currentAlias(tx, model.id, 'production'))?.version ?? null;
  }

  function judge(model: Model, candidate: ModelVersion, production: ModelVersion | null): GateVerdict {
    return evaluatePromotionGate({
      gate: parsePromotionGate(model.gate),
      candidate: { version: candidate.version, metrics: parseGateMetrics(candidate.metrics) },
      production: production ? { version: production.version, metrics: parseGateMetrics(production.metrics) } : null,
    });
  }

  /** Records the gate's verdict, reusing the latest pending decision for the same candidate and alias. */
  async function recordDecision(
    tx: Tx,
    model: Model,
    candidate: ModelVersion,
    production: ModelVersion | null,
    alias: string,
    verdict: GateVerdict,
    outcome: { status: 'pending' | 'approved' | 'rejected' | 'auto_promoted'; decidedBy: string | null; comment: string | null },
  ): Promise<PromotionDecisionRecord> {
    const pending = await tx.promotionDecision.findFirst({
      where: { modelId: model.id, candidateVersionId: candidate.id, targetAlias: alias, status: 'pending' },
      orderBy: { createdAt: 'desc' },
    });
    const decided = outcome.status === 'pending' ? null : now();
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

  type GatedMove = { kind: 'moved'; change: AliasChange } | { kind: 'refused'; decision: PromotionDecisionRecord; verdict: GateVerdict };

  async function setAliasInternal(input: SetAliasInput, mode: 'human' | 'auto'): Promise<GatedMove> {
    checkAliasName(input.alias);
    requireText(input.actor, 'actor');
    requireText(input.reason, 'reason');
    if (input.force && !(input.actorRole === 'admin' && input.reason.trim() !== '')) {
      throw new ForceNotAllowedError('only an admin may force a promotion, and only with a reason', { actorRole: input.actorRole ?? null });
    }
    return transaction(async (tx): Promise<GatedMove> => {
      const model = await lockModel(tx, input.model);
      const target = await findVersion(model, input.version, tx);
      if (!gated.has(input.alias)) {
        const change = await moveAlias(tx, model, {
          alias: input.alias,
          target,
          actor: input.actor,
          reason: input.reason,
          expectedCurrentVersion: input.expectedCurrentVersion,
          action: 'model.alias.set',
          context: input.context,
        });
        return { kind: 'moved', change };
      }
      // A stale caller learns about the conflict before anything is judged or recorded.
      const current = await currentAlias(tx, model.id, input.alias);
      assertExpected(model, input.alias, current?.version.version ?? null, input.expectedCurrentVersion);
      const production = await productionOf(tx, model);
      const verdict = judge(model, target, production);
      if (!verdict.passed && !input.force) {
        const decision = await recordDecision(tx, model, target, production, input.alias, verdict, { status: 'pending', decidedBy: null, comment: null });
        await writeAudit(tx, {
          actor: input.actor,
          action: 'model.promotion.refused',
          modelId: model.id,
          details: { model: model.name, alias: input.alias, version: target.version, reasons: verdict.checks.filter((c) => !c.passed) },
          context: input.context,
          at: now(),
        });
        return { kind: 'refused', decision, verdict };
      }
      const forced = !verdict.passed;
      const change = await moveAlias(tx, model, {
        alias: input.alias,
        target,
        actor: input.actor,
        reason: input.reason,
        expectedCurrentVersion: input.expectedCurrentVersion,
        action: forced ? 'model.promotion.forced' : 'model.promotion.approved',
        context: input.context,
        details: { gatePassed: verdict.passed },
      });
      const decision = await recordDecision(tx, model, target, production, input.alias, verdict, {
        status: mode === 'auto' ? 'auto_promoted' : 'approved',
        decidedBy: input.actor,
        comment: forced ? `forced past a failed gate: ${input.reason}` : input.reason,
      });
      return { kind: 'moved', change: { ...change, decision } };
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

  async function registerVersion(input: RegisterVersionInput): Promise<RegisterVersionResult> {
    const model = await findModel(input.model);
    requireText(input.createdBy, 'createdBy');
    if (!(input.artifact instanceof Uint8Array)) throw new InvalidRegistryInputError('artifact must be bytes (Uint8Array)', { field: 'artifact' });
    assertWithinLimit(input.artifact.byteLength, maxArtifactBytes);
    parseGateMetrics(input.metrics);
    if (input.params !== undefined && (typeof input.params !== 'object' || input.params === null || Array.isArray(input.params))) {
      throw new InvalidRegistryInputError('params must be a JSON object', { field: 'params' });
    }
    if (input.tags?.some((t) => typeof t !== 'string' || t === '')) throw new InvalidRegistryInputError('tags must be non-empty strings', { field: 'tags' });
    const sampleCount = input.samples?.length ?? input.sampleInputs?.length ?? 0;
    if (sampleCount > MAX_SAMPLES) throw new InvalidRegistryInputError(`at most ${MAX_SAMPLES} samples per version (got ${sampleCount})`, { field: 'samples' });

    // 1. The artifact must load and behave before anything is stored.
    const { labels, confidenceThreshold, samples } = await inspectArtifact(model, input);
    checkLabelSet(model, labels);

    // 2. Content-addressed and idempotent: a failure after this leaves at most an unreferenced blob.
    const stored = await artifacts.put(input.artifact);

    // 3. One transaction: number, row, label set declaration, audit.
    let version: VersionRecord;
    try {
      version = await transaction(async (tx) => {
        const locked = await lockModel(tx, model.name);
        checkLabelSet(locked, labels);
        if (locked.labels.length === 0) await tx.model.update({ where: { id: locked.id }, data: { labels: [...labels] } });
        const { _max } = await tx.modelVersion.aggregate({ where: { modelId: locked.id }, _max: { version: true } });
        const number = (_max.version ?? 0) + 1;
        const at = now();
        const row = await tx.modelVersion.create({
          data: {
            modelId: locked.id,
            version: number,
            artifactSha256: stored.sha256,
            artifactUri: stored.uri,
            artifactSizeBytes: BigInt(stored.sizeBytes),
            format: 'onnx',
            labels: [...labels],
            metrics: toJson(input.metrics ?? {}),
            params: toJson(input.params ?? {}),
            tags: [...(input.tags ?? [])],
            description: input.description ?? null,
            confidenceThreshold,
            samplePredictions: toJson(samples),
            snapshotId: input.datasetSnapshotId ?? null,
            runId: input.trainingRunId ?? null,
            createdBy: input.createdBy,
            createdAt: at,
          },
        });
        await writeAudit(tx, {
          actor: input.createdBy,
          action: 'model.version.register',
          modelId: locked.id,
          details: { model: locked.name, version: number, sha256: stored.sha256, sizeBytes: stored.sizeBytes, labelsDeclared: locked.labels.length === 0 },
          context: input.context,
          at,
        });
        return toVersionRecord(locked.name, row);
      });
    } catch (error) {
      throw mapWriteError(error, input);
    }

    if (model.promotionPolicy !== 'auto') return { version, autoPromotion: null };
    return { version, autoPromotion: await autoPromote(model.name, version.version, input.context) };
  }

  async function inspectArtifact(model: Model, input: RegisterVersionInput) {
    let session: ModelSession;
    try {
      session = await ModelSession.load(input.artifact);
    } catch (error) {
      if (error instanceof InvalidModelError) {
        throw new InvalidArtifactError(`artifact does not load as a Ciclo model: ${error.message}`, { model: model.name, ...error.details }, error);
      }
      throw error;
    }
    try {
      const metadata = session.metadata;
      if (metadata.task !== null && metadata.task !== model.task) {
        throw new InvalidArtifactError(`artifact was trained for task "${metadata.task}" but model "${model.name}" is a "${model.task}" model`, {
          model: model.name,
          artifactTask: metadata.task,
        });
      }
      let samples: SamplePrediction[];
      if (input.samples !== undefined) {
        const mismatches = await checkSamplePredictions(session, input.samples);
        if (mismatches.length > 0) {
          throw new InvalidArtifactError(`artifact does not reproduce ${mismatches.length} of the trainer's ${input.samples.length} sample predictions`, {
            model: model.name,
            mismatches: mismatches.slice(0, 5),
          });
        }
        samples = input.samples.map((s) => ({ input: s.input, label: s.label, probabilities: [...s.probabilities] }));
      } else {
        samples = await computeSamplePredictions(session, input.sampleInputs ?? DEFAULT_SAMPLE_INPUTS);
      }
      return { labels: metadata.labels, confidenceThreshold: metadata.confidenceThreshold, samples };
    } finally {
      await session.dispose();
    }
  }

  function checkLabelSet(model: Model, labels: readonly string[]): void {
    if (model.labels.length === 0) return;
    const declared = new Set(model.labels);
    const given = new Set(labels);
    const missing = model.labels.filter((l) => !given.has(l));
    const extra = labels.filter((l) => !declared.has(l));
    if (missing.length > 0 || extra.length > 0) {
      throw new LabelSetMismatchError(
        `artifact labels do not match model "${model.name}"'s label set${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; unexpected: ${extra.join(', ')}` : ''}`,
        { model: model.name, missing, extra },
      );
    }
  }

  function mapWriteError(error: unknown, input: RegisterVersionInput): unknown {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === PRISMA_UNIQUE && input.trainingRunId !== undefined) {
        return new RunAlreadyRegisteredError(`training run ${input.trainingRunId} already registered a version`, { trainingRunId: input.trainingRunId }, error);
      }
      if (error.code === PRISMA_FOREIGN_KEY) {
        return new InvalidRegistryInputError('datasetSnapshotId or trainingRunId does not exist', { datasetSnapshotId: input.datasetSnapshotId, trainingRunId: input.trainingRunId }, error);
      }
    }
    return error;
  }

  /** With policy `auto`: promote to production when the gate passes; otherwise leave a pending decision. */
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

  async function withModelLock<T>(name: string, work: (tx: Tx, model: LockedModel) => Promise<T>): Promise<T> {
    return transaction(async (tx) => work(tx, await lockModel(tx, name)));
  }

  return {
    async createModel(input: CreateModelInput): Promise<ModelRecord> {
      if (typeof input.name !== 'string' || !MODEL_NAME.test(input.name)) {
        throw new InvalidRegistryInputError(`model name "${String(input.name)}" must match ${MODEL_NAME.source}`, { field: 'name' });
      }
      requireText(input.task, 'task');
      requireText(input.actor, 'actor');
      const gate = parsePromotionGate(input.gate);
      if (input.labels !== undefined) {
        if (new Set(input.labels).size !== input.labels.length || input.labels.some((l) => typeof l !== 'string' || l.trim() === '')) {
          throw new InvalidRegistryInputError('labels must be distinct non-empty strings', { field: 'labels' });
        }
      }
      if (input.policy !== undefined && input.policy !== 'manual' && input.policy !== 'auto') {
        throw new InvalidRegistryInputError('policy must be "manual" or "auto"', { field: 'policy' });
      }
      try {
        return await transaction(async (tx) => {
          const at = now();
          const row = await tx.model.create({
            data: {
              name: input.name,
              task: input.task,
              description: input.description ?? null,
              labels: [...(input.labels ?? [])],
              languages: [...(input.languages ?? [])],
              promotionPolicy: input.policy ?? 'manual',
              gate: toJson(gate),
              createdAt: at,
            },
          });
          await writeAudit(tx, {
            actor: input.actor,
            action: 'model.create',
            modelId: row.id,
            details: { model: row.name, task: row.task, labels: row.labels, policy: row.promotionPolicy, gate },
            context: input.context,
            at,
          });
          return toModelRecord(row);
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === PRISMA_UNIQUE) {
          throw new ModelAlreadyExistsError(`a model named "${input.name}" already exists`, { model: input.name }, error);
        }
        throw error;
      }
    },

    async getModel(name: string): Promise<ModelRecord> {
      const model = await findModel(name);
      const aliases = await prisma.modelAlias.findMany({ where: { modelId: model.id }, include: { version: { select: { version: true } } } });
      return toModelRecord({ ...model, aliases });
    },

    async listModels(): Promise<ModelRecord[]> {
      const rows = await prisma.model.findMany({ orderBy: { name: 'asc' }, include: { aliases: { include: { version: { select: { version: true } } } } } });
      return rows.map((row) => toModelRecord(row));
    },

    /** Change the promotion policy and/or gate (audited; versions already decided keep their decisions). */
    async updatePolicy(input: UpdatePolicyInput): Promise<ModelRecord> {
      requireText(input.actor, 'actor');
      const gate = input.gate === undefined ? undefined : parsePromotionGate(input.gate);
      if (input.policy !== undefined && input.policy !== 'manual' && input.policy !== 'auto') {
        throw new InvalidRegistryInputError('policy must be "manual" or "auto"', { field: 'policy' });
      }
      return withModelLock(input.model, async (tx, model) => {
        const at = now();
        const row = await tx.model.update({
          where: { id: model.id },
          data: { ...(input.policy ? { promotionPolicy: input.policy } : {}), ...(gate ? { gate: toJson(gate) } : {}), updatedAt: at },
        });
        await writeAudit(tx, {
          actor: input.actor,
          action: 'model.policy.update',
          modelId: model.id,
          details: { model: model.name, from: { policy: model.promotionPolicy, gate: model.gate }, to: { policy: row.promotionPolicy, gate: row.gate }, reason: input.reason ?? null },
          context: input.context,
          at,
        });
        return toModelRecord(row);
      });
    },

    registerVersion,

    async getVersion(model: string, version: number): Promise<VersionRecord> {
      const m = await findModel(model);
      return toVersionRecord(m.name, await findVersion(m, version));
    },

    async listVersions(model: string): Promise<VersionRecord[]> {
      const m = await findModel(model);
      const rows = await prisma.modelVersion.findMany({ where: { modelId: m.id }, orderBy: { version: 'asc' } });
      return rows.map((row) => toVersionRecord(m.name, row));
    },

    /** The version's artifact bytes, verified against their sha256 (ArtifactIntegrityError otherwise). */
    async getArtifact(model: string, version: number): Promise<Uint8Array> {
      const m = await findModel(model);
      const row = await findVersion(m, version);
      return artifacts.get(row.artifactSha256);
    },

    /** The version an alias points to now. */
    async resolveAlias(model: string, alias: string): Promise<VersionRecord> {
      const m = await findModel(model);
      const row = await prisma.modelAlias.findUnique({ where: { modelId_name: { modelId: m.id, name: alias } }, include: { version: true } });
      if (!row) throw new AliasNotFoundError(`model "${m.name}" has no alias "${alias}"`, { model: m.name, alias });
      return toVersionRecord(m.name, row.version);
    },

    /**
     * Point an alias at a version. Gated aliases (`production` by default) go through the
     * promotion gate: a failed gate is recorded as a pending decision and refused with
     * GateFailedError (403) unless an admin forces it with a reason.
     */
    setAlias,

    /** `setAlias` with `alias` defaulting to `production`; the actor's call is the approval. */
    promote(input: PromoteInput): Promise<AliasChange> {
      return setAlias({ ...input, alias: input.alias ?? 'production' });
    },

    /** A data scientist's approval under the `manual` policy: records approver and reason and promotes. */
    approve(input: { model: string; version: number; approver: string; approverRole?: ActorRole; reason: string; alias?: string; force?: boolean; context?: AuditContext }): Promise<AliasChange> {
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

    /** Turn a candidate down (manual policy): its decision becomes `rejected`, the alias stays. */
    async reject(input: { model: string; version: number; actor: string; reason: string; alias?: string; context?: AuditContext }): Promise<PromotionDecisionRecord> {
      requireText(input.actor, 'actor');
      requireText(input.reason, 'reason');
      const alias = input.alias ?? 'production';
      return withModelLock(input.model, async (tx, model) => {
        const candidate = await findVersion(model, input.version, tx);
        const production = await productionOf(tx, model);
        const decision = await recordDecision(tx, model, candidate, production, alias, judge(model, candidate, production), {
          status: 'rejected',
          decidedBy: input.actor,
          comment: input.reason,
        });
        await writeAudit(tx, { actor: input.actor, action: 'model.promotion.rejected', modelId: model.id, details: { model: model.name, version: candidate.version, alias, reason: input.reason }, context: input.context, at: now() });
        return decision;
      });
    },

    /** Run the gate for a version now and store the verdict as a pending decision (nothing moves). */
    async evaluateGate(model: string, version: number, options: { alias?: string } = {}): Promise<PromotionDecisionRecord> {
      const alias = options.alias ?? 'production';
      return withModelLock(model, async (tx, m) => {
        const candidate = await findVersion(m, version, tx);
        const production = await productionOf(tx, m);
        return recordDecision(tx, m, candidate, production, alias, judge(m, candidate, production), { status: 'pending', decidedBy: null, comment: null });
      });
    },

    async listDecisions(model: string, options: { version?: number } = {}): Promise<PromotionDecisionRecord[]> {
      const m = await findModel(model);
      const candidateVersionId = options.version === undefined ? undefined : (await findVersion(m, options.version)).id;
      const rows = await prisma.promotionDecision.findMany({
        where: { modelId: m.id, ...(candidateVersionId ? { candidateVersionId } : {}) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: decisionInclude,
      });
      return rows.map((row) => toDecisionRecord(m.name, row));
    },

    /** Remove an alias (history keeps an entry with `toVersion: null`). */
    async removeAlias(input: AliasMoveInput): Promise<AliasChange> {
      checkAliasName(input.alias);
      requireText(input.actor, 'actor');
      requireText(input.reason, 'reason');
      return withModelLock(input.model, (tx, model) =>
        moveAlias(tx, model, { alias: input.alias, target: null, actor: input.actor, reason: input.reason, expectedCurrentVersion: input.expectedCurrentVersion, action: 'model.alias.remove', context: input.context }),
      );
    },

    /**
     * Move an alias back to where it pointed before its latest move (a removed alias comes back).
     * Not gated: the target already served under this alias. Rolling back twice undoes the rollback.
     */
    async rollback(input: AliasMoveInput): Promise<AliasChange> {
      checkAliasName(input.alias);
      requireText(input.actor, 'actor');
      requireText(input.reason, 'reason');
      return withModelLock(input.model, async (tx, model) => {
        const last = await tx.aliasEvent.findFirst({ where: { modelId: model.id, alias: input.alias }, orderBy: { id: 'desc' } });
        if (!last) throw new AliasNotFoundError(`model "${model.name}" has never had an alias "${input.alias}"`, { model: model.name, alias: input.alias });
        if (last.fromVersionId === null) {
          throw new NoRollbackTargetError(`alias "${input.alias}" of "${model.name}" has no earlier version to return to`, { model: model.name, alias: input.alias });
        }
        const target = await tx.modelVersion.findUniqueOrThrow({ where: { id: last.fromVersionId } });
        return moveAlias(tx, model, {
          alias: input.alias,
          target,
          actor: input.actor,
          reason: input.reason,
          expectedCurrentVersion: input.expectedCurrentVersion,
          action: 'model.alias.rollback',
          context: input.context,
        });
      });
    },

    /** Alias history, newest first (all aliases of the model unless `alias` is given). */
    async aliasHistory(model: string, query: HistoryQuery = {}): Promise<AliasEventRecord[]> {
      const m = await findModel(model);
      const rows = await prisma.aliasEvent.findMany({
        where: { modelId: m.id, ...(query.alias ? { alias: query.alias } : {}), ...(query.before ? { id: { lt: BigInt(query.before) } } : {}) },
        orderBy: { id: 'desc' },
        take: Math.min(Math.max(query.limit ?? 100, 1), 1000),
        include: eventInclude,
      });
      return rows.map((row) => toAliasEventRecord(m.name, row));
    },

    /** The version `alias` pointed to at instant `at` ("which version served production on 3 March at 14:00?"), or null. */
    async aliasAt(model: string, alias: string, at: Date): Promise<number | null> {
      const m = await findModel(model);
      const row = await prisma.aliasEvent.findFirst({
        where: { modelId: m.id, alias, createdAt: { lte: at } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        include: { toVersion: { select: { version: true } } },
      });
      return row?.toVersion?.version ?? null;
    },

    async addWebhook(input: AddWebhookInput): Promise<{ webhook: WebhookRecord; secret: string }> {
      requireText(input.actor, 'actor');
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        throw new InvalidRegistryInputError(`"${input.url}" is not a URL`, { field: 'url' });
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidRegistryInputError('webhook URL must be http(s)', { field: 'url' });
      const secret = input.secret ?? randomBytes(32).toString('base64url');
      if (secret.length < 16) throw new InvalidRegistryInputError('webhook secret must be at least 16 characters', { field: 'secret' });
      return withModelLock(input.model, async (tx, model) => {
        const at = now();
        const row = await tx.webhook.create({ data: { modelId: model.id, url: url.href, secret, events: [...(input.events ?? [])], createdAt: at } });
        await writeAudit(tx, { actor: input.actor, action: 'model.webhook.add', modelId: model.id, details: { model: model.name, webhookId: row.id, url: row.url, events: row.events }, context: input.context, at });
        return { webhook: toWebhookRecord(model.name, row), secret };
      });
    },

    async listWebhooks(model: string): Promise<WebhookRecord[]> {
      const m = await findModel(model);
      const rows = await prisma.webhook.findMany({ where: { modelId: m.id }, orderBy: { createdAt: 'asc' } });
      return rows.map((row) => toWebhookRecord(m.name, row));
    },

    async removeWebhook(input: { model: string; id: string; actor: string; context?: AuditContext }): Promise<void> {
      requireText(input.actor, 'actor');
      await withModelLock(input.model, async (tx, model) => {
        const { count } = await tx.webhook.deleteMany({ where: { id: input.id, modelId: model.id } });
        if (count === 0) throw new WebhookNotFoundError(`model "${model.name}" has no webhook ${input.id}`, { model: model.name, id: input.id });
        await writeAudit(tx, { actor: input.actor, action: 'model.webhook.remove', modelId: model.id, details: { model: model.name, webhookId: input.id }, context: input.context, at: now() });
      });
    },

    /** Audit entries, newest first; `model` narrows to one model. */
    async auditLog(query: AuditQuery = {}): Promise<AuditEntry[]> {
      const modelId = query.model === undefined ? undefined : (await findModel(query.model)).id;
      const rows = await prisma.auditLog.findMany({
        where: {
          targetType: AUDIT_TARGET_TYPE,
          ...(modelId ? { targetId: modelId } : {}),
          ...(query.before ? { id: { lt: BigInt(query.before) } } : {}),
        },
        orderBy: { id: 'desc' },
        take: Math.min(Math.max(query.limit ?? 100, 1), 1000),
      });
      return rows.map(toAuditEntry);
    },
  };
}
