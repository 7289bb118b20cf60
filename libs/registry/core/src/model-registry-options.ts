import type { Database } from '@ciclo/platform-db';
import type { ArtifactStore } from './artifact-store/artifact-store';

export interface ModelRegistryOptions {
  readonly db: Database;
  readonly artifacts: ArtifactStore;
  /** Largest artifact `registerVersion` accepts (default 64 MiB) → ArtifactTooLargeError (413). */
  readonly maxArtifactBytes?: number;
  /** Clock for history and audit timestamps (tests move it). Default `() => new Date()`. */
  readonly now?: () => Date;
  /** Aliases a version reaches only through the promotion gate. Default `['production']`. */
  readonly gatedAliases?: readonly string[];
  /** Interactive transaction limits; concurrent moves of one model wait for its row lock. */
  readonly transaction?: { readonly maxWaitMs?: number; readonly timeoutMs?: number };
}
