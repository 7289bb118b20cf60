import { createLogger, createMetricsRegistry } from '@ciclo/platform-observability';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp } from './create-http-app';
import { registerOpenApi } from './open-api';

describe('registerOpenApi', () => {
  it('documents zod routes registered after it at /docs/openapi.json and lists them at /docs', async () => {
    const app = createHttpApp({
      app: 'test',
      version: 'test',
      logger: createLogger({ app: 'test', level: 'silent' }),
      metrics: createMetricsRegistry('test'),
      readinessChecks: {},
    });
    await registerOpenApi(app, { title: 'Test <API>', version: '1.2.3' });
    app.post(
      '/v1/things/:id',
      { schema: { summary: 'Make a thing', params: z.object({ id: z.string() }), body: z.object({ size: z.number().int() }), response: { 200: z.object({ ok: z.boolean() }) } } },
      async () => ({ ok: true }),
    );
    try {
      const doc = (await app.inject({ url: '/docs/openapi.json' })).json<{ info: { title: string }; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> }>();
      expect(doc.info.title).toBe('Test <API>');
      expect(Object.keys(doc.paths)).toEqual(['/v1/things/{id}']);
      expect(doc.paths['/v1/things/{id}']?.['post']?.requestBody?.content['application/json']?.schema).toMatchObject({ properties: { size: { type: 'integer' } } });
      const page = await app.inject({ url: '/docs' });
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Test &lt;API&gt;');
      expect(page.body).toContain('<code>/v1/things/{id}</code></td><td>Make a thing</td><td>public</td>');
    } finally {
      await app.close();
    }
  });
});
