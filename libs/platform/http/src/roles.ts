import type { ApiKeyRole } from '@ciclo/platform-contracts';

/** Roles from least to most powerful; each includes every role before it. */
export const ROLE_ORDER: readonly ApiKeyRole[] = ['viewer', 'data-scientist', 'admin'];

/** Whether a key with role `actual` may do what needs `required`. */
export function roleSatisfies(actual: ApiKeyRole, required: ApiKeyRole): boolean {
  return ROLE_ORDER.indexOf(actual) >= ROLE_ORDER.indexOf(required);
}
