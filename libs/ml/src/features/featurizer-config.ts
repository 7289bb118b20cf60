import type { FeaturizerConfig } from '../model/model-contract';
import { InvalidFeaturizerConfigError } from './invalid-featurizer-config-error';

/**
 * Defaults measured on the public intent sets (bench/train.bench.ts): word uni+bigrams plus
 * character 2–5-grams with word boundaries at half the weight of words (1 was better only on
 * cosibot_pt; 0.5 on banking77, clinc150 and the bootstrap data), accents folded with the original
 * kept, 2^17 buckets (2^18 was no more accurate).
 */
export function defaultFeaturizerConfig(overrides: Partial<Omit<FeaturizerConfig, 'version'>> = {}): FeaturizerConfig {
  const config: FeaturizerConfig = {
    version: 1,
    buckets: overrides.buckets ?? 131_072,
    wordNgrams: overrides.wordNgrams ?? [1, 2],
    charNgrams: overrides.charNgrams === undefined ? [2, 5] : overrides.charNgrams,
    foldAccents: overrides.foldAccents ?? true,
    maxFeatures: overrides.maxFeatures ?? 1_024,
    hashSeed: overrides.hashSeed ?? 0,
    charNgramWeight: overrides.charNgramWeight ?? 0.5,
    ...(overrides.negationScope ? { negationScope: overrides.negationScope } : {}),
  };
  validateFeaturizerConfig(config);
  return config;
}

function isPositiveInt(n: unknown, min = 1): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min;
}

function isRange(r: unknown): r is readonly [number, number] {
  return Array.isArray(r) && r.length === 2 && isPositiveInt(r[0]) && isPositiveInt(r[1]) && r[0] <= r[1] && r[1] <= 16;
}

/**
 * Checks a config before use; a model's stored config comes from outside (a registry, a user's
 * ONNX file), so serving validates it too.
 */
export function validateFeaturizerConfig(config: FeaturizerConfig): void {
  const problems: string[] = [];
  if (config.version !== 1) problems.push(`version must be 1 (got ${String(config.version)})`);
  if (!isPositiveInt(config.buckets, 2) || config.buckets > 2 ** 31 - 1) problems.push('buckets must be an integer in [2, 2^31)');
  if (!isRange(config.wordNgrams)) problems.push('wordNgrams must be [min, max] with 1 ≤ min ≤ max ≤ 16');
  if (config.charNgrams !== null && !isRange(config.charNgrams)) problems.push('charNgrams must be null or [min, max] with 1 ≤ min ≤ max ≤ 16');
  if (typeof config.foldAccents !== 'boolean') problems.push('foldAccents must be a boolean');
  if (!isPositiveInt(config.maxFeatures) || config.maxFeatures > 1_000_000) problems.push('maxFeatures must be an integer in [1, 1e6]');
  if (!Number.isInteger(config.hashSeed) || config.hashSeed < 0 || config.hashSeed > 0xffffffff) problems.push('hashSeed must be a uint32');
  if (typeof config.charNgramWeight !== 'number' || !Number.isFinite(config.charNgramWeight) || config.charNgramWeight < 0) {
    problems.push('charNgramWeight must be a finite number ≥ 0');
  }
  if (config.negationScope !== undefined && !(Number.isInteger(config.negationScope) && config.negationScope >= 0 && config.negationScope <= 16)) {
    problems.push('negationScope must be an integer in [0, 16]');
  }
  if (problems.length > 0) throw new InvalidFeaturizerConfigError(problems);
}
