// JSON Schema → fast-check arbitraries, written here rather than taken from a library: the one
// that exists for this (json-schema-fast-check) was archived in 2022 and covers only part of the
// keywords, and zod-fast-check targets zod 3 and fast-check 3, while the fuzzer starts from the
// served OpenAPI documents (zod 4's JSON Schema output), not from zod schemas.
import fc from 'fast-check';
import { schemaTypes, type JsonSchema } from './json-schema';

export interface SchemaArbitraryOptions {
  /**
   * Values worth trying for a parameter or property of a given name (models that exist, a valid
   * artifact), drawn about two times in three; the schema's own values the rest of the time.
   */
  readonly hints?: Readonly<Record<string, readonly unknown[]>>;
  /** Longest generated string and largest generated array, whatever the schema allows (default 40 and 3): valid-looking, not huge. */
  readonly maxStringLength?: number;
  readonly maxItems?: number;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A value of `name` (a parameter or property): a hint for that name or one the schema allows. */
export function namedArbitrary(name: string, schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  const generated = arbitraryFromSchema(schema, options);
  const hints = options.hints?.[name];
  if (!hints?.length) return generated;
  return fc.oneof({ arbitrary: fc.constantFrom(...hints), weight: 2 }, { arbitrary: generated, weight: 1 });
}

/** Values `schema` accepts, kept small (see {@link SchemaArbitraryOptions}). */
export function arbitraryFromSchema(schema: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => arbitraryFromSchema(s, options)));
  if (schema.allOf?.length) return arbitraryFromSchema(Object.assign({}, ...schema.allOf) as JsonSchema, options);
  const types = schemaTypes(schema);
  if (types.length === 0) return schema.properties ? objectArbitrary(schema, options) : fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => typedArbitrary(type, schema, options)));
}

function typedArbitrary(type: string, schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, options.maxStringLength ?? 40);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(schema.minimum !== undefined ? { min: schema.minimum, minExcluded: schema.exclusiveMinimum === true } : {}),
        ...(schema.maximum !== undefined ? { max: schema.maximum, maxExcluded: schema.exclusiveMaximum === true } : {}),
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? Infinity, options.maxItems ?? 3));
      return fc.array(schema.items ? arbitraryFromSchema(schema.items, options) : fc.jsonValue({ maxDepth: 1 }), { minLength, maxLength });
    }
    default:
      return objectArbitrary(schema, options);
  }
}

/** Bounds of an integer schema, OpenAPI 3.0 (`exclusiveMinimum: true`) and later (a number) alike. */
function integerBounds(schema: JsonSchema): { min: number; max: number } {
  let min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
  let max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  if (schema.exclusiveMinimum === true) min += 1;
  else if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, schema.exclusiveMinimum + 1);
  if (schema.exclusiveMaximum === true) max -= 1;
  else if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, schema.exclusiveMaximum - 1);
  return { min: Math.ceil(min), max: Math.floor(max) };
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = integerBounds(schema);
  // fc.integer stops at 32 bits; wider ranges go through bigint.
  if (min >= INT32_MIN && max <= INT32_MAX) return fc.integer({ min, max });
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}

function stringArbitrary(schema: JsonSchema, cap: number): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? Infinity, cap));
  const fits = (s: string) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity);
  switch (schema.format) {
    case 'date-time':
      return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'uuid':
      return fc.uuid();
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'email':
      return fc.emailAddress();
    case 'base64':
      return fc.base64String({ maxLength: Math.max(4, maxLength) }).filter(fits);
  }
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({ unit: 'grapheme', minLength, maxLength }).filter(fits);
}

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) {
    if (schema.additionalProperties === false) return fc.constant({});
    const values = typeof schema.additionalProperties === 'object' ? arbitraryFromSchema(schema.additionalProperties, options) : fc.jsonValue({ maxDepth: 2 });
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: 3 });
  }
  const model = Object.fromEntries(properties.map(([name, s]) => [name, namedArbitrary(name, s, options)]));
  return fc.record(model, { requiredKeys: [...(schema.required ?? [])] });
}
