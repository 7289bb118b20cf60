import { Limits, NamePatterns } from '@ciclo/platform-contracts';
import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';

const MODEL_NAME = NamePatterns.model;
const ALIAS_NAME = NamePatterns.alias;

/** Refused before any transaction opens, so a bad request never waits for a lock. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidRegistryInputError(`${field} is required`, { field });
  return value;
}

export function checkModelName(name: unknown): void {
  if (typeof name !== 'string' || !MODEL_NAME.test(name)) {
    throw new InvalidRegistryInputError(`model name "${String(name)}" must match ${MODEL_NAME.source}`, { field: 'name' });
  }
}

export function checkAliasName(alias: string): void {
  if (typeof alias !== 'string' || !ALIAS_NAME.test(alias)) {
    throw new InvalidRegistryInputError(`alias "${String(alias)}" must match ${ALIAS_NAME.source}`, { field: 'alias' });
  }
}

/** `undefined` keeps the current policy. */
export function checkPolicyName(policy: unknown): void {
  if (policy !== undefined && policy !== 'manual' && policy !== 'auto') {
    throw new InvalidRegistryInputError('policy must be "manual" or "auto"', { field: 'policy' });
  }
}

/** Newest-first listings return 1–{@link Limits.pageSizeMax} entries, {@link Limits.pageSizeDefault} unless asked. */
export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? Limits.pageSizeDefault, 1), Limits.pageSizeMax);
}
