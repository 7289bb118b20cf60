import { z } from 'zod';
import { storableText } from './storable-text';

/**
 * What an API key may do, from least to most: `viewer` reads, `data-scientist` also registers and
 * promotes, `admin` also forces promotions and manages keys. Each role includes the ones before it.
 */
export const ApiKeyRole = z.enum(['viewer', 'data-scientist', 'admin']);
export type ApiKeyRole = z.infer<typeof ApiKeyRole>;

/** Who a request authenticated as (never carries the key or its hash). */
export const ApiKeyPrincipal = z.object({
  id: z.uuid(),
  name: z.string(),
  role: ApiKeyRole,
});
export type ApiKeyPrincipal = z.infer<typeof ApiKeyPrincipal>;

/** `POST /v1/api-keys`. */
export const CreateApiKeyBody = z.object({
  /** What the key is for, so an admin can tell keys apart later (`ci`, `ana's laptop`). */
  name: storableText().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  role: ApiKeyRole,
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

/** `DELETE /v1/api-keys/:id`. */
export const ApiKeyIdParams = z.object({ id: z.uuid('must be an API key id (a UUID)') });
export type ApiKeyIdParams = z.infer<typeof ApiKeyIdParams>;

/** A key as listed: its displayable prefix, never the key or its hash. */
export const ApiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** First characters of the key (`ciclo_ab12CD34`), enough to recognise it. */
  prefix: z.string(),
  role: ApiKeyRole,
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** `GET /v1/api-keys`. */
export const ApiKeyList = z.object({ keys: z.array(ApiKeyView) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** `POST /v1/api-keys` → 201: the only time the plaintext key is ever shown. */
export const CreatedApiKey = ApiKeyView.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
