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
  });

  it('follows CICLO_HOME, and CICLO_ARTIFACTS_DIR over it (relative to the working directory)', () => {
    expect(loadConfig({ ...base, CICLO_HOME: 'state' }, '/srv').artifactsDir).toBe(join('/srv', 'state', 'artifacts'));
    expect(loadConfig({ ...base, CICLO_HOME: '/h', CICLO_ARTIFACTS_DIR: 'blobs' }, '/srv').artifactsDir).toBe('/srv/blobs');
  });

  it('names a bad size limit or S3 endpoint', () => {
    expect(() => loadConfig({ ...base, CICLO_MAX_ARTIFACT_BYTES: 'big', S3_ENDPOINT: 'nope' })).toThrow(/CICLO_MAX_ARTIFACT_BYTES[\s\S]*S3_ENDPOINT|S3_ENDPOINT[\s\S]*CICLO_MAX_ARTIFACT_BYTES/);
  });
});
