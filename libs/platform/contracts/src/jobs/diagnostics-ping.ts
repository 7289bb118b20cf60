import { z } from 'zod';

/**
 * A round trip through the job system: `ciclo status` (or the launcher's self-check) enqueues it,
 * a retraining-orchestrator worker answers. Proves that producers and workers in different
 * processes share one working queue backend.
 */
export const DiagnosticsPingV1 = z.object({
  nonce: z.string().min(1).max(128),
  requestedBy: z.string().min(1).max(64),
  sentAt: z.iso.datetime(),
});
export type DiagnosticsPingV1 = z.infer<typeof DiagnosticsPingV1>;

export const DiagnosticsPongV1 = z.object({
  nonce: z.string(),
  processedBy: z.string(),
  pid: z.number().int(),
  processedAt: z.iso.datetime(),
});
export type DiagnosticsPongV1 = z.infer<typeof DiagnosticsPongV1>;
