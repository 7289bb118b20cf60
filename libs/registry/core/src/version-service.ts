import type { Model } from '@ciclo/platform-db';
import { MAX_SAMPLES, type SamplePrediction } from '@ciclo/ml';
import { lockArtifactShared } from './artifact-lock';
import type { ArtifactInspection, ArtifactIntake } from './artifact-service';
import type { StoredArtifact } from './artifact-store/artifact-store';
import { toJson, writeAudit } from './audit-trail';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
import { LabelSetMismatchError } from './errors/label-set-mismatch-error';
import { RunAlreadyRegisteredError } from './errors/run-already-registered-error';
import type { AutoPromote, PromotionOutcome } from './alias-service';
import { isPrismaError, PRISMA_FOREIGN_KEY, PRISMA_UNIQUE } from './prisma-errors';
import { parseGateMetrics } from './promotion-gate';
import type { RegistryContext } from './registry-context';
import { requireText } from './registry-input';
import { findModel, findVersion } from './registry-lookups';
import { toVersionRecord, type AuditContext, type VersionRecord } from './registry-records';

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

export interface VersionService {
  registerVersion(input: RegisterVersionInput): Promise<RegisterVersionResult>;
  getVersion(model: string, version: number): Promise<VersionRecord>;
  listVersions(model: string): Promise<VersionRecord[]>;
}

export interface VersionServiceDeps {
  readonly intake: ArtifactIntake;
  /** The `auto` policy's promotion of a freshly registered version (the alias service's). */
  readonly autoPromote: AutoPromote;
}

/** Immutable, content-addressed, numbered versions: registering one checks its artifact first. */
export function createVersionService(ctx: RegistryContext, deps: VersionServiceDeps): VersionService {
  const { prisma } = ctx;

  async function registerVersion(input: RegisterVersionInput): Promise<RegisterVersionResult> {
    const model = await findModel(prisma, input.model);
    checkRegisterInput(input, deps.intake);

    // 1. The artifact must load and behave before anything is stored.
    const inspection = await deps.intake.inspect(model, input);
    checkLabelSet(model, inspection.labels);

    // 2. Content-addressed and idempotent: a failure after this leaves at most an unreferenced blob.
    const stored = await deps.intake.store(input.artifact);

    // 3. One transaction: the blob (locked against the collector), number, row, label set declaration, audit.
    let version: VersionRecord;
    try {
      version = await insertVersion(ctx, deps.intake, model.name, input, inspection, stored);
    } catch (error) {
      throw mapWriteError(error, input);
    }

    if (model.promotionPolicy !== 'auto') return { version, autoPromotion: null };
    return { version, autoPromotion: await deps.autoPromote(model.name, version.version, input.context) };
  }

  return {
    registerVersion,

    async getVersion(model, version) {
      const m = await findModel(prisma, model);
      return toVersionRecord(m.name, await findVersion(prisma, m, version));
    },

    async listVersions(model) {
      const m = await findModel(prisma, model);
      const rows = await prisma.modelVersion.findMany({ where: { modelId: m.id }, orderBy: { version: 'asc' } });
      return rows.map((row) => toVersionRecord(m.name, row));
    },
  };
}

/**
 * One transaction under the model's lock: the blob held against the collector (and stored again
 * if it was collected since `store`), number, row, label set declaration, audit.
 */
function insertVersion(
  ctx: RegistryContext,
  intake: ArtifactIntake,
  modelName: string,
  input: RegisterVersionInput,
  inspection: ArtifactInspection,
  stored: StoredArtifact,
): Promise<VersionRecord> {
  const { labels, confidenceThreshold, samples } = inspection;
  return ctx.withModelLock(modelName, async (tx, locked) => {
    checkLabelSet(locked, labels);
    await lockArtifactShared(tx, stored.sha256);
    await intake.ensureStored(input.artifact, stored);
    if (locked.labels.length === 0) await tx.model.update({ where: { id: locked.id }, data: { labels: [...labels] } });
    const { _max } = await tx.modelVersion.aggregate({ where: { modelId: locked.id }, _max: { version: true } });
    const number = (_max.version ?? 0) + 1;
    const at = ctx.now();
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
}

/** Everything that can be refused without loading the artifact (nothing is written on refusal). */
function checkRegisterInput(input: RegisterVersionInput, intake: ArtifactIntake): void {
  requireText(input.createdBy, 'createdBy');
  intake.checkBytes(input.artifact);
  parseGateMetrics(input.metrics);
  if (input.params !== undefined && (typeof input.params !== 'object' || input.params === null || Array.isArray(input.params))) {
    throw new InvalidRegistryInputError('params must be a JSON object', { field: 'params' });
  }
  if (input.tags?.some((t) => typeof t !== 'string' || t === '')) throw new InvalidRegistryInputError('tags must be non-empty strings', { field: 'tags' });
  const sampleCount = input.samples?.length ?? input.sampleInputs?.length ?? 0;
  if (sampleCount > MAX_SAMPLES) throw new InvalidRegistryInputError(`at most ${MAX_SAMPLES} samples per version (got ${sampleCount})`, { field: 'samples' });
}

/** A model's label set is declared once (at creation or by its first version); every version must match it. */
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
  if (isPrismaError(error, PRISMA_UNIQUE) && input.trainingRunId !== undefined) {
    return new RunAlreadyRegisteredError(`training run ${input.trainingRunId} already registered a version`, { trainingRunId: input.trainingRunId }, error);
  }
  if (isPrismaError(error, PRISMA_FOREIGN_KEY)) {
    return new InvalidRegistryInputError('datasetSnapshotId or trainingRunId does not exist', { datasetSnapshotId: input.datasetSnapshotId, trainingRunId: input.trainingRunId }, error);
  }
  return error;
}
