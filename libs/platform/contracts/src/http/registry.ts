import { Limits, NamePatterns } from '../limits';
import { z } from 'zod';
import { boundedJson } from './bounded-json';
import { storable, storableText } from './storable-text';

// HTTP bodies of the model registry (apps/model-registry). Dates travel as ISO-8601 strings.
// Every request string is storableText() and every number fits its column, so PostgreSQL never
// sees input it refuses (a 500): the 400 names the field instead.

const modelName = storableText()
  .regex(NamePatterns.model, `must be 1–${Limits.modelNameChars} characters: a-z, 0-9, ".", "_", "-", starting with a letter or digit`);
const aliasName = storableText().regex(NamePatterns.alias, `must be 1–${Limits.aliasNameChars} characters: a-z, 0-9, "_", "-", starting with a letter`);
const versionMax = [Limits.versionNumberMax, `must be at most ${Limits.versionNumberMax}`] as const;
/** A version in a body (`model_versions.version` is an int4). */
const bodyVersion = z.number().int('must be a whole number').positive('must be at least 1').max(...versionMax);
/** A version in a path or query (text, coerced). */
const versionNumber = z.coerce.number().int('must be a whole number').positive('must be at least 1').max(...versionMax);
const reason = storableText().trim().min(1, 'must not be empty').max(Limits.reasonChars, `must be at most ${Limits.reasonChars} characters`);
const description = storableText().max(Limits.descriptionChars);
const label = storableText().min(1);
/** Free-form JSON of responses (what was stored); requests take boundedJson(). */
const jsonObject = z.record(z.string(), z.unknown());
const unit = z.number().min(0).max(1);

/** Whether a string of digits names an id a PostgreSQL bigint can hold. */
function fitsBigint(digits: string): boolean {
  const significant = digits.replace(/^0+(?=\d)/, '');
  return significant.length < Limits.entryIdMax.length || (significant.length === Limits.entryIdMax.length && significant <= Limits.entryIdMax);
}

/** Whether an ISO date-time lies in the range the registry's timestamps can be compared with. */
function withinTimeRange(iso: string): boolean {
  const at = Date.parse(iso);
  return at >= Date.parse(Limits.timeMin) && at <= Date.parse(Limits.timeMax);
}

export const PromotionPolicyName = z.enum(['manual', 'auto']);
export type PromotionPolicyName = z.infer<typeof PromotionPolicyName>;

/** Thresholds a version must meet to reach a gated alias (`production`); all optional. */
export const PromotionGateView = z.strictObject({
  minMacroF1: unit.optional(),
  maxMacroF1Drop: unit.optional(),
  maxClassF1Drop: unit.optional(),
});
export type PromotionGateView = z.infer<typeof PromotionGateView>;

/** `:name` of every `/v1/models/:name/…` route. */
export const ModelParams = z.object({ name: modelName });
export type ModelParams = z.infer<typeof ModelParams>;

export const VersionParams = ModelParams.extend({ version: versionNumber });
export type VersionParams = z.infer<typeof VersionParams>;

export const AliasParams = ModelParams.extend({ alias: aliasName });
export type AliasParams = z.infer<typeof AliasParams>;

/** `POST /v1/models`. */
export const CreateModelBody = z.object({
  name: modelName,
  task: storableText().trim().min(1, 'must not be empty').max(Limits.taskChars),
  description: description.optional(),
  /** Label set in output order; when omitted the first version declares it. */
  labels: z.array(label).min(1).optional(),
  languages: z.array(label).optional(),
  policy: PromotionPolicyName.optional(),
  gate: PromotionGateView.optional(),
});
export type CreateModelBody = z.infer<typeof CreateModelBody>;

/** `PATCH /v1/models/:name/policy`: changing `gate` needs the admin role. */
export const UpdatePolicyBody = z
  .object({ policy: PromotionPolicyName.optional(), gate: PromotionGateView.optional(), reason: reason.optional() })
  .refine((b) => b.policy !== undefined || b.gate !== undefined, { message: 'give policy and/or gate', path: ['policy'] });
export type UpdatePolicyBody = z.infer<typeof UpdatePolicyBody>;

export const ModelView = z.object({
  name: z.string(),
  task: z.string(),
  description: z.string().nullable(),
  labels: z.array(z.string()),
  languages: z.array(z.string()),
  policy: PromotionPolicyName,
  gate: PromotionGateView,
  /** Alias name → version number. */
  aliases: z.record(z.string(), z.number().int()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ModelView = z.infer<typeof ModelView>;

export const ModelList = z.object({ models: z.array(ModelView) });
export type ModelList = z.infer<typeof ModelList>;

export const SamplePredictionView = z.object({
  input: storableText(),
  label: storableText(),
  probabilities: z.array(z.number()),
});
export type SamplePredictionView = z.infer<typeof SamplePredictionView>;

/** `GET /v1/models/:name/versions/:version/samples`: what a server checks after loading the artifact. */
export const SampleList = z.object({ samples: z.array(SamplePredictionView) });
export type SampleList = z.infer<typeof SampleList>;

/**
 * `POST /v1/models/:name/versions`: the ONNX artifact base64-encoded beside its metadata, in one
 * JSON body (one schema, one validation, field names in every 400).
 */
export const RegisterVersionBody = z.object({
  artifactBase64: z.base64('must be the artifact bytes, base64-encoded').min(1, 'must not be empty'),
  /** Any JSON object; the gate reads `macroF1`, `holdout`, `perClass`, `baseline`. */
  metrics: boundedJson().optional(),
  params: boundedJson().optional(),
  tags: z.array(label).max(50).optional(),
  description: description.optional(),
  datasetSnapshotId: z.uuid().optional(),
  trainingRunId: z.uuid().optional(),
  /** The trainer's own predictions; the registry checks the artifact reproduces them. */
  samples: z.array(SamplePredictionView).max(Limits.samplesPerVersion).optional(),
  /** Texts to compute sample predictions from when `samples` is not given. */
  sampleInputs: z.array(label).max(Limits.samplesPerVersion).optional(),
});
export type RegisterVersionBody = z.infer<typeof RegisterVersionBody>;

export const VersionView = z.object({
  model: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  format: z.string(),
  labels: z.array(z.string()),
  metrics: jsonObject,
  params: jsonObject,
  tags: z.array(z.string()),
  description: z.string().nullable(),
  confidenceThreshold: z.number().nullable(),
  datasetSnapshotId: z.string().nullable(),
  trainingRunId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** Aliases pointing at this version now. */
  aliases: z.array(z.string()),
});
export type VersionView = z.infer<typeof VersionView>;

export const VersionList = z.object({ versions: z.array(VersionView) });
export type VersionList = z.infer<typeof VersionList>;

/** `GET /v1/models/:name/compare?a=&b=`. */
export const CompareQuery = z.object({ a: versionNumber, b: versionNumber });
export type CompareQuery = z.infer<typeof CompareQuery>;

export const MetricComparison = z.object({ name: z.string(), a: z.number().nullable(), b: z.number().nullable(), delta: z.number().nullable() });
export type MetricComparison = z.infer<typeof MetricComparison>;

export const ClassComparison = z.object({ label: z.string(), a: z.number().nullable(), b: z.number().nullable(), delta: z.number().nullable() });
export type ClassComparison = z.infer<typeof ClassComparison>;

export const ConfusionMatrixView = z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }).nullable();
export type ConfusionMatrixView = z.infer<typeof ConfusionMatrixView>;

export const CompareView = z.object({
  model: z.string(),
  a: VersionView,
  b: VersionView,
  /** Every numeric top-level metric of either version; `delta` = b − a. */
  metrics: z.array(MetricComparison),
  /** Per-class F1 from `metrics.perClass`; `delta` = b − a. */
  perClassF1: z.array(ClassComparison),
  confusionMatrices: z.object({ a: ConfusionMatrixView, b: ConfusionMatrixView }),
  /** Whether both versions were measured on the same frozen holdout (`metrics.holdout`). */
  sameHoldout: z.boolean().nullable(),
});
export type CompareView = z.infer<typeof CompareView>;

/** `PUT /v1/models/:name/aliases/:alias`. */
export const SetAliasBody = z.object({
  version: bodyVersion,
  reason,
  /** Promote past a failed gate: admin only. */
  force: z.boolean().optional(),
  /** Compare-and-set: 409 unless the alias points here now (null = unset). */
  expectedCurrentVersion: bodyVersion.nullable().optional(),
});
export type SetAliasBody = z.infer<typeof SetAliasBody>;

/** `DELETE /v1/models/:name/aliases/:alias` and `POST …/rollback`. */
export const AliasMoveBody = z.object({
  reason,
  expectedCurrentVersion: bodyVersion.nullable().optional(),
});
export type AliasMoveBody = z.infer<typeof AliasMoveBody>;

/** `POST …/rollback`. */
export const RollbackBody = AliasMoveBody;
export type RollbackBody = AliasMoveBody;

/** `POST /v1/models/:name/versions/:version/approvals`. */
export const ApprovalBody = z.object({
  reason,
  alias: aliasName.optional(),
  force: z.boolean().optional(),
});
export type ApprovalBody = z.infer<typeof ApprovalBody>;

export const GateCheckView = z.object({
  check: z.string(),
  passed: z.boolean(),
  candidate: z.union([z.number(), z.string()]).nullable().optional(),
  baseline: z.union([z.number(), z.string()]).nullable().optional(),
  threshold: z.number().optional(),
  message: z.string(),
});

export const PromotionDecisionView = z.object({
  id: z.string(),
  candidateVersion: z.number().int(),
  baselineVersion: z.number().int().nullable(),
  targetAlias: z.string(),
  gatePassed: z.boolean(),
  reasons: z.array(GateCheckView),
  status: z.enum(['pending', 'approved', 'rejected', 'auto_promoted']),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  comment: z.string().nullable(),
});
export type PromotionDecisionView = z.infer<typeof PromotionDecisionView>;

export const AliasEventView = z.object({
  id: z.string(),
  model: z.string(),
  alias: z.string(),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int().nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
  at: z.iso.datetime(),
});
export type AliasEventView = z.infer<typeof AliasEventView>;

/** What an alias move did (`changed: false` when it already pointed there). */
export const AliasChangeView = z.object({
  model: z.string(),
  alias: z.string(),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int().nullable(),
  changed: z.boolean(),
  event: AliasEventView.nullable(),
  decision: PromotionDecisionView.nullable(),
});
export type AliasChangeView = z.infer<typeof AliasChangeView>;

export const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(Limits.pageSizeMax).optional(),
  /** Entries older than this id (paging backwards). */
  before: storableText()
    .regex(/^\d+$/, 'must be an entry id')
    .refine(fitsBigint, `must be at most ${Limits.entryIdMax}`)
    .optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const AliasHistory = z.object({ events: z.array(AliasEventView) });
export type AliasHistory = z.infer<typeof AliasHistory>;

/** `GET /v1/models/:name/aliases/:alias/at?time=ISO`. */
export const AliasAtQuery = z.object({
  time: z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 date-time' })
    .refine(withinTimeRange, `must be between ${Limits.timeMin} and ${Limits.timeMax}`),
});
export type AliasAtQuery = z.infer<typeof AliasAtQuery>;

export const AliasAtView = z.object({ model: z.string(), alias: z.string(), time: z.iso.datetime(), version: z.number().int().nullable() });
export type AliasAtView = z.infer<typeof AliasAtView>;

/** `GET /v1/audit`. */
export const AuditQuery = HistoryQuery.extend({ model: modelName.optional() });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z.object({
  id: z.string(),
  actor: z.string(),
  apiKeyId: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: jsonObject,
  requestId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditList = z.object({ entries: z.array(AuditEntryView) });
export type AuditList = z.infer<typeof AuditList>;

/** `POST /v1/models/:name/webhooks`: where to send this model's events (HMAC-signed). */
export const CreateWebhookBody = z.object({
  url: storable(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  /** HMAC key; generated when omitted and returned once in the response. */
  secret: storableText()
    .min(Limits.webhookSecretMinChars, { error: `must be at least ${Limits.webhookSecretMinChars} characters` })
    .max(Limits.webhookSecretMaxChars)
    .optional(),
  /** Event types to deliver (e.g. model.alias.changed); empty or omitted = all. */
  events: z.array(storableText().min(1).max(100)).max(20).optional(),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const WebhookView = z.object({
  id: z.string(),
  model: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  lastDeliveryAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  createdAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;
export const WebhookList = z.object({ webhooks: z.array(WebhookView) });
export const CreatedWebhook = z.object({ webhook: WebhookView, secret: z.string() });
export const WebhookParams = ModelParams.extend({ id: z.uuid({ error: 'must be a webhook id (uuid)' }) });
