import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanFlag, parseEnv, positiveInt, serviceEnvSchema, type Env } from '@ciclo/platform-config';
import { DefaultPorts } from '@ciclo/platform-contracts';
import { z } from 'zod';

const HOUR_MS = 3600 * 1000;

/** The checkout this file lives in (apps/model-registry/src → three levels up), whatever the cwd. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const configSchema = serviceEnvSchema(DefaultPorts['model-registry']).extend({
  /** The launcher's state folder; artifacts default to `<CICLO_HOME>/artifacts`. */
  CICLO_HOME: z.string().optional(),
  /** Where the file artifact store keeps blobs (default `<CICLO_HOME or <repo>/.ciclo>/artifacts`). */
  CICLO_ARTIFACTS_DIR: z.string().optional(),
  /** Largest artifact a version upload may carry (default 64 MiB); larger uploads get 413. */
  CICLO_MAX_ARTIFACT_BYTES: positiveInt.default(64 * 1024 * 1024),
  /** Keep artifacts in S3 (or MinIO, R2…) instead of files when set. Credentials: the AWS SDK's usual chain. */
  S3_BUCKET: z.string().optional(),
  S3_PREFIX: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ENDPOINT: z.url({ error: 'must be a URL like http://127.0.0.1:9000' }).optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.optional(),
  /**
   * Relay the outbox events this app owns (`model.alias.changed`). Set false on a replica that should leave it
   * to the others, which share the rows (SKIP LOCKED) and take over from each other.
   */
  OUTBOX_RELAY_ENABLED: booleanFlag.default(true),
  /** How long an `Idempotency-Key` and its first answer are kept (default 24 h); a retry after that runs again. */
  CICLO_IDEMPOTENCY_RETENTION_MS: positiveInt.default(24 * HOUR_MS),
  /**
   * An artifact blob no version references is deleted once older than this (default 24 h). Longer
   * than any registration takes from upload to commit, so an upload in progress keeps its blob.
   */
  CICLO_ARTIFACT_GC_GRACE_MS: positiveInt.default(24 * HOUR_MS),
  /** How often the registry's upkeep job (artifact garbage collection, expired idempotency keys) runs (default 1 h). */
  CICLO_REGISTRY_MAINTENANCE_INTERVAL_MS: positiveInt.default(HOUR_MS),
});
export type AppConfig = ReturnType<typeof loadConfig>;

/** The only place this app reads its environment. */
export function loadConfig(env: Env, cwd: string = process.cwd()) {
  const parsed = parseEnv('model-registry', configSchema, env);
  const home = parsed.CICLO_HOME ? resolve(cwd, parsed.CICLO_HOME) : resolve(repoRoot, '.ciclo');
  const artifactsDir = parsed.CICLO_ARTIFACTS_DIR ? resolve(cwd, parsed.CICLO_ARTIFACTS_DIR) : resolve(home, 'artifacts');
  return { ...parsed, artifactsDir };
}
