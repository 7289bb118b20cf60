import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RouteNotFoundError, type FastifyReply, type HttpApp } from '@ciclo/platform-http';

/** Where the hand-written page lives (plain HTML, a few native ES modules, one stylesheet). */
export const UI_DIR = join(import.meta.dirname, '..', 'ui');

/**
 * The only files `/ui/*` serves, with their content types: nothing else on disk is reachable. A new
 * module under `ui/` must be listed here (the browser test checks every `.js` file there is).
 */
const ASSETS: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'format.js': 'text/javascript; charset=utf-8',
  'session.js': 'text/javascript; charset=utf-8',
  'alias-dialog.js': 'text/javascript; charset=utf-8',
  'model-view.js': 'text/javascript; charset=utf-8',
  'version-view.js': 'text/javascript; charset=utf-8',
  'compare-view.js': 'text/javascript; charset=utf-8',
  'heatmap.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/**
 * Same-origin only: no inline script or style, no third-party anything. The page talks to the
 * `/v1` API of the app that served it and nothing else.
 */
export const UI_CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/**
 * `GET /ui`: the registry web page for data scientists. The page itself is public (it holds no
 * data); it asks for an API key and sends it with every `/v1` call, like the CLI does.
 */
export function registerUiRoutes(app: HttpApp, options: { readonly dir?: string } = {}): void {
  const dir = options.dir ?? UI_DIR;
  const cache = new Map<string, Buffer>();
  const load = async (file: string): Promise<Buffer> => {
    const cached = cache.get(file);
    if (cached) return cached;
    const bytes = await readFile(join(dir, file));
    cache.set(file, bytes);
    return bytes;
  };

  const serve = (file: string) => async (_request: unknown, reply: FastifyReply) => {
    const type = ASSETS[file];
    if (!type) throw new RouteNotFoundError('GET', `/ui/${file}`);
    return reply
      .header('content-type', type)
      .header('content-security-policy', UI_CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .send(await load(file));
  };

  app.get('/ui', { schema: { hide: true } }, serve('index.html'));
  app.get('/ui/', { schema: { hide: true } }, serve('index.html'));
  app.get<{ Params: { file: string } }>('/ui/:file', { schema: { hide: true } }, async (request, reply) => {
    const file = request.params.file;
    if (!Object.hasOwn(ASSETS, file)) throw new RouteNotFoundError('GET', request.url);
    return serve(file)(request, reply);
  });
}
