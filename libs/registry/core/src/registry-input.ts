import { InvalidRegistryInputError } from './errors/invalid-registry-input-error';

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ALIAS_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

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

/** Newest-first listings return 1–1000 entries, 100 unless asked. */
export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 100, 1), 1000);
}
