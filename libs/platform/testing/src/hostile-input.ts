import { gzipSync } from 'node:zlib';
import { jsonWithRaw, RawJson, RawUrlText, toHttpRequest, withValueAt, type HttpRequest, type RequestDraft, type Target } from './fuzz-request';
import { schemaTypes } from './json-schema';
import type { ApiOperation } from './open-api-operations';

/** The kinds of input an API meets from attackers and unlucky clients (issue #10), plus `valid` as a baseline. */
export const HOSTILE_CLASSES = [
  'valid',
  'nul-byte',
  'lone-surrogate',
  'out-of-range-number',
  'out-of-range-date',
  'deep-json',
  'huge-body',
  'wrong-content-type',
  'path-traversal',
] as const;
export type HostileClass = (typeof HOSTILE_CLASSES)[number];

export interface HostileContext {
  readonly operation: ApiOperation;
  /** A valid-looking request to spoil. */
  readonly draft: RequestDraft;
  /** Auth headers of this case. */
  readonly headers: Readonly<Record<string, string>>;
  /** A body at least this large is over every route's limit. */
  readonly hugeBodyBytes: number;
}

export interface HostileClassSpec {
  /** The places this class puts its values (none: it spoils the whole request). */
  readonly accepts?: (target: Target) => boolean;
  /** Whether a route without a place it accepts has nothing to try (else it gets whole-request variants). */
  readonly needsTarget?: boolean;
  /** How many distinct variants {@link build} knows. */
  readonly variants: number;
  /** Case number `variant` (modulo {@link variants}) at `target` (one `accepts` took, if it takes any). */
  build(context: HostileContext, variant: number, target: Target | undefined): HttpRequest;
}

const inUrl = (target: Target) => target.place === 'path' || target.place === 'query';
const typed = (target: Target, ...types: string[]) => schemaTypes(target.schema).some((t) => types.includes(t)) || schemaTypes(target.schema).length === 0;
const textual = (target: Target) => inUrl(target) || target.place === 'body-key' || typed(target, 'string');
const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

/** A class that puts one of its values at a target: URL places take `url`, the body `body`. */
function valueClass(accepts: (target: Target) => boolean, url: readonly unknown[], body: readonly unknown[]): HostileClassSpec {
  return {
    accepts,
    needsTarget: true,
    variants: Math.max(url.length, body.length),
    build: ({ operation, draft, headers }, variant, target) => {
      if (!target) return toHttpRequest(operation, draft, headers);
      const values = inUrl(target) ? url : target.place === 'body-key' ? body.filter((v) => typeof v === 'string') : body;
      return toHttpRequest(operation, withValueAt(draft, target, pick(values, variant)), headers);
    },
  };
}

const NUL = ['a\u0000b', '\u0000', 'name\u0000.onnx'];
const LONE_SURROGATES = ['\ud800', 'x\udc00y', '\udbff\udbff', 'ok\ud83d'];

/** Integers past 32 bits, past 2^53 and past 64 bits, negatives, fractions, and numbers JSON numbers cannot hold. */
const NUMBERS_IN_URL = ['2147483648', '9007199254740992', '9223372036854775808', '-9223372036854775809', '99999999999999999999999999999', '-1', '0', '1.5', '1e309', '-1e309', 'NaN', 'Infinity', '0x10', ' 1'];
const NUMBERS_IN_BODY = [
  2 ** 31,
  2 ** 53,
  -(2 ** 31) - 1,
  -1,
  0,
  1.5,
  '2147483648',
  new RawJson('1e309'),
  new RawJson('-1e309'),
  new RawJson('99999999999999999999999999999'),
  new RawJson('9223372036854775808'),
  new RawJson('1e-400'),
];

/** Dates before year 1, past year 9999, past what `Date` holds, and ones that do not exist. */
const DATES = [
  '0000-01-01T00:00:00Z',
  '99999-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-000001-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2023-02-29T00:00:00Z',
  '9999-12-31T23:59:60Z',
  '2024-01-01T00:00:00+99:99',
];

const LONG_NAME = 'a'.repeat(8192);
const TRAVERSAL_IN_URL = ['..%2f..%2fetc%2fpasswd', '%ff', '..', '%2e%2e%2f%2e%2e%2fetc', '..%5c..%5cwindows', '%', '%00', '%C0%AF', '..%252f', LONG_NAME].map((t) => new RawUrlText(t));
const TRAVERSAL_IN_BODY = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'file:///etc/passwd', LONG_NAME, '%ff'];

/** `depth` nested arrays or objects as JSON text (JSON.stringify itself would overflow the stack). */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const DEEP = [nestedArrays(5_000), nestedObjects(5_000), nestedArrays(100_000)];

/** The JSON a body-spoiling case starts from: the draft's body, or an object when the route takes none. */
const bodyText = (draft: RequestDraft) => jsonWithRaw(draft.body ?? { probe: 'x' });

const withBody = (context: HostileContext, payload: string | Buffer, headers: Record<string, string>): HttpRequest => {
  const { url, method, headers: documented } = toHttpRequest(context.operation, { ...context.draft, body: undefined }, context.headers);
  return { method, url, headers: { ...documented, ...headers }, payload };
};

/** Bodies the platform must not read as plain JSON: other types, other charsets, content codings that are not there. */
const WRONG_CONTENT_TYPES: readonly ((draft: RequestDraft) => [payload: string | Buffer, headers: Record<string, string>])[] = [
  (d) => [bodyText(d), { 'content-type': 'text/plain' }],
  (d) => [Buffer.from(bodyText(d), 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }],
  (d) => [bodyText(d), { 'content-type': 'application/json; charset=utf-16' }],
  (d) => [bodyText(d), { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  (d) => [gzipSync(bodyText(d)), { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  (d) => [bodyText(d), { 'content-type': 'application/json', 'content-encoding': 'br, identity' }],
  (d) => [bodyText(d), { 'content-type': 'application/json; charset="latin1"' }],
  () => ['a=b&c=d', { 'content-type': 'application/x-www-form-urlencoded' }],
  (d) => [bodyText(d), { 'content-type': 'multipart/form-data' }],
  (d) => [bodyText(d).slice(0, -1), { 'content-type': 'application/json' }],
  () => ['', { 'content-type': 'application/json' }],
  () => [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), { 'content-type': 'application/json' }],
];

const deepJson: HostileClassSpec = {
  accepts: (target) => target.place === 'body',
  variants: DEEP.length * 2,
  build: (context, variant, target) => {
    const deep = pick(DEEP, variant);
    // Even variants nest inside the body (a field), odd ones make the whole body deep.
    if (variant % 2 === 0 && target && target.at.length > 0) return toHttpRequest(context.operation, withValueAt(context.draft, target, new RawJson(deep)), context.headers);
    return withBody(context, deep, { 'content-type': 'application/json' });
  },
};

const hugeBody: HostileClassSpec = {
  accepts: (target) => target.place === 'body' && typed(target, 'string'),
  variants: 3,
  build: (context, variant, target) => {
    const huge = 'a'.repeat(context.hugeBodyBytes);
    if (variant === 0 && target && target.at.length > 0) return toHttpRequest(context.operation, withValueAt(context.draft, target, huge), context.headers);
    if (variant === 1) return withBody(context, `[${'1,'.repeat(Math.ceil(context.hugeBodyBytes / 2))}1]`, { 'content-type': 'application/json' });
    return withBody(context, JSON.stringify({ probe: huge }), { 'content-type': 'application/json' });
  },
};

/** What each class does to a valid-looking request. */
export const hostileClasses: Readonly<Record<HostileClass, HostileClassSpec>> = {
  valid: { variants: 1, build: ({ operation, draft, headers }) => toHttpRequest(operation, draft, headers) },
  'nul-byte': valueClass(textual, NUL, [...NUL, new RawJson('"a\\u0000b"')]),
  'lone-surrogate': valueClass(textual, LONE_SURROGATES, [...LONE_SURROGATES, new RawJson('"\\udfff"')]),
  'out-of-range-number': valueClass((t) => inUrl(t) || (t.place === 'body' && typed(t, 'integer', 'number')), NUMBERS_IN_URL, NUMBERS_IN_BODY),
  'out-of-range-date': valueClass((t) => t.schema.format === 'date-time' || (inUrl(t) && typed(t, 'string')), DATES, DATES),
  'deep-json': deepJson,
  'huge-body': hugeBody,
  'wrong-content-type': {
    variants: WRONG_CONTENT_TYPES.length,
    build: (context, variant) => withBody(context, ...pick(WRONG_CONTENT_TYPES, variant)(context.draft)),
  },
  'path-traversal': valueClass(textual, TRAVERSAL_IN_URL, TRAVERSAL_IN_BODY),
};
