/**
 * Limits that more than one project enforces. Each lives here once, so a schema and the code
 * behind it cannot drift apart (they did: 16 samples in the registry, 32 in its request schema).
 */
export const Limits = {
  /** Sample predictions stored per model version: enough to prove a load, small enough to check at every swap. */
  samplesPerVersion: 16,
} as const;
