import { chooseConfidenceThreshold, type ChooseThresholdOptions, type ThresholdChoice } from './choose-confidence-threshold';
import { applyTemperature, fitTemperature, inferClasses, type FitTemperatureOptions, type TemperatureFit } from './fit-temperature';

export interface ValidationCalibration {
  /** For `ModelCard.temperature`. */
  readonly temperature: number;
  /** For `ModelCard.confidenceThreshold`. */
  readonly confidenceThreshold: number;
  readonly temperatureFit: TemperatureFit;
  readonly thresholdChoice: ThresholdChoice;
  /** The validation probabilities after temperature scaling (what the exported model will output). */
  readonly calibratedProbabilities: Float32Array;
}

/**
 * The two calibration steps in the order they must run: fit T on the raw validation scores, then
 * choose the threshold on the *scaled* probabilities, since those are what serving compares with it.
 */
export function calibrateOnValidation(
  gold: readonly number[],
  scores: Float32Array | Float64Array,
  options: { readonly temperature?: FitTemperatureOptions; readonly threshold?: ChooseThresholdOptions } = {},
): ValidationCalibration {
  const temperatureFit = fitTemperature(gold, scores, options.temperature);
  const calibratedProbabilities = applyTemperature(
    scores,
    inferClasses(gold, scores),
    temperatureFit.temperature,
    options.temperature?.input ?? 'probabilities',
  );
  const thresholdChoice = chooseConfidenceThreshold(gold, calibratedProbabilities, options.threshold);
  return {
    temperature: temperatureFit.temperature,
    confidenceThreshold: thresholdChoice.threshold,
    temperatureFit,
    thresholdChoice,
    calibratedProbabilities,
  };
}
