import { booleanFlag, httpUrl, logLevel, parseEnv, positiveInt, serviceEnvSchema, type Env } from '@ciclo/platform-config';
import { DefaultPorts, NamePatterns } from '@ciclo/platform-contracts';
import { z } from 'zod';

const unitInterval = z.coerce.number().gt(0, 'must be above 0').max(1, 'must be at most 1');

export const configSchema = serviceEnvSchema(DefaultPorts['nlp-service']).extend({
  /** Where the model registry listens (the launcher sets it). */
  MODEL_REGISTRY_URL: httpUrl.default(`http://127.0.0.1:${DefaultPorts['model-registry']}`),
  /** A registry key with the viewer role: every registry read needs one (the launcher issues it). */
  MODEL_REGISTRY_API_KEY: z.string({ error: 'is required: a model-registry API key with the viewer role' }).min(1, 'must not be empty'),
  /** The alias this replica serves. */
  NLP_SERVE_ALIAS: z.string().regex(NamePatterns.alias, 'must be an alias name such as production').default('production'),
  /** How often the replica compares what it serves with the registry, events or not. */
  NLP_RECONCILE_INTERVAL_MS: positiveInt.default(30_000),
  /** Dynamic batching: how long the first text waits for others, and the most texts per run. */
  NLP_BATCH_MAX_DELAY_MS: z.coerce.number().min(0, 'must be 0 or more').max(100, 'must be at most 100').default(1),
  NLP_BATCH_MAX_SIZE: positiveInt.default(64),
  /**
   * Log level of the inference routes (`/v2/…`, `/v1/analyze`), LOG_LEVEL when unset. Their
   * per-request lines (`request completed`, `request rejected`) are info; `warn` keeps only
   * failures, which at thousands of requests per second saves a few percent of a core.
   */
  NLP_REQUEST_LOG_LEVEL: logLevel.optional(),
  /** Request limits; each exceeded one is a 413 naming it. */
  NLP_MAX_TEXTS_PER_REQUEST: positiveInt.default(128),
  NLP_MAX_TEXT_CHARS: positiveInt.default(5_000),
  NLP_BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
  /** Explicitly addressed versions kept loaded per model beside the served one. */
  NLP_MAX_PINNED_VERSIONS: z.coerce.number().int().min(0).max(16).default(2),
  /**
   * Model names the registry said it does not have, remembered so that requests for them get a 404
   * here without a registry call each: at most this many (0 remembers none)…
   */
  NLP_UNKNOWN_MODEL_CACHE_SIZE: z.coerce.number().int().min(0, 'must be 0 or more').max(1_000_000, 'must be at most 1000000').default(10_000),
  /** …for this long (a registry listing that shows the model, at most NLP_RECONCILE_INTERVAL_MS later, forgets it sooner). */
  NLP_UNKNOWN_MODEL_CACHE_TTL_MS: positiveInt.default(60_000),
  /** Sentiment monitor: worker concurrency and the model it scores with. */
  SENTIMENT_MONITOR_CONCURRENCY: positiveInt.default(4),
  SENTIMENT_MODEL: z.string().min(1).default('sentiment'),
  /**
   * The handoff rule (DOMAIN.md): `MIN_NEGATIVE` negative messages at `MIN_CONFIDENCE` or more among
   * the last `WINDOW_SIZE` user messages. 0.75 measured on the v1 model's holdout: 92 % of negatives
   * at that confidence are right, 65 % of negatives reach it (libs/serving/sentiment-monitor handoff-rule.ts).
   */
  SENTIMENT_HANDOFF_WINDOW_SIZE: positiveInt.default(3),
  SENTIMENT_HANDOFF_MIN_NEGATIVE: positiveInt.default(2),
  SENTIMENT_HANDOFF_MIN_CONFIDENCE: unitInterval.default(0.75),
  SENTIMENT_HANDOFF_NEGATIVE_LABEL: z.string().min(1).default('negative'),
  /**
   * Relay the outbox events this app owns (`handoff.requested`, written by the sentiment
   * monitor). Set false on a replica that should leave it to the others, which share the rows
   * (SKIP LOCKED) and take over from each other.
   */
  OUTBOX_RELAY_ENABLED: booleanFlag.default(true),
});
export type AppConfig = ReturnType<typeof loadConfig>;

/** The only place this app reads its environment. */
export function loadConfig(env: Env) {
  return parseEnv('nlp-service', configSchema, env);
}
