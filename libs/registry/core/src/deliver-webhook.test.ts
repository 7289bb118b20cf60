import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from './deliver-webhook';
import { WebhookHeaders, signWebhookBody, verifyWebhookSignature } from './webhook-signature';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

describe('deliverWebhook', () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let statuses: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.statusCode = statuses.shift() ?? 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const event = { id: '0192f0c4-aaaa-7bbb-8ccc-000000000001', type: 'model.alias.changed', occurredAt: new Date().toISOString(), payload: { model: 'intent' } };
  const secret = 'a-long-enough-webhook-secret';

  it('signs the body so the receiver can verify it, and retries a 500 with backoff', async () => {
    received.length = 0;
    statuses = [500, 503];
    const sleeps: number[] = [];
    const result = await deliverWebhook(event, { url, secret }, { backoffMs: 10, sleep: async (ms) => void sleeps.push(ms) });
    expect(result).toEqual({ ok: true, status: 204, attempts: 3, error: null });
    expect(sleeps).toEqual([10, 20]);
    expect(received).toHaveLength(3);
    const last = received[2];
    if (!last) throw new Error('no third request');
    expect(JSON.parse(last.body)).toEqual(event);
    expect(last.headers[WebhookHeaders.delivery]).toBe(event.id);
    expect(last.headers[WebhookHeaders.event]).toBe('model.alias.changed');
    const signature = last.headers[WebhookHeaders.signature] as string;
    const timestamp = last.headers[WebhookHeaders.timestamp] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, body: last.body, signature, timestamp })).toBe(true);
    expect(verifyWebhookSignature({ secret: 'another-secret-entirely', body: last.body, signature, timestamp })).toBe(false);
    expect(verifyWebhookSignature({ secret, body: last.body.replace('intent', 'sentiment'), signature, timestamp })).toBe(false);
  });

  it('does not retry a 4xx, and gives up after the last attempt on errors', async () => {
    received.length = 0;
    statuses = [410];
    expect(await deliverWebhook(event, { url, secret }, { sleep: async () => undefined })).toMatchObject({ ok: false, status: 410, attempts: 1 });
    statuses = [500, 500, 500];
    expect(await deliverWebhook(event, { url, secret }, { attempts: 3, sleep: async () => undefined })).toMatchObject({ ok: false, status: 500, attempts: 3 });
    const refused = await deliverWebhook(event, { url: 'http://127.0.0.1:9/x', secret }, { attempts: 2, sleep: async () => undefined });
    expect(refused).toMatchObject({ ok: false, status: null, attempts: 2 });
  });

  it('refuses replays outside the time window', () => {
    const body = '{}';
    const old = Math.floor(Date.now() / 1000) - 3600;
    expect(verifyWebhookSignature({ secret, body, signature: signWebhookBody(secret, old, body), timestamp: String(old) })).toBe(false);
  });
});
