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
} as const;

/**
 * What a model and an alias may be called: lower-case, URL- and metric-label-safe, bounded by
 * {@link Limits}. The registry checks them and the HTTP schemas refuse them before it does.
 */
export const NamePatterns = {
  model: new RegExp(`^[a-z0-9][a-z0-9._-]{0,${Limits.modelNameChars - 1}}$`),
  alias: new RegExp(`^[a-z][a-z0-9_-]{0,${Limits.aliasNameChars - 1}}$`),
} as const;
