import { z } from 'zod';

/**
 * The model registry's periodic upkeep: delete artifact blobs no version references (older than
 * the grace period) and purge expired Idempotency-Key records. Every replica schedules one job per
 * time slot under an id naming the slot, so the job runs once per slot however many replicas run.
 */
export const RegistryMaintenanceV1 = z.object({
  /** Start of the slot this run stands for. */
  slotStartedAt: z.iso.datetime(),
});
export type RegistryMaintenanceV1 = z.infer<typeof RegistryMaintenanceV1>;
