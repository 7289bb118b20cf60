import type { ArtifactBlob, ArtifactStore } from '../artifact-store/artifact-store';

/** Every blob `store.list()` yields, sorted by digest (Node 20 has no Array.fromAsync). */
export async function listBlobs(store: ArtifactStore): Promise<ArtifactBlob[]> {
  const blobs: ArtifactBlob[] = [];
  for await (const blob of store.list()) blobs.push(blob);
  return blobs.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
}
