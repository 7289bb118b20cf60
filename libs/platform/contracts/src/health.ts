import { z } from 'zod';

export const DependencyCheck = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number(),
  error: z.string().optional(),
});

/** Body of `/health/live`: the process answers (no dependency is checked). */
export const LivenessBody = z.object({
  status: z.literal('live'),
  app: z.string(),
});
export type LivenessBody = z.infer<typeof LivenessBody>;

/** Body of `/health/ready` (200 when every check is up, 503 otherwise). */
export const ReadinessBody = z.object({
  status: z.enum(['ready', 'not_ready']),
  app: z.string(),
  version: z.string(),
  checks: z.record(z.string(), DependencyCheck),
});
export type ReadinessBody = z.infer<typeof ReadinessBody>;
