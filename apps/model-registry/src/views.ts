import type { AliasChangeView, AliasEventView, AuditEntryView, ModelView, PromotionDecisionView, VersionView } from '@ciclo/platform-contracts';
import type { AliasChange, AliasEventRecord, AuditEntry, ModelRecord, PromotionDecisionRecord, VersionRecord } from '@ciclo/registry-core';

// Registry records → the JSON the API promises (contracts' views): ISO dates, no internal ids.

export function modelView(model: ModelRecord): ModelView {
  return {
    name: model.name,
    task: model.task,
    description: model.description,
    labels: [...model.labels],
    languages: [...model.languages],
    policy: model.policy,
    gate: { ...model.gate },
    aliases: { ...model.aliases },
    createdAt: model.createdAt.toISOString(),
    updatedAt: model.updatedAt.toISOString(),
  };
}

/** Alias names per version number, from a model's alias map. */
export function aliasesByVersion(model: ModelRecord): Map<number, string[]> {
  const byVersion = new Map<number, string[]>();
  for (const [alias, version] of Object.entries(model.aliases).sort(([a], [b]) => a.localeCompare(b))) {
    byVersion.set(version, [...(byVersion.get(version) ?? []), alias]);
  }
  return byVersion;
}

export function versionView(version: VersionRecord, aliases: readonly string[]): VersionView {
  return {
    model: version.model,
    version: version.version,
    sha256: version.artifact.sha256,
    sizeBytes: version.artifact.sizeBytes,
    format: version.format,
    labels: [...version.labels],
    metrics: { ...version.metrics },
    params: { ...version.params },
    tags: [...version.tags],
    description: version.description,
    confidenceThreshold: version.confidenceThreshold,
    datasetSnapshotId: version.datasetSnapshotId,
    trainingRunId: version.trainingRunId,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    aliases: [...aliases],
  };
}

export function aliasEventView(event: AliasEventRecord): AliasEventView {
  return { ...event, at: event.at.toISOString() };
}

export function decisionView(decision: PromotionDecisionRecord): PromotionDecisionView {
  return {
    id: decision.id,
    candidateVersion: decision.candidateVersion,
    baselineVersion: decision.baselineVersion,
    targetAlias: decision.targetAlias,
    gatePassed: decision.gatePassed,
    reasons: decision.reasons.map((r) => ({ ...r })),
    status: decision.status,
    decidedBy: decision.decidedBy,
    decidedAt: decision.decidedAt?.toISOString() ?? null,
    comment: decision.comment,
  };
}

export function aliasChangeView(change: AliasChange): AliasChangeView {
  return {
    model: change.model,
    alias: change.alias,
    fromVersion: change.fromVersion,
    toVersion: change.toVersion,
    changed: change.changed,
    event: change.event ? aliasEventView(change.event) : null,
    decision: change.decision ? decisionView(change.decision) : null,
  };
}

export function auditEntryView(entry: AuditEntry): AuditEntryView {
  return { ...entry, details: { ...entry.details }, createdAt: entry.createdAt.toISOString() };
}
