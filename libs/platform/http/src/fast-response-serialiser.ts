import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * A response serialiser compiled by fast-json-stringify (Fastify's own default serialiser) from
 * the JSON Schema of a zod response schema. It writes only the schema's properties (required ones
 * first) and does not re-validate the value on every answer as the zod type provider's serialiser
 * does, so it suits hot routes whose answers typed code builds (`registerRoute(…, { serialiser:
 * 'fast' })`). bench/infer-serialisation.bench.ts measures it against the nlp-service's
 * hand-written inference serialiser.
 */
export function compileFastResponseSerialiser(schema: z.ZodType): (value: unknown) => string {
  return fastJson(z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'any' }) as Parameters<typeof fastJson>[0]);
}
