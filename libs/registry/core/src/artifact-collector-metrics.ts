import { defineCounter, type MetricsRegistry } from '@ciclo/platform-observability';
import type { ArtifactBlob } from './artifact-store/artifact-store';

export interface ArtifactCollectorMetrics {
  /** The collector deleted this blob. */
  collected(blob: ArtifactBlob): void;
}

/**
 * `ciclo_registry_artifacts_collected_total` and `ciclo_registry_artifact_bytes_collected_total`:
 * blobs (and their bytes) that uploads left behind without a version, deleted by the collector. A
 * steady rise means registrations keep failing after their upload.
 */
export function createArtifactCollectorMetrics(registry: MetricsRegistry): ArtifactCollectorMetrics {
  const blobs = defineCounter(registry, {
    area: 'registry',
    what: 'artifacts_collected',
    help: 'Artifact blobs deleted by garbage collection: no model version referenced them and they were older than the grace period.',
  }).labels({});
  const bytes = defineCounter(registry, {
    area: 'registry',
    what: 'artifact_bytes_collected',
    help: 'Bytes of the artifact blobs deleted by garbage collection.',
  }).labels({});
  return {
    collected(blob) {
      blobs.inc();
      bytes.inc(blob.sizeBytes);
    },
  };
}
