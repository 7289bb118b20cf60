import fc from 'fast-check';
import { draftArbitrary, operationTargets, type HttpRequest } from './fuzz-request';
import { hostileClasses, type HostileClass } from './hostile-input';
import type { SchemaArbitraryOptions } from './json-schema-arbitrary';
import { matchesJsonSchema, type JsonSchema } from './json-schema';
import { listOperations, type ApiOperation, type OpenApiDocument } from './open-api-operations';
import { rowCountChanges, type RowCounts } from './row-counts';

export interface InjectedResponse {
  readonly statusCode: number;
  readonly body: string;
}

/** An app requests can be injected into without a network (a Fastify app: `app.inject`). */
export interface Injectable {
  inject(request: { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer }): Promise<InjectedResponse>;
}

/** `options.inject` for an app: sends the request through `app.inject`. */
export function injectInto(app: Injectable): (request: HttpRequest) => Promise<InjectedResponse> {
  return async (request) => {
    const { statusCode, body } = await app.inject({ ...request, headers: { ...request.headers } });
    return { statusCode, body };
  };
}

export interface OpenApiFuzzOptions {
  /** The app's served document (`/docs/openapi.json`). */
  readonly document: OpenApiDocument;
  /** Sends one request to the app (`app.inject`). */
  readonly inject: (request: HttpRequest) => Promise<InjectedResponse>;
  /** Rows of every table ({@link countRowsOfEveryTable}); compared around every 4xx. */
  readonly rowCounts: () => Promise<RowCounts>;
  /** API keys by label (a role); `preferredKey` is drawn most often, the others, no key and a bad key now and then. */
  readonly keys?: Readonly<Record<string, string>>;
  readonly preferredKey?: string;
  /** Values worth trying by parameter or property name (models that exist, a valid artifact). */
  readonly hints?: SchemaArbitraryOptions['hints'];
  /**
   * 4xx answers that record something on purpose, by error code, and the tables they may change
   * (a promotion the gate refuses leaves a pending decision and an audit row). Every other table
   * must still keep its row count.
   */
  readonly recordsOnPurpose?: Readonly<Record<string, readonly string[]>>;
  /** A body this large is over every route's limit. */
  readonly hugeBodyBytes: number;
  /** fast-check's seed: the same seed sends the same requests ({@link fuzzSeed}). */
  readonly seed: number;
  /** Cases per operation and class (default 8). */
  readonly runs?: number;
  /** An answer slower than this is a hang (default 5 s). */
  readonly requestTimeoutMs?: number;
}

export interface FuzzReport {
  readonly operations: number;
  readonly cases: number;
  /** `METHOD path` of operations the class had no place for (no date field, no body): nothing sent. */
  readonly notApplicable: readonly string[];
  /** Cases per status code. */
  readonly statuses: Readonly<Record<number, number>>;
}

const DEFAULT_SEED = 20_100_510;

function integerFromEnv(name: string): number | undefined {
  const text = process.env[name];
  const value = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isSafeInteger(value) ? value : undefined;
}

/** The seed of this run: `CICLO_FUZZ_SEED` when set (to replay a failure or explore), otherwise a fixed one. */
export function fuzzSeed(): number {
  return integerFromEnv('CICLO_FUZZ_SEED') ?? DEFAULT_SEED;
}

/** Cases per operation and class: `CICLO_FUZZ_RUNS` when set (a longer hunt), otherwise `runs`. */
export function fuzzRuns(runs: number): number {
  return integerFromEnv('CICLO_FUZZ_RUNS') ?? runs;
}

const BAD_KEY = 'ciclo_fuzz0000000000000000000000000000000000000000';

/** Headers for an auth choice: a key label, `x-api-key:<label>`, `bad-key` or `none`. */
function authHeaders(choice: string, keys: Readonly<Record<string, string>>): Record<string, string> {
  if (choice === 'none') return {};
  if (choice === 'bad-key') return { authorization: `Bearer ${BAD_KEY}` };
  if (choice.startsWith('x-api-key:')) return { 'x-api-key': keys[choice.slice('x-api-key:'.length)] ?? BAD_KEY };
  return { authorization: `Bearer ${keys[choice] ?? BAD_KEY}` };
}

function authArbitrary(options: OpenApiFuzzOptions): fc.Arbitrary<string> {
  const labels = Object.keys(options.keys ?? {});
  const preferred = options.preferredKey ?? labels[0];
  if (preferred === undefined) return fc.constantFrom('none', 'bad-key');
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(preferred) },
    { weight: 2, arbitrary: fc.constantFrom(...labels) },
    { weight: 1, arbitrary: fc.constantFrom('none', 'bad-key', `x-api-key:${preferred}`) },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (a hang): ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const shorten = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** One line naming a request, for failure messages (bodies and URLs shortened, keys left out). */
export function describeRequest(request: HttpRequest): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => (name === 'authorization' || name === 'x-api-key' ? `${name}: …${value.slice(-4)}` : `${name}: ${value}`))
    .join(', ');
  const payload = request.payload === undefined ? '' : ` body ${shorten(typeof request.payload === 'string' ? request.payload : `<${request.payload.byteLength} bytes>`, 200)}`;
  return `${request.method} ${shorten(request.url, 200)} [${headers}]${payload}`;
}

/** Throws unless the answer is no 5xx and, if a 4xx, has a documented error shape and left every table's row count alone. */
function checkAnswer(request: HttpRequest, response: InjectedResponse, errorShapes: readonly JsonSchema[], changes: (errorCode: unknown) => string[]): void {
  const what = `${describeRequest(request)} → ${response.statusCode} ${shorten(response.body)}`;
  if (response.statusCode >= 500) throw new Error(`5xx: ${what}`);
  if (response.statusCode < 400) return;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new Error(`4xx body is not JSON: ${what}`);
  }
  if (!errorShapes.some((shape) => matchesJsonSchema(body, shape))) throw new Error(`4xx body is not a documented error shape: ${what}`);
  const error = (body as { error?: unknown; code?: unknown }).error;
  const changed = changes(typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : (body as { code?: unknown }).code);
  if (changed.length > 0) throw new Error(`rows changed on a ${response.statusCode} (${changed.join('; ')}): ${what}`);
}

/** The documented 4xx bodies of an operation; those of the whole document if it documents none. */
function errorShapesOf(operation: ApiOperation, all: readonly ApiOperation[]): JsonSchema[] {
  const own = operation.errorSchemas.length > 0 ? operation.errorSchemas : all.flatMap((o) => o.errorSchemas);
  const unique = new Map(own.map((schema) => [JSON.stringify(schema), schema]));
  return [...unique.values()];
}

/**
 * Sends `hostileClass` cases to every operation of the document with fast-check (seeded; a
 * failure names the seed to replay with): valid-looking requests from each operation's schemas,
 * spoiled the class's way. Fails on any 5xx, on an answer slower than the timeout, on a 4xx whose
 * body is not an error shape the document declares, and on a 4xx after which any table's row
 * count differs.
 */
export async function fuzzOpenApi(options: OpenApiFuzzOptions, hostileClass: HostileClass): Promise<FuzzReport> {
  const operations = listOperations(options.document);
  const spec = hostileClasses[hostileClass];
  const statuses: Record<number, number> = {};
  const notApplicable: string[] = [];
  let cases = 0;
  let counts = await options.rowCounts();
  for (const [index, operation] of operations.entries()) {
    const name = `${operation.method} ${operation.path}`;
    const targets = operationTargets(operation).filter((t) => spec.accepts?.(t) ?? false);
    if (spec.needsTarget && targets.length === 0) {
      notApplicable.push(name);
      continue;
    }
    const errorShapes = errorShapesOf(operation, operations);
    const property = fc.asyncProperty(
      draftArbitrary(operation, { ...(options.hints ? { hints: options.hints } : {}) }),
      fc.nat({ max: Math.max(0, targets.length - 1) }),
      fc.nat({ max: spec.variants - 1 }),
      authArbitrary(options),
      async (draft, targetIndex, variant, auth) => {
        const headers = authHeaders(auth, options.keys ?? {});
        const request = spec.build({ operation, draft, headers, hugeBodyBytes: options.hugeBodyBytes }, variant, targets[targetIndex]);
        const response = await withTimeout(options.inject(request), options.requestTimeoutMs ?? 5_000, describeRequest(request));
        const before = counts;
        counts = await options.rowCounts();
        cases += 1;
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
        checkAnswer(request, response, errorShapes, (code) => {
          const allowed = typeof code === 'string' ? options.recordsOnPurpose?.[code] : undefined;
          return rowCountChanges(before, counts, allowed);
        });
      },
    );
    try {
      // Each operation its own stream of the one seed, so they do not all draw the same auth and targets.
      await fc.assert(property, { seed: options.seed + index, numRuns: options.runs ?? 8, includeErrorInReport: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${hostileClass} × ${name} (replay: CICLO_FUZZ_SEED=${options.seed})\n${message}`, { cause: error });
    }
  }
  return { operations: operations.length, cases, notApplicable, statuses };
}
