import type { JobCatalog, JobDefinition } from '@ciclo/platform-contracts';
import { InvalidJobPayloadError, type PayloadIssue } from './errors/invalid-job-payload-error';
import { UnknownJobError } from './errors/unknown-job-error';

export function jobDefinition(catalog: JobCatalog, name: string): JobDefinition {
  const def = Object.hasOwn(catalog, name) ? catalog[name] : undefined;
  if (!def) throw new UnknownJobError('job', name);
  return def;
}

/** Parses `payload` with the job's schema; the parsed value (defaults applied) is what travels. */
export function validatePayload(catalog: JobCatalog, name: string, payload: unknown): unknown {
  const result = jobDefinition(catalog, name).schema.safeParse(payload);
  if (result.success) return result.data;
  const issues: PayloadIssue[] = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  throw new InvalidJobPayloadError(name, issues);
}
