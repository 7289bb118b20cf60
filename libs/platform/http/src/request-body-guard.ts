import type { FastifyReply, FastifyRequest, preParsingHookHandler } from 'fastify';
import { UnsupportedCharsetError } from './unsupported-charset-error';
import { UnsupportedContentEncodingError } from './unsupported-content-encoding-error';

const UTF8 = new Set(['utf-8', 'utf8']);
const MAX_ECHOED = 64;

/** Whether the request carries a body (the same test Fastify applies before parsing one). */
function hasBody(request: FastifyRequest): boolean {
  const { 'content-length': length, 'transfer-encoding': transferEncoding } = request.headers;
  return transferEncoding !== undefined || (length !== undefined && length !== '0');
}

/** Every content coding that is not `identity` (`Content-Encoding` may list several). */
function contentCodings(request: FastifyRequest): string[] {
  const header = request.headers['content-encoding'];
  if (header === undefined) return [];
  return header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/** The `charset` parameter of `Content-Type`, lower-cased and unquoted, if there is one. */
function charsetOf(request: FastifyRequest): string | undefined {
  const header = request.headers['content-type'];
  if (header === undefined) return undefined;
  for (const parameter of header.split(';').slice(1)) {
    const [name, ...value] = parameter.split('=');
    if (name?.trim().toLowerCase() === 'charset') return value.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return undefined;
}

/**
 * Rejects, before parsing, bodies the platform would otherwise misread: Fastify ignores
 * `Content-Encoding` (a gzip body is read as raw bytes, a plain body labelled gzip is accepted as
 * is) and reads every body as UTF-8 whatever `charset` says. Decoding them instead would mean a
 * decompressing stream under the body limit and a transcoder per charset, for a feature no client
 * of these APIs needs; a 415 naming the problem is the honest answer (RFC 7694: with
 * `Accept-Encoding: identity`).
 */
export const rejectUndecodableBodies: preParsingHookHandler = (request: FastifyRequest, reply: FastifyReply, payload, done) => {
  if (!hasBody(request)) {
    done(null, payload);
    return;
  }
  const [coding] = contentCodings(request);
  if (coding !== undefined) {
    reply.header('accept-encoding', 'identity');
    done(new UnsupportedContentEncodingError(coding.slice(0, MAX_ECHOED)));
    return;
  }
  const charset = charsetOf(request);
  if (charset !== undefined && !UTF8.has(charset)) {
    done(new UnsupportedCharsetError(charset.slice(0, MAX_ECHOED)));
    return;
  }
  done(null, payload);
};
