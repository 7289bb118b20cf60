/** The swap steps, in order; metrics and logs name the one that failed. */
export const SwapSteps = ['download', 'verify', 'load', 'warm-up', 'samples'] as const;
export type SwapStep = (typeof SwapSteps)[number];

/** A version refused by one step of the swap pipeline; the version served before stays. */
export class SwapStepError extends Error {
  readonly model: string;
  readonly version: number;
  readonly step: SwapStep;

  constructor(model: string, version: number, step: SwapStep, reason: string, cause?: unknown) {
    super(`${model} v${version} failed at ${step}: ${reason}`, cause === undefined ? undefined : { cause });
    this.name = 'SwapStepError';
    this.model = model;
    this.version = version;
    this.step = step;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
