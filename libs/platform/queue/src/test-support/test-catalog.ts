import { defineJobCatalog } from '@ciclo/platform-contracts';
import { z } from 'zod';

/** Jobs that exercise each queue behaviour in the contract tests (not the platform catalog). */
export const testCatalog = defineJobCatalog({
  'test.echo': {
    queue: 'work',
    schema: z.object({ value: z.number().int(), label: z.string().min(1).default('none') }),
    attempts: 3,
    backoff: { type: 'fixed', delay: 50 },
    description: 'Returns its input doubled; reports progress and a log line.',
  },
  'test.flaky': {
    queue: 'work',
    schema: z.object({ key: z.string(), failTimes: z.number().int().min(0) }),
    attempts: 3,
    backoff: { type: 'exponential', delay: 100 },
    description: 'Fails its first `failTimes` attempts.',
  },
  'test.doomed': {
    queue: 'work',
    schema: z.object({ key: z.string() }),
    attempts: 2,
    backoff: { type: 'fixed', delay: 20 },
    description: 'Always throws an ordinary error.',
  },
  'test.permanent': {
    queue: 'work',
    schema: z.object({ key: z.string() }),
    attempts: 5,
    backoff: { type: 'fixed', delay: 20 },
    description: 'Throws PermanentJobError.',
  },
  'flow.child': {
    queue: 'flow-children',
    schema: z.object({ n: z.number().int() }),
    attempts: 2,
    backoff: { type: 'fixed', delay: 20 },
    description: 'Returns n squared.',
  },
  'flow.parent': {
    queue: 'flow-parents',
    schema: z.object({ label: z.string() }),
    attempts: 1,
    backoff: { type: 'fixed', delay: 20 },
    description: 'Sums its children results.',
  },
  'test.hang': {
    queue: 'stall',
    schema: z.object({ key: z.string() }),
    attempts: 2,
    backoff: { type: 'fixed', delay: 20 },
    description: 'Used by the kill test: the first worker hangs on it and is SIGKILLed.',
  },
});
export type TestCatalog = typeof testCatalog;

/**
 * The same job names with loose schemas: stands in for an older or careless producer so the
 * tests can put payloads on a queue that the strict catalog would have refused.
 */
export const looseCatalog = defineJobCatalog({
  'test.echo': { ...testCatalog['test.echo'], schema: z.object({ value: z.unknown() }) },
});
