import { z } from 'zod';

/** A model alias (production, staging, candidate, custom) now points at another version. */
export const ModelAliasChangedV1 = z.object({
  model: z.string().min(1),
  alias: z.string().min(1),
  fromVersion: z.number().int().positive().nullable(),
  toVersion: z.number().int().positive().nullable(),
  actor: z.string().min(1),
  reason: z.string(),
});
export type ModelAliasChangedV1 = z.infer<typeof ModelAliasChangedV1>;
