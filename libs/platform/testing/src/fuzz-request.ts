import fc from 'fast-check';
import { namedArbitrary, type SchemaArbitraryOptions } from './json-schema-arbitrary';
import { schemaTypes, type JsonSchema } from './json-schema';
import type { ApiOperation } from './open-api-operations';

/** JSON text sent as is where a value goes: numbers JSON.stringify cannot write, nesting it would overflow on, invalid text. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A path segment or query value sent exactly as written: already percent-encoded, or deliberately malformed. */
export class RawUrlText {
  constructor(readonly text: string) {}
}

/** A request before it is written out: parameters and body as values (some of them raw text). */
export interface RequestDraft {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  /** Header parameters the operation documents (`Idempotency-Key`…), printable ASCII as HTTP wants. */
  readonly headers?: Readonly<Record<string, unknown>>;
  /** `undefined`: no body. */
  readonly body?: unknown;
}

/** The request as `app.inject` takes it. */
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string | Buffer;
}

/**
 * A place a hostile value can go: a path or query parameter, a value inside the body (`at` is its
 * path from the root, `[]` the body itself), or a new key of an object in the body (`body-key`).
 */
export interface Target {
  readonly place: 'path' | 'query' | 'body' | 'body-key';
  readonly at: readonly (string | number)[];
  readonly schema: JsonSchema;
}

/** Valid-looking drafts of `operation`, from its parameter and body schemas. */
export function draftArbitrary(operation: ApiOperation, options: SchemaArbitraryOptions): fc.Arbitrary<RequestDraft> {
  const params = (place: 'path' | 'query' | 'header') => {
    const list = operation.parameters.filter((p) => p.in === place);
    const value = (name: string, schema: JsonSchema) => {
      const generated = namedArbitrary(name, schema, options);
      return place === 'header' ? generated.filter((v) => /^[\x20-\x7e]*$/.test(String(v))) : generated;
    };
    const model = Object.fromEntries(list.map((p) => [p.name, value(p.name, p.schema)]));
    return fc.record(model, { requiredKeys: list.filter((p) => p.required || place === 'path').map((p) => p.name) });
  };
  const body = operation.body ? namedArbitrary('', operation.body, options) : fc.constant(undefined);
  return fc.record({ path: params('path'), query: params('query'), headers: params('header'), body });
}

/** How deep into the body targets are looked for (route bodies are shallow; free-form JSON is not walked). */
const MAX_TARGET_DEPTH = 4;

function bodyTargets(schema: JsonSchema, at: readonly (string | number)[]): Target[] {
  const here: Target[] = [{ place: 'body', at, schema }];
  if (at.length >= MAX_TARGET_DEPTH) return here;
  const types = schemaTypes(schema);
  if (schema.items) here.push(...bodyTargets(schema.items, [...at, 0]));
  if (types.includes('object') || schema.properties || types.length === 0) {
    here.push({ place: 'body-key', at, schema });
    for (const [name, child] of Object.entries(schema.properties ?? {})) here.push(...bodyTargets(child, [...at, name]));
    if (typeof schema.additionalProperties === 'object') here.push(...bodyTargets(schema.additionalProperties, [...at, 'key']));
  }
  return here;
}

/** Every place of `operation` a hostile value can go, from its schemas (whether a draft fills it or not). */
export function operationTargets(operation: ApiOperation): Target[] {
  const params = operation.parameters
    .filter((p): p is typeof p & { in: 'path' | 'query' } => p.in === 'path' || p.in === 'query')
    .map((p): Target => ({ place: p.in, at: [p.name], schema: p.schema }));
  return [...params, ...(operation.body ? bodyTargets(operation.body, []) : [])];
}

const isContainer = (value: unknown): value is Record<string | number, unknown> => typeof value === 'object' && value !== null && !(value instanceof RawJson);

/** `container` with `value` at `at`, creating the objects and arrays on the way (copies; the draft is not changed). */
function setIn(container: unknown, at: readonly (string | number)[], value: unknown, addKey: boolean): unknown {
  const [head, ...rest] = at;
  if (head === undefined) return addKey ? { ...(isContainer(container) ? container : {}), [String(value)]: 1 } : value;
  if (Array.isArray(container) || (!isContainer(container) && typeof head === 'number')) {
    const copy: unknown[] = Array.isArray(container) ? [...container] : [];
    copy[Number(head)] = setIn(copy[Number(head)], rest, value, addKey);
    return copy;
  }
  const copy: Record<string, unknown> = isContainer(container) ? { ...container } : {};
  copy[head] = setIn(copy[head], rest, value, addKey);
  return copy;
}

/** `draft` with `value` at `target` (for `body-key`: a new key named `value`). */
export function withValueAt(draft: RequestDraft, target: Target, value: unknown): RequestDraft {
  const [name] = target.at;
  switch (target.place) {
    case 'path':
    case 'query':
      return { ...draft, [target.place]: { ...draft[target.place], [String(name)]: value } };
    default:
      return { ...draft, body: setIn(draft.body, target.at, value, target.place === 'body-key') };
  }
}

/** Lone surrogates, which `encodeURIComponent` refuses: written as their WTF-8 bytes (not valid UTF-8). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wtf8 = (unit: number) => [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');

/** Percent-encodes a URL value, lone surrogates and all. */
export function encodeUrlValue(value: unknown): string {
  if (value instanceof RawUrlText || value instanceof RawJson) return value.text;
  const text = String(value);
  let encoded = '';
  let last = 0;
  for (const match of text.matchAll(LONE_SURROGATE)) {
    encoded += encodeURIComponent(text.slice(last, match.index)) + wtf8(match[0].charCodeAt(0));
    last = match.index + 1;
  }
  return encoded + encodeURIComponent(text.slice(last));
}

/** JSON text of `value`, each {@link RawJson} inside written as its own text. */
export function jsonWithRaw(value: unknown): string {
  const raw: string[] = [];
  const marker = '\u0001ciclo-raw-json\u0001';
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof RawJson ? `${marker}${raw.push(item.text) - 1}` : item));
  return text.replace(/"\\u0001ciclo-raw-json\\u0001(\d+)"/g, (_m, index: string) => raw[Number(index)] ?? '');
}

/** The URL of `draft`: path parameters into the template, query parameters that have a value. */
export function draftUrl(operation: ApiOperation, draft: RequestDraft): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeUrlValue(draft.path[name] ?? ''));
  const query = Object.entries(draft.query)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeUrlValue(value)}`);
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/** `draft` as a JSON request (a body only if the draft has one). */
export function toHttpRequest(operation: ApiOperation, draft: RequestDraft, auth: Readonly<Record<string, string>> = {}): HttpRequest {
  const url = draftUrl(operation, draft);
  const documented = Object.entries(draft.headers ?? {}).filter(([, value]) => value !== undefined);
  const headers = { ...Object.fromEntries(documented.map(([name, value]) => [name.toLowerCase(), String(value)])), ...auth };
  if (draft.body === undefined) return { method: operation.method, url, headers };
  return { method: operation.method, url, headers: { 'content-type': 'application/json', ...headers }, payload: jsonWithRaw(draft.body) };
}
