import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const base = { DATABASE_URL: 'postgresql://u@localhost:5432/ciclo' };

describe('model-registry config', () => {
  it('keeps artifacts in <repo>/.ciclo/artifacts by default, whatever the working directory', () => {
    const config = loadConfig(base, '/somewhere/else');
    expect(config.artifactsDir).toBe(resolve(repoRoot, '.ciclo', 'artifacts'));
    expect(config.CICLO_MAX_ARTIFACT_BYTES).toBe(64 * 1024 * 1024);
    expect(config.S3_BUCKET).toBeUndefined();
    expect(config).toMatchObject({ CICLO_IDEMPOTENCY_RETENTION_MS: 86_400_000, CICLO_ARTIFACT_GC_GRACE_MS: 86_400_000, CICLO_REGISTRY_MAINTENANCE_INTERVAL_MS: 3_600_000 });
  });

  it('follows CICLO_HOME, and CICLO_ARTIFACTS_DIR over it (relative to the working directory)', () => {
    expect(loadConfig({ ...base, CICLO_HOME: 'state' }, '/srv').artifactsDir).toBe(join('/srv', 'state', 'artifacts'));
    expect(loadConfig({ ...base, CICLO_HOME: '/h', CICLO_ARTIFACTS_DIR: 'blobs' }, '/srv').artifactsDir).toBe('/srv/blobs');
  });

  it('reads the retention, grace period and upkeep interval, and names a bad one', () => {
    expect(loadConfig({ ...base, CICLO_IDEMPOTENCY_RETENTION_MS: '60000', CICLO_ARTIFACT_GC_GRACE_MS: '7200000', CICLO_REGISTRY_MAINTENANCE_INTERVAL_MS: '300000' })).toMatchObject({
      CICLO_IDEMPOTENCY_RETENTION_MS: 60_000,
      CICLO_ARTIFACT_GC_GRACE_MS: 7_200_000,
      CICLO_REGISTRY_MAINTENANCE_INTERVAL_MS: 300_000,
    });
    expect(() => loadConfig({ ...base, CICLO_ARTIFACT_GC_GRACE_MS: '0' })).toThrow(/CICLO_ARTIFACT_GC_GRACE_MS/);
  });

  it('names a bad size limit or S3 endpoint', () => {
    expect(() => loadConfig({ ...base, CICLO_MAX_ARTIFACT_BYTES: 'big', S3_ENDPOINT: 'nope' })).toThrow(/CICLO_MAX_ARTIFACT_BYTES[\s\S]*S3_ENDPOINT|S3_ENDPOINT[\s\S]*CICLO_MAX_ARTIFACT_BYTES/);
  });
});
