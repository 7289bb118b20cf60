import { AppError } from '@ciclo/platform-contracts';

/**
 * The exported ONNX file would exceed the artifact size budget. Raised before anything is
 * registered, so the trainer can retry with fewer buckets or a smaller embedding storage type.
 */
export class ArtifactTooLargeError extends AppError {
  static readonly code = 'CICLO_ERR_ML_ARTIFACT_TOO_LARGE';

  constructor(message: string, details: { sizeBytes: number; budgetBytes: number; embeddingStorage: string }) {
    super(ArtifactTooLargeError.code, message, 422, { details });
    this.name = 'ArtifactTooLargeError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
