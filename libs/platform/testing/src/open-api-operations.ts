import { resolveSchemaRefs, type JsonSchema } from './json-schema';

/** An OpenAPI 3 document, as far as the fuzzer reads it (what `/docs/openapi.json` serves). */
export interface OpenApiDocument {
  readonly paths?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

export interface ApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** One operation of a document, its schemas resolved. */
export interface ApiOperation {
  /** Upper case: `GET`, `POST`… */
  readonly method: string;
  /** The path template, `/v1/models/{name}`. */
  readonly path: string;
  readonly parameters: readonly ApiParameter[];
  /** The `application/json` request body, if the operation takes one. */
  readonly body?: JsonSchema;
  /** Whether the operation needs credentials (a non-empty `security`). */
  readonly secured: boolean;
  /** The bodies documented for its 4xx answers (every one an error shape). */
  readonly errorSchemas: readonly JsonSchema[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface RawOperation {
  readonly parameters?: readonly ApiParameter[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
  readonly security?: readonly unknown[];
  readonly responses?: Readonly<Record<string, { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> }>>;
}

/** Every operation of `document`, in document order. */
export function listOperations(document: OpenApiDocument): ApiOperation[] {
  const components = document.components?.schemas ?? {};
  const resolve = (schema: JsonSchema | undefined) => resolveSchemaRefs(schema ?? {}, components);
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) => {
    const shared = (item['parameters'] ?? []) as readonly ApiParameter[];
    return METHODS.filter((method) => item[method] !== undefined).map((method): ApiOperation => {
      const raw = item[method] as RawOperation;
      const parameters = [...shared, ...(raw.parameters ?? [])].map((p) => ({ ...p, required: p.required === true, schema: resolve(p.schema) }));
      const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
      const errorSchemas = Object.entries(raw.responses ?? {})
        .filter(([status]) => status.startsWith('4'))
        .flatMap(([, response]) => {
          const schema = response.content?.['application/json']?.schema;
          return schema ? [resolve(schema)] : [];
        });
      return {
        method: method.toUpperCase(),
        path,
        parameters,
        ...(bodySchema ? { body: resolve(bodySchema) } : {}),
        secured: (raw.security?.length ?? 0) > 0,
        errorSchemas,
      };
    });
  });
}
