import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { HttpApp } from './create-http-app';

export interface OpenApiOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

interface OperationSummary {
  readonly summary?: string;
  readonly security?: readonly Record<string, unknown>[];
}

/**
 * OpenAPI 3 for every zod route of `app`: the document at `/docs/openapi.json` and a small page
 * at `/docs` listing the operations (no swagger-ui bundle). Both are public: they describe the API,
 * they hold no data. Await it before registering the routes it must describe.
 */
export async function registerOpenApi(app: HttpApp, options: OpenApiOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: options.title, version: options.version, ...(options.description ? { description: options.description } : {}) },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer <key> (or X-Api-Key: <key>)' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  app.get('/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/docs', { schema: { hide: true } }, async (_request, reply) => {
    const document = app.swagger() as { paths?: Record<string, Record<string, OperationSummary>> };
    const rows = Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => {
        const secured = (operation.security?.length ?? 0) > 0 ? 'API key' : 'public';
        return `<tr><td><code>${escapeHtml(method.toUpperCase())}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(operation.summary ?? '')}</td><td>${secured}</td></tr>`;
      }),
    );
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)} — API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body>
<h1>${escapeHtml(options.title)} <small>${escapeHtml(options.version)}</small></h1>
<p>The full OpenAPI 3 document: <a href="/docs/openapi.json">/docs/openapi.json</a> (load it in any OpenAPI viewer).</p>
<table><thead><tr><th>method</th><th>path</th><th>summary</th><th>auth</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
