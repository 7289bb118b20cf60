import {
  MODEL_FORMAT_VERSION,
  MetadataKeys,
  type ClassifierWeights,
  type FeaturizerConfig,
  type ModelCard,
} from '../model/model-contract';
import { InvalidFeaturizerConfigError } from '../features/invalid-featurizer-config-error';
import { validateFeaturizerConfig } from '../features/featurizer-config';
import { InvalidModelError } from './invalid-model-error';

/** What a loaded model says about itself, parsed and checked from `metadata_props`. */
export interface ModelMetadata {
  readonly formatVersion: string;
  /** In the order of the `probabilities` columns. */
  readonly labels: readonly string[];
  readonly featurizer: FeaturizerConfig;
  /** Already applied inside the graph; kept for the registry and for recalibration. */
  readonly temperature: number;
  readonly confidenceThreshold: number;
  readonly trainingDataSha256: string | null;
  readonly libraryVersion: string | null;
  readonly task: string | null;
  readonly language: string | null;
  readonly createdAt: string | null;
  /** Every `metadata_props` entry, including keys Ciclo does not know. */
  readonly props: Readonly<Record<string, string>>;
}

/**
 * The featuriser settings as canonical JSON: fixed key order whatever order the object was built
 * in, so equal settings always give equal artifact bytes.
 */
export function canonicalFeaturizerJson(config: FeaturizerConfig): string {
  return JSON.stringify({
    version: config.version,
    buckets: config.buckets,
    wordNgrams: [config.wordNgrams[0], config.wordNgrams[1]],
    charNgrams: config.charNgrams === null ? null : [config.charNgrams[0], config.charNgrams[1]],
    foldAccents: config.foldAccents,
    maxFeatures: config.maxFeatures,
    hashSeed: config.hashSeed,
    charNgramWeight: config.charNgramWeight,
    // Only written when on, so models without it keep their exact bytes.
    ...(config.negationScope ? { negationScope: config.negationScope } : {}),
  });
}

/** `metadata_props` of an exported model, in a fixed order (part of the byte-determinism promise). */
export function buildMetadataProps(weights: ClassifierWeights, card: ModelCard): Array<{ key: string; value: string }> {
  return [
    { key: MetadataKeys.formatVersion, value: MODEL_FORMAT_VERSION },
    { key: MetadataKeys.labels, value: JSON.stringify(weights.labels) },
    { key: MetadataKeys.featurizer, value: canonicalFeaturizerJson(weights.featurizer) },
    { key: MetadataKeys.temperature, value: String(card.temperature) },
    { key: MetadataKeys.confidenceThreshold, value: String(card.confidenceThreshold) },
    { key: MetadataKeys.trainingDataSha256, value: card.trainingDataSha256 },
    { key: MetadataKeys.libraryVersion, value: card.libraryVersion },
    { key: MetadataKeys.task, value: card.task },
    { key: MetadataKeys.language, value: card.language },
    { key: MetadataKeys.createdAt, value: card.createdAt },
  ];
}

/** Problems with a label list, or null when it is usable. */
export function describeLabelProblem(labels: unknown): string | null {
  if (!Array.isArray(labels)) return 'labels must be a JSON array of strings';
  if (labels.length === 0) return 'labels must not be empty';
  const seen = new Set<string>();
  for (const [i, label] of labels.entries()) {
    if (typeof label !== 'string' || label.trim() === '') return `label #${i} must be a non-empty string`;
    if (seen.has(label)) return `label "${label}" appears twice`;
    seen.add(label);
  }
  return null;
}

/** Problems with featuriser settings (via the featuriser's own validation), or null when they are usable. */
export function describeFeaturizerProblem(config: unknown): string | null {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return 'featurizer must be a JSON object';
  try {
    validateFeaturizerConfig(config as FeaturizerConfig);
    return null;
  } catch (error) {
    if (error instanceof InvalidFeaturizerConfigError) return error.problems.join('; ');
    // A config with the wrong shape (e.g. wordNgrams: 3) can trip the validator itself.
    return `featurizer is malformed (${(error as Error).message})`;
  }
}

function parseJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidModelError(`metadata "${key}" is not valid JSON`, { cause: error, details: { key } });
  }
}

/**
 * Parse and check `metadata_props` against the contract. Required: format version, labels,
 * featurizer, temperature, confidence threshold. Provenance keys are optional (brought models may
 * not have them).
 */
export function parseModelMetadata(props: Readonly<Record<string, string>>): ModelMetadata {
  const required = [MetadataKeys.formatVersion, MetadataKeys.labels, MetadataKeys.featurizer, MetadataKeys.temperature, MetadataKeys.confidenceThreshold];
  const missing = required.filter((key) => props[key] === undefined);
  if (missing.length > 0) {
    throw new InvalidModelError(`model metadata_props lack required key(s): ${missing.join(', ')}`, { details: { missing } });
  }
  const get = (key: string): string => props[key] ?? '';
  const optional = (key: string): string | null => props[key] ?? null;

  const formatVersion = get(MetadataKeys.formatVersion);
  if (formatVersion !== MODEL_FORMAT_VERSION) {
    throw new InvalidModelError(`unsupported ${MetadataKeys.formatVersion} "${formatVersion}" (this library reads "${MODEL_FORMAT_VERSION}")`);
  }
  const labels = parseJson(MetadataKeys.labels, get(MetadataKeys.labels));
  const labelProblem = describeLabelProblem(labels);
  if (labelProblem !== null) throw new InvalidModelError(`metadata "${MetadataKeys.labels}": ${labelProblem}`);
  const featurizer = parseJson(MetadataKeys.featurizer, get(MetadataKeys.featurizer));
  const featurizerProblem = describeFeaturizerProblem(featurizer);
  if (featurizerProblem !== null) throw new InvalidModelError(`metadata "${MetadataKeys.featurizer}": ${featurizerProblem}`);

  const temperatureText = get(MetadataKeys.temperature);
  const temperature = Number(temperatureText);
  if (temperatureText.trim() === '' || !Number.isFinite(temperature) || temperature <= 0) {
    throw new InvalidModelError(`metadata "${MetadataKeys.temperature}" must be a number > 0 (got "${temperatureText}")`);
  }
  const thresholdText = get(MetadataKeys.confidenceThreshold);
  const confidenceThreshold = Number(thresholdText);
  if (thresholdText.trim() === '' || !(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
    throw new InvalidModelError(`metadata "${MetadataKeys.confidenceThreshold}" must be a number in [0, 1] (got "${thresholdText}")`);
  }
  return {
    formatVersion,
    labels: labels as string[],
    featurizer: featurizer as FeaturizerConfig,
    temperature,
    confidenceThreshold,
    trainingDataSha256: optional(MetadataKeys.trainingDataSha256),
    libraryVersion: optional(MetadataKeys.libraryVersion),
    task: optional(MetadataKeys.task),
    language: optional(MetadataKeys.language),
    createdAt: optional(MetadataKeys.createdAt),
    props,
  };
}
