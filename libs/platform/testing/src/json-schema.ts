/**
 * The part of JSON Schema (OpenAPI 3.0 dialect) that the platform's served OpenAPI documents use:
 * what zod's JSON Schema output gives for route params, queries, bodies and error responses.
 */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  /** OpenAPI 3.0 makes it a flag on `minimum`; JSON Schema 2019+ a number of its own. */
  readonly exclusiveMinimum?: boolean | number;
  readonly exclusiveMaximum?: boolean | number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly nullable?: boolean;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
}

/** The schema's types, `nullable` included (an absent `type` gives none: any value). */
export function schemaTypes(schema: JsonSchema): string[] {
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : [...schema.type];
  return schema.nullable && types.length > 0 ? [...types, 'null'] : types;
}

/**
 * Replaces every `#/components/schemas/…` reference with the schema it names. A reference met
 * again below itself (a recursive schema) becomes `{}` (any value): generators only need a bound.
 */
export function resolveSchemaRefs(schema: JsonSchema, components: Readonly<Record<string, JsonSchema>>, seen: readonly string[] = []): JsonSchema {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace(/^#\/components\/schemas\//, '');
    const target = components[name];
    if (!target || seen.includes(name)) return {};
    return resolveSchemaRefs(target, components, [...seen, name]);
  }
  const resolve = (s: JsonSchema) => resolveSchemaRefs(s, components, seen);
  const resolved: Record<string, unknown> = { ...schema };
  if (schema.items) resolved['items'] = resolve(schema.items);
  if (schema.properties) resolved['properties'] = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, resolve(s)]));
  if (typeof schema.additionalProperties === 'object') resolved['additionalProperties'] = resolve(schema.additionalProperties);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key];
    if (list) resolved[key] = list.map(resolve);
  }
  return resolved as JsonSchema;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

function matchesObject(value: Record<string, unknown>, schema: JsonSchema): boolean {
  if (!(schema.required ?? []).every((key) => Object.hasOwn(value, key))) return false;
  const properties = schema.properties ?? {};
  return Object.entries(value).every(([key, item]) => {
    const known = properties[key];
    if (known) return matchesJsonSchema(item, known);
    if (schema.additionalProperties === false) return false;
    return typeof schema.additionalProperties !== 'object' || matchesJsonSchema(item, schema.additionalProperties);
  });
}

/**
 * Whether `value` has the shape `schema` describes: types, required and unknown properties, array
 * items, enums and alternatives (enough to check a response body against its documented schema;
 * string formats and number bounds are not checked).
 */
export function matchesJsonSchema(value: unknown, schema: JsonSchema): boolean {
  if (schema.anyOf && !schema.anyOf.some((s) => matchesJsonSchema(value, s))) return false;
  if (schema.oneOf && !schema.oneOf.some((s) => matchesJsonSchema(value, s))) return false;
  if (schema.allOf && !schema.allOf.every((s) => matchesJsonSchema(value, s))) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.some((type) => matchesType(value, type))) return false;
  if (Array.isArray(value) && schema.items) return value.every((item) => matchesJsonSchema(item, schema.items as JsonSchema));
  if (isObject(value) && (schema.properties || schema.required || schema.additionalProperties !== undefined)) return matchesObject(value, schema);
  return true;
}
