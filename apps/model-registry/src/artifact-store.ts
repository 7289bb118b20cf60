import { FileArtifactStore, S3ArtifactStore, type ArtifactStore } from '@ciclo/registry-core';
import type { AppConfig } from './config';

/** S3 when `S3_BUCKET` is set, otherwise files under `CICLO_ARTIFACTS_DIR`. */
export function createArtifactStore(config: Pick<AppConfig, 'artifactsDir' | 'CICLO_MAX_ARTIFACT_BYTES' | 'S3_BUCKET' | 'S3_PREFIX' | 'S3_REGION' | 'S3_ENDPOINT' | 'S3_FORCE_PATH_STYLE'>): ArtifactStore {
  const maxBytes = config.CICLO_MAX_ARTIFACT_BYTES;
  if (!config.S3_BUCKET) return new FileArtifactStore({ dir: config.artifactsDir, maxBytes });
  return new S3ArtifactStore({
    bucket: config.S3_BUCKET,
    maxBytes,
    ...(config.S3_PREFIX ? { prefix: config.S3_PREFIX } : {}),
    clientConfig: {
      ...(config.S3_REGION ? { region: config.S3_REGION } : {}),
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      ...(config.S3_FORCE_PATH_STYLE !== undefined ? { forcePathStyle: config.S3_FORCE_PATH_STYLE } : {}),
    },
  });
}
