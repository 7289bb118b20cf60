import { OipDatatype, type OipInferResponse } from '@ciclo/platform-contracts';

// Why this is written by hand (issue #9 asked to replace it with Fastify's response-schema
// serialisation unless a benchmark shows it is needed — it does): in the real nlp-service under
// bench/inference.bench.ts (1 text per request, 64 connections), a CPU profile gave this function
// 1.2 µs per request against 2.5 µs for fast-json-stringify compiled from the same schema
// (its number formatting `asNumber` alone 1.0 µs); five alternating A/B runs with
// fast-json-stringify gave 4.9 % fewer single-text requests/s than the commit before (which used
// this function), and +4.6 % once it was back (docs/benchmarks.md, "Inference before and after
// issue #9"). bench/infer-serialisation.bench.ts agrees on distinct
// answers: 3.8 µs against 4.2 µs for one text, 63 µs against 79 µs for 32. The zod serialiser
// (parse, then JSON.stringify) costs more still.

/** Field order of the response schemas: what their zod serialisation writes. */
const RESPONSE_FIELDS = ['model_name', 'model_version', 'id', 'parameters', 'outputs'] as const;
const OUTPUT_FIELDS = ['name', 'shape', 'datatype', 'parameters', 'data'] as const;
const DATATYPES = new Set<string>(OipDatatype.options);

/** Own keys are a subsequence of `fields` (same order, none unknown) and none holds `undefined`. */
function hasFieldsInOrder(value: object, fields: readonly string[]): boolean {
  let next = 0;
  for (const key of Object.keys(value)) {
    while (next < fields.length && fields[next] !== key) next++;
    if (next === fields.length || (value as Record<string, unknown>)[key] === undefined) return false;
    next++;
  }
  return true;
}

function isTensorData(data: unknown): boolean {
  if (!Array.isArray(data)) return false;
  for (const d of data) if (typeof d !== 'string' && !(typeof d === 'number' && Number.isFinite(d))) return false;
  return true;
}

function isOutput(o: unknown): boolean {
  if (typeof o !== 'object' || o === null || Array.isArray(o) || !hasFieldsInOrder(o, OUTPUT_FIELDS)) return false;
  const { name, shape, datatype, parameters, data } = o as Record<string, unknown>;
  if (typeof name !== 'string' || typeof datatype !== 'string' || !DATATYPES.has(datatype) || !Array.isArray(shape) || !shape.every(Number.isSafeInteger)) return false;
  if (parameters !== undefined) {
    // The one parameter the classifiers send: `{ labels: string[] }`.
    if (typeof parameters !== 'object' || parameters === null || !hasFieldsInOrder(parameters, ['labels'])) return false;
    const labels = (parameters as { labels?: unknown }).labels;
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) return false;
  }
  return isTensorData(data);
}

/**
 * The JSON body of an inference response, byte for byte what the route's schema serialiser
 * (zod, then `JSON.stringify`) writes, without running the schema: on the request path that
 * parse cost as much as the model. Returns null for anything outside the shape it checks (an
 * unknown field, a non-finite number, other parameters…); the caller then uses the schema
 * serialiser, which keeps its errors for those cases.
 */
export function serializeInferResponse(response: OipInferResponse): string | null {
  if (!hasFieldsInOrder(response, RESPONSE_FIELDS) || response.parameters !== undefined) return null;
  if (typeof response.model_name !== 'string' || typeof response.model_version !== 'string') return null;
  if (response.id !== undefined && typeof response.id !== 'string') return null;
  if (!Array.isArray(response.outputs) || !response.outputs.every(isOutput)) return null;
  return JSON.stringify(response);
}
