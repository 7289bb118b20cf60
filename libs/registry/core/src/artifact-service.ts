import type { Model } from '@ciclo/platform-db';
import {
  DEFAULT_SAMPLE_INPUTS,
  InvalidModelError,
  ModelSession,
  checkSamplePredictions,
  computeSamplePredictions,
  type SamplePrediction,
} from '@ciclo/ml';
import { DEFAULT_MAX_ARTIFACT_BYTES, assertWithinLimit, type ArtifactStore, type StoredArtifact } from './artifact-store/artifact-store';
import { InvalidArtifactError } from './errors/invalid-artifact-error';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';
import type { RegistryContext } from './registry-context';
import { findModel, findVersion } from './registry-lookups';

/** What a registration says about its artifact's behaviour. */
export interface ArtifactSamplesInput {
  readonly artifact: Uint8Array;
  /** The trainer's own predictions, to be reproduced by the artifact. */
  readonly samples?: readonly SamplePrediction[] | undefined;
  /** Texts to compute samples from, when `samples` is not given. */
  readonly sampleInputs?: readonly string[] | undefined;
}

/** What the artifact declared and did, once loaded. */
export interface ArtifactInspection {
  readonly labels: readonly string[];
  readonly confidenceThreshold: number | null;
  readonly samples: SamplePrediction[];
}

export interface ArtifactService {
  /** The version's artifact bytes, verified against their sha256 (ArtifactIntegrityError otherwise). */
  getArtifact(model: string, version: number): Promise<Uint8Array>;
}

/** Used by the version service while registering; not part of the registry's public API. */
export interface ArtifactIntake {
  /** Refuses anything but bytes within the size limit (413), before anything loads. */
  checkBytes(artifact: unknown): void;
  /** Loads the artifact in ONNX Runtime and checks task and samples: it must behave before it is stored. */
  inspect(model: Model, input: ArtifactSamplesInput): Promise<ArtifactInspection>;
  /** Content-addressed and idempotent: a failure after this leaves at most an unreferenced blob. */
  store(bytes: Uint8Array): Promise<StoredArtifact>;
  /**
   * Stores the bytes again if their blob is gone (the collector may delete an unreferenced blob
   * between `store` and the version's commit). Call it holding the blob's lock (artifact-lock.ts).
   */
  ensureStored(bytes: Uint8Array, stored: StoredArtifact): Promise<void>;
}

export function createArtifactService(
  ctx: RegistryContext,
  artifacts: ArtifactStore,
  maxArtifactBytes = DEFAULT_MAX_ARTIFACT_BYTES,
): { service: ArtifactService; intake: ArtifactIntake } {
  const service: ArtifactService = {
    async getArtifact(model, version) {
      const m = await findModel(ctx.prisma, model);
      const row = await findVersion(ctx.prisma, m, version);
      return artifacts.get(row.artifactSha256);
    },
  };
  const intake: ArtifactIntake = {
    checkBytes(artifact) {
      if (!(artifact instanceof Uint8Array)) throw new InvalidRegistryInputError('artifact must be bytes (Uint8Array)', { field: 'artifact' });
      assertWithinLimit(artifact.byteLength, maxArtifactBytes);
    },
    inspect: inspectArtifact,
    store: (bytes) => artifacts.put(bytes),
    async ensureStored(bytes, stored) {
      if (!(await artifacts.has(stored.sha256))) await artifacts.put(bytes);
    },
  };
  return { service, intake };
}

async function inspectArtifact(model: Model, input: ArtifactSamplesInput): Promise<ArtifactInspection> {
  const session = await loadSession(model, input.artifact);
  try {
    const metadata = session.metadata;
    if (metadata.task !== null && metadata.task !== model.task) {
      throw new InvalidArtifactError(`artifact was trained for task "${metadata.task}" but model "${model.name}" is a "${model.task}" model`, {
        model: model.name,
        artifactTask: metadata.task,
      });
    }
    const samples = await samplesOf(model, session, input);
    return { labels: metadata.labels, confidenceThreshold: metadata.confidenceThreshold, samples };
  } finally {
    await session.dispose();
  }
}

async function loadSession(model: Model, artifact: Uint8Array): Promise<ModelSession> {
  try {
    return await ModelSession.load(artifact);
  } catch (error) {
    if (error instanceof InvalidModelError) {
      throw new InvalidArtifactError(`artifact does not load as a Ciclo model: ${error.message}`, { model: model.name, ...error.details }, error);
    }
    throw error;
  }
}

/** The trainer's samples when it sent them (reproduced or refused, 422), otherwise computed here. */
async function samplesOf(model: Model, session: ModelSession, input: ArtifactSamplesInput): Promise<SamplePrediction[]> {
  if (input.samples === undefined) return computeSamplePredictions(session, input.sampleInputs ?? DEFAULT_SAMPLE_INPUTS);
  const mismatches = await checkSamplePredictions(session, input.samples);
  if (mismatches.length > 0) {
    throw new InvalidArtifactError(`artifact does not reproduce ${mismatches.length} of the trainer's ${input.samples.length} sample predictions`, {
      model: model.name,
      mismatches: mismatches.slice(0, 5),
    });
  }
  return input.samples.map((s) => ({ input: s.input, label: s.label, probabilities: [...s.probabilities] }));
}
