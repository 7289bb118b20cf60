import { describe, expect, it } from 'vitest';
import { AppError, DiagnosticsPingV1, jobCatalog, NotFoundError, QueueNames, RuntimeInfoV1 } from './index';

describe('job catalog', () => {
  it('puts every job on a known queue with at least one attempt and a positive backoff', () => {
    const queues = new Set<string>(Object.values(QueueNames));
    for (const [name, job] of Object.entries(jobCatalog)) {
      expect(queues.has(job.queue), `${name} on unknown queue ${job.queue}`).toBe(true);
      expect(job.attempts).toBeGreaterThanOrEqual(1);
      expect(job.backoff.delay).toBeGreaterThan(0);
      expect(name).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
    }
  });

  it('validates diagnostics.ping payloads', () => {
    expect(DiagnosticsPingV1.safeParse({ nonce: 'n', requestedBy: 'cli', sentAt: new Date().toISOString() }).success).toBe(true);
    const bad = DiagnosticsPingV1.safeParse({ nonce: '', requestedBy: 'cli', sentAt: 'yesterday' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['nonce', 'sentAt']);
  });
});

describe('AppError', () => {
  it('keeps code, status, details and cause, and stays an instance of its class', () => {
    const cause = new Error('root');
    const error = new AppError('CICLO_ERR_X_Y', 'fix it', 422, { cause, details: { field: 'a' } });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'CICLO_ERR_X_Y', statusCode: 422, details: { field: 'a' }, cause });
    const missing = new NotFoundError('CICLO_ERR_MODEL_NOT_FOUND', 'no model "x"');
    expect(missing).toBeInstanceOf(AppError);
    expect(missing.statusCode).toBe(404);
  });
});

describe('RuntimeInfoV1', () => {
  it('accepts both queue backends and rejects an unknown one', () => {
    const base = {
      version: 1,
      pid: 1,
      status: 'running',
      startedAt: new Date().toISOString(),
      landingUrl: 'http://127.0.0.1:8080',
      databaseUrl: 'postgresql://x@h/db',
      databaseSource: 'embedded',
      apps: [{ name: 'chat-core', url: 'http://127.0.0.1:3001' }],
    };
    expect(RuntimeInfoV1.safeParse({ ...base, queue: { kind: 'postgres', schema: 'bullmq' } }).success).toBe(true);
    expect(RuntimeInfoV1.safeParse({ ...base, queue: { kind: 'redis', url: 'redis://h', prefix: 'ciclo' } }).success).toBe(true);
    expect(RuntimeInfoV1.safeParse({ ...base, queue: { kind: 'kafka' } }).success).toBe(false);
  });
});

describe('API key contracts', () => {
  it('trims names, knows the three roles, and never lets a key into a view', async () => {
    const { ApiKeyView, CreateApiKeyBody, CreatedApiKey } = await import('./index');
    expect(CreateApiKeyBody.parse({ name: '  ci ', role: 'data-scientist' })).toEqual({ name: 'ci', role: 'data-scientist' });
    const bad = CreateApiKeyBody.safeParse({ name: ' ', role: 'root' });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['name', 'role']);
    const view = {
      id: '0190aaaa-0000-7000-8000-000000000001',
      name: 'ci',
      prefix: 'ciclo_abcdEFGH',
      role: 'viewer',
      createdBy: null,
      createdAt: new Date().toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    };
    expect(ApiKeyView.parse({ ...view, key: 'ciclo_secret' })).not.toHaveProperty('key');
    expect(CreatedApiKey.parse({ ...view, key: 'ciclo_secret' }).key).toBe('ciclo_secret');
  });
});
