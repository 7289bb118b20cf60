import type { AliasEvent, AuditLog, Model, ModelVersion, PromotionDecision, Webhook } from '@ciclo/platform-db';
import type { StoredArtifact } from './artifact-store/artifact-store';
import type { GateCheck, PromotionGate } from './promotion-gate';
import type { SamplePrediction } from '@ciclo/ml';

/** Roles as the API keys carry them (database values of `api_key_role`). */
export type ActorRole = 'viewer' | 'data-scientist' | 'admin';
export type PromotionPolicyName = 'manual' | 'auto';

/** Who did it, beyond the actor name: copied into the audit log. */
export interface AuditContext {
  readonly apiKeyId?: string;
  readonly requestId?: string;
}

export interface ModelRecord {
  readonly id: string;
  readonly name: string;
  readonly task: string;
  readonly description: string | null;
  /** Declared label set, in output order; empty until declared or set by the first version. */
  readonly labels: readonly string[];
  readonly languages: readonly string[];
  readonly policy: PromotionPolicyName;
  readonly gate: PromotionGate;
  /** Alias name → version number. */
  readonly aliases: Readonly<Record<string, number>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface VersionRecord {
  readonly id: string;
  readonly model: string;
  readonly version: number;
  readonly artifact: StoredArtifact;
  readonly format: string;
  readonly labels: readonly string[];
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  readonly description: string | null;
  readonly confidenceThreshold: number | null;
  readonly samplePredictions: readonly SamplePrediction[];
  readonly datasetSnapshotId: string | null;
  readonly trainingRunId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface AliasEventRecord {
  /** Position in the history (a bigint sequence, as a decimal string). */
  readonly id: string;
  readonly model: string;
  readonly alias: string;
  /** null: the alias was created by this event. */
  readonly fromVersion: number | null;
  /** null: the alias was removed by this event. */
  readonly toVersion: number | null;
  readonly actor: string;
  readonly reason: string | null;
  readonly at: Date;
}

export interface PromotionDecisionRecord {
  readonly id: string;
  readonly model: string;
  readonly candidateVersion: number;
  readonly baselineVersion: number | null;
  readonly targetAlias: string;
  readonly gatePassed: boolean;
  readonly reasons: readonly GateCheck[];
  readonly status: 'pending' | 'approved' | 'rejected' | 'auto_promoted';
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly comment: string | null;
  readonly createdAt: Date;
}

/** A webhook as listed: the secret is only returned once, by `addWebhook`. */
export interface WebhookRecord {
  readonly id: string;
  readonly model: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly active: boolean;
  readonly lastDeliveryAt: Date | null;
  readonly lastStatus: number | null;
  readonly createdAt: Date;
}

export interface AuditEntry {
  readonly id: string;
  readonly actor: string;
  readonly apiKeyId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly requestId: string | null;
  readonly createdAt: Date;
}

type AliasWithVersion = { name: string; version: { version: number } };

export function toModelRecord(row: Model & { aliases?: readonly AliasWithVersion[] }): ModelRecord {
  return {
    id: row.id,
    name: row.name,
    task: row.task,
    description: row.description,
    labels: row.labels,
    languages: row.languages,
    policy: row.promotionPolicy,
    gate: (row.gate ?? {}) as PromotionGate,
    aliases: Object.fromEntries((row.aliases ?? []).map((a) => [a.name, a.version.version])),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toVersionRecord(model: string, row: ModelVersion): VersionRecord {
  return {
    id: row.id,
    model,
    version: row.version,
    artifact: { sha256: row.artifactSha256, uri: row.artifactUri, sizeBytes: Number(row.artifactSizeBytes) },
    format: row.format,
    labels: row.labels,
    metrics: row.metrics as Record<string, unknown>,
    params: row.params as Record<string, unknown>,
    tags: row.tags,
    description: row.description,
    confidenceThreshold: row.confidenceThreshold,
    samplePredictions: row.samplePredictions as unknown as SamplePrediction[],
    datasetSnapshotId: row.snapshotId,
    trainingRunId: row.runId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export function toAliasEventRecord(
  model: string,
  row: AliasEvent & { fromVersion: { version: number } | null; toVersion: { version: number } | null },
): AliasEventRecord {
  return {
    id: row.id.toString(),
    model,
    alias: row.alias,
    fromVersion: row.fromVersion?.version ?? null,
    toVersion: row.toVersion?.version ?? null,
    actor: row.actor,
    reason: row.reason,
    at: row.createdAt,
  };
}

export function toDecisionRecord(
  model: string,
  row: PromotionDecision & { candidateVersion: { version: number }; baselineVersion: { version: number } | null },
): PromotionDecisionRecord {
  return {
    id: row.id,
    model,
    candidateVersion: row.candidateVersion.version,
    baselineVersion: row.baselineVersion?.version ?? null,
    targetAlias: row.targetAlias,
    gatePassed: row.gatePassed,
    reasons: row.reasons as unknown as GateCheck[],
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    comment: row.comment,
    createdAt: row.createdAt,
  };
}

export function toWebhookRecord(model: string, row: Webhook): WebhookRecord {
  return {
    id: row.id,
    model,
    url: row.url,
    events: row.events,
    active: row.active,
    lastDeliveryAt: row.lastDeliveryAt,
    lastStatus: row.lastStatus,
    createdAt: row.createdAt,
  };
}

export function toAuditEntry(row: AuditLog): AuditEntry {
  return {
    id: row.id.toString(),
    actor: row.actor,
    apiKeyId: row.apiKeyId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details as Record<string, unknown>,
    requestId: row.requestId,
    createdAt: row.createdAt,
  };
}
