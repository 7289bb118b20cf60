/**
 * Limits that more than one project enforces. Each lives here once, so a schema and the code
 * behind it cannot drift apart (they did: 16 samples in the registry, 32 in its request schema).
 */
export const Limits = {
  /** Sample predictions stored per model version: enough to prove a load, small enough to check at every swap. */
  samplesPerVersion: 16,
  /** Longest model name (`sentiment`, `intent.pt-br`). */
  modelNameChars: 64,
  /** Longest alias name (`production`, `canary`). */
  aliasNameChars: 32,
  /** Longest model task (`text-classification`). */
  taskChars: 64,
  /** Longest free-text description of a model or a version. */
  descriptionChars: 2000,
  /** Longest reason given for an alias move, rollback or approval. */
  reasonChars: 1000,
  /** Newest-first listings (alias history, audit log) return at most this many entries per page… */
  pageSizeMax: 1000,
  /** …and this many when the caller does not ask. */
  pageSizeDefault: 100,
  /** Shortest and longest HMAC secret a webhook accepts (a generated one is 43 characters). */
  webhookSecretMinChars: 16,
  webhookSecretMaxChars: 256,
  /** Largest version number: `model_versions.version` is a PostgreSQL `integer` (int4). */
  versionNumberMax: 2_147_483_647,
  /**
   * Largest entry id a `before=` cursor may name: `alias_events.id` and `audit_log.id` are
   * PostgreSQL `bigint`s (a decimal string: it does not fit a JS number).
   */
  entryIdMax: '9223372036854775807',
  /** Earliest and latest time a query may ask about (PostgreSQL and Prisma disagree on year 0). */
  timeMin: '1970-01-01T00:00:00.000Z',
  timeMax: '9999-12-31T23:59:59.999Z',
  /** Free-form JSON (version `metrics`, `params`): nesting levels, the object itself being level 1… */
  jsonDepthMax: 32,
  /** …and values in all (a 100-class confusion matrix is 10,000). */
  jsonValuesMax: 100_000,
} as const;

/**
 * What a model and an alias may be called: lower-case, URL- and metric-label-safe, bounded by
 * {@link Limits}. The registry checks them and the HTTP schemas refuse them before it does.
 */
export const NamePatterns = {
  model: new RegExp(`^[a-z0-9][a-z0-9._-]{0,${Limits.modelNameChars - 1}}$`),
  alias: new RegExp(`^[a-z][a-z0-9_-]{0,${Limits.aliasNameChars - 1}}$`),
} as const;
