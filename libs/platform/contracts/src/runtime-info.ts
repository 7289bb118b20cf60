import { z } from 'zod';

/**
 * `.ciclo/runtime.json`, written by the launcher (`npm start`) so that tools such as
 * `ciclo status` find the running platform without any configuration.
 */
export const RuntimeInfoV1 = z.object({
  version: z.literal(1),
  pid: z.number().int(),
  status: z.enum(['starting', 'running', 'stopped']),
  startedAt: z.iso.datetime(),
  landingUrl: z.string(),
  databaseUrl: z.string(),
  databaseSource: z.enum(['env', 'embedded']),
  queue: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('redis'), url: z.string(), prefix: z.string() }),
    z.object({ kind: z.literal('postgres'), schema: z.string() }),
  ]),
  apps: z.array(z.object({ name: z.string(), url: z.string(), pid: z.number().int().optional() })),
});
export type RuntimeInfoV1 = z.infer<typeof RuntimeInfoV1>;
