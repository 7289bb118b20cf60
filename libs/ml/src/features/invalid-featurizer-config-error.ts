import { AppError } from '@ciclo/platform-contracts';

/** A featuriser config that cannot be used (bad ranges, bucket count, weights). */
export class InvalidFeaturizerConfigError extends AppError {
  constructor(readonly problems: readonly string[]) {
    super('CICLO_ERR_ML_INVALID_FEATURIZER_CONFIG', `Invalid featurizer config: ${problems.join('; ')}.`, 400, {
      details: { problems },
    });
    this.name = 'InvalidFeaturizerConfigError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
