// One behavioural contract, run unchanged against both backends. Each test gets a fresh Redis
// prefix or PostgreSQL schema, so tests never see each other's jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidJobPayloadError } from './errors/invalid-job-payload-error';
import { PermanentJobError } from './errors/permanent-job-error';
import { QueueClosedError } from './errors/queue-closed-error';
import { QueueUnavailableError } from './errors/queue-unavailable-error';
import { UnknownJobError } from './errors/unknown-job-error';
import type { QueueJobEvent } from './job-types';
import { createQueueClient, type QueueClient } from './queue-client';
import { isolatedBackend, type BackendKind, type IsolatedBackend } from './test-support/test-backends';
import { looseCatalog, testCatalog, type TestCatalog } from './test-support/test-catalog';

const urls = {
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  postgresUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
};

describe.each<BackendKind>(['redis', 'postgres'])('queue contract on %s', (kind) => {
  let backend: IsolatedBackend;
  let client: QueueClient<TestCatalog>;
  let events: QueueJobEvent[];
  const extraClients: { close(): Promise<void> }[] = [];

  beforeEach(() => {
    backend = isolatedBackend(kind, urls);
    events = [];
    client = createQueueClient(testCatalog, backend.config, { onJobEvent: (e) => events.push(e) });
  });

  afterEach(async () => {
    await Promise.all(extraClients.splice(0).map((c) => c.close()));
    await client.close();
    await backend.cleanup();
  });

  it('enqueues a job and a worker processes it with the typed payload and context', async () => {
    const seen: unknown[] = [];
    await client.createWorker('work', {
      'test.echo': async (payload, ctx) => {
        seen.push({ payload, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts, name: ctx.name });
        await ctx.updateProgress(50);
        await ctx.log('halfway');
        return { doubled: payload.value * 2 };
      },
      'test.flaky': async () => null,
      'test.doomed': async () => null,
      'test.permanent': async () => null,
    });

    const { id } = await client.enqueue('test.echo', { value: 21 });
    const job = await client.waitForJob('work', id, { timeoutMs: 10_000 });

    expect(job).toMatchObject({
      id,
      queue: 'work',
      name: 'test.echo',
      state: 'completed',
      attemptsMade: 1,
      returnValue: { doubled: 42 },
      failedReason: null,
      progress: 50,
      // The schema's default was applied at enqueue time and is what travelled.
      data: { value: 21, label: 'none' },
    });
    expect(seen).toEqual([{ payload: { value: 21, label: 'none' }, attempt: 1, maxAttempts: 3, name: 'test.echo' }]);
    expect(events).toMatchObject([{ queue: 'work', name: 'test.echo', jobId: id, outcome: 'completed', attempt: 1 }]);
    expect(await client.counts('work')).toMatchObject({ waiting: 0, active: 0, completed: 1, failed: 0 });
  });

  it('rejects an invalid payload at enqueue, naming the field, and enqueues nothing', async () => {
    const bad = client.enqueue('test.echo', { value: 'forty-two' as unknown as number });
    await expect(bad).rejects.toBeInstanceOf(InvalidJobPayloadError);
    const err = (await bad.catch((e: unknown) => e)) as InvalidJobPayloadError;
    expect(err.code).toBe('CICLO_ERR_QUEUE_INVALID_PAYLOAD');
    expect(err.issues.map((i) => i.path)).toEqual(['value']);
    expect(err.message).toContain('value');

    // Bulk is all-or-nothing: one bad item keeps the good ones out too.
    await expect(
      client.enqueueBulk([
        { name: 'test.echo', payload: { value: 1 } },
        { name: 'test.flaky', payload: { key: 'k', failTimes: -1 } },
      ]),
    ).rejects.toMatchObject({ code: 'CICLO_ERR_QUEUE_INVALID_PAYLOAD', issues: [{ path: 'failTimes' }] });

    // Names arriving from untyped callers are checked too.
    await expect(client.enqueue('nope' as 'test.echo', { value: 1 })).rejects.toBeInstanceOf(UnknownJobError);
    expect(await client.counts('work')).toMatchObject({ waiting: 0, delayed: 0, prioritized: 0 });
  });

  it('fails a job permanently when the payload is invalid at consume time', async () => {
    // An "older producer" with a looser schema puts a payload the worker's schema refuses.
    const loose = createQueueClient(looseCatalog, backend.config);
    extraClients.push(loose);
    const { id } = await loose.enqueue('test.echo', { value: 'not a number' });

    let calls = 0;
    await client.createWorker('work', {
      'test.echo': async () => {
        calls++;
        return null;
      },
      'test.flaky': async () => null,
      'test.doomed': async () => null,
      'test.permanent': async () => null,
    });
    const job = await client.waitForJob('work', id, { timeoutMs: 10_000 });

    expect(job.state).toBe('failed');
    expect(job.failedReason).toMatch(/Invalid payload for job "test.echo": value/);
    // attempts is 3 in the catalog, but an invalid payload is not worth retrying.
    expect(job.attemptsMade).toBe(1);
    expect(calls).toBe(0);
  });

  it('retries with backoff: fails twice, then succeeds on the third attempt', async () => {
    const attempts: { attempt: number; at: number }[] = [];
    await client.createWorker('work', {
      'test.echo': async () => null,
      'test.flaky': async (payload, ctx) => {
        attempts.push({ attempt: ctx.attempt, at: Date.now() });
        if (ctx.attempt <= payload.failTimes) throw new Error(`transient failure ${ctx.attempt}`);
        return `ok after ${ctx.attempt}`;
      },
      'test.doomed': async () => null,
      'test.permanent': async () => null,
    });

    const { id } = await client.enqueue('test.flaky', { key: 'a', failTimes: 2 });
    const job = await client.waitForJob('work', id, { timeoutMs: 15_000 });

    expect(job).toMatchObject({ state: 'completed', attemptsMade: 3, returnValue: 'ok after 3' });
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    // Exponential backoff from 100 ms: at least 100 ms, then at least 200 ms between attempts.
    const [first, second, third] = attempts.map((a) => a.at);
    expect(Number(second) - Number(first)).toBeGreaterThanOrEqual(90);
    expect(Number(third) - Number(second)).toBeGreaterThanOrEqual(190);
    expect(events.map((e) => e.outcome)).toEqual(['retried', 'retried', 'completed']);
  });

  it('records a permanent failure once attempts are exhausted', async () => {
    let calls = 0;
    await client.createWorker('work', {
      'test.echo': async () => null,
      'test.flaky': async () => null,
      'test.doomed': async () => {
        calls++;
        throw new Error('boom');
      },
      'test.permanent': async () => null,
    });

    const { id } = await client.enqueue('test.doomed', { key: 'd' });
    const job = await client.waitForJob('work', id, { timeoutMs: 10_000 });

    expect(job).toMatchObject({ state: 'failed', failedReason: 'boom', attemptsMade: 2 });
    expect(calls).toBe(2);
    expect(events.map((e) => e.outcome)).toEqual(['retried', 'failed']);
    expect(await client.counts('work')).toMatchObject({ failed: 1, waiting: 0, delayed: 0, active: 0 });
  });

  it('fails at once, without retries, when a handler throws PermanentJobError', async () => {
    let calls = 0;
    await client.createWorker('work', {
      'test.echo': async () => null,
      'test.flaky': async () => null,
      'test.doomed': async () => null,
      'test.permanent': async () => {
        calls++;
        throw new PermanentJobError('order 42 no longer exists');
      },
    });

    const { id } = await client.enqueue('test.permanent', { key: 'p' });
    const job = await client.waitForJob('work', id, { timeoutMs: 10_000 });

    expect(job).toMatchObject({ state: 'failed', failedReason: 'order 42 no longer exists', attemptsMade: 1 });
    expect(calls).toBe(1);
    expect(events).toMatchObject([{ outcome: 'failed', attempt: 1, error: 'order 42 no longer exists' }]);
  });

  it('runs a flow parent only after all its children completed, with their values', async () => {
    const childrenDone: string[] = [];
    let childrenDoneWhenParentStarted = -1;
    let childValues: Record<string, unknown> = {};
    await client.createWorker('flow-parents', {
      'flow.parent': async (payload, ctx) => {
        childrenDoneWhenParentStarted = childrenDone.length;
        childValues = await ctx.getChildrenValues();
        const sum = Object.values(childValues).reduce<number>((a, v) => a + Number(v), 0);
        return { label: payload.label, sum };
      },
    });

    const flow = await client.enqueueFlow({
      name: 'flow.parent',
      payload: { label: 'squares' },
      children: [1, 2, 3].map((n) => ({ name: 'flow.child' as const, payload: { n } })),
    });
    expect(flow).toMatchObject({ queue: 'flow-parents', name: 'flow.parent' });
    expect(flow.children.map((c) => c.queue)).toEqual(['flow-children', 'flow-children', 'flow-children']);

    // No child worker yet: the parent must be parked, not run.
    expect((await client.getJob('flow-parents', flow.id))?.state).toBe('waiting-children');

    await client.createWorker(
      'flow-children',
      {
        'flow.child': async (payload, ctx) => {
          childrenDone.push(ctx.jobId);
          return payload.n * payload.n;
        },
      },
      { concurrency: 3 },
    );

    const parent = await client.waitForJob('flow-parents', flow.id, { timeoutMs: 15_000 });
    expect(parent).toMatchObject({ state: 'completed', returnValue: { label: 'squares', sum: 14 } });
    expect(childrenDoneWhenParentStarted).toBe(3);
    const expected = Object.fromEntries(flow.children.map((c, i) => [c.id, (i + 1) ** 2]));
    expect(childValues).toEqual(expected);
  });

  it('fails a flow parent when a child fails for good', async () => {
    let parentCalls = 0;
    await client.createWorker('flow-parents', {
      'flow.parent': async () => {
        parentCalls++;
        return null;
      },
    });
    await client.createWorker('flow-children', {
      'flow.child': async (payload) => {
        if (payload.n < 0) throw new PermanentJobError('negative input');
        return payload.n;
      },
    });

    const flow = await client.enqueueFlow({
      name: 'flow.parent',
      payload: { label: 'bad' },
      children: [
        { name: 'flow.child', payload: { n: 1 } },
        { name: 'flow.child', payload: { n: -1 } },
      ],
    });
    const parent = await client.waitForJob('flow-parents', flow.id, { timeoutMs: 15_000 });
    expect(parent.state).toBe('failed');
    expect(parentCalls).toBe(0);
  });

  it('adds jobs in bulk across queues, keeps input order, and honours idempotency keys', async () => {
    const ids = await client.enqueueBulk([
      { name: 'test.echo', payload: { value: 1 } },
      { name: 'flow.child', payload: { n: 2 } },
      { name: 'test.echo', payload: { value: 3 }, opts: { jobId: 'echo-three' } },
    ]);
    expect(ids).toHaveLength(3);
    expect(ids[2]).toEqual({ id: 'echo-three' });
    const [echoOne, childTwo] = ids.map((j) => j.id);
    expect((await client.getJob('work', String(echoOne)))?.data).toEqual({ value: 1, label: 'none' });
    expect((await client.getJob('flow-children', String(childTwo)))?.data).toEqual({ n: 2 });

    // Same jobId again: the first job is kept, nothing new is added.
    const again = await client.enqueue('test.echo', { value: 99 }, { jobId: 'echo-three' });
    expect(again.id).toBe('echo-three');
    expect((await client.getJob('work', 'echo-three'))?.data).toEqual({ value: 3, label: 'none' });

    const delayed = await client.enqueue('test.echo', { value: 4 }, { delay: 60_000 });
    expect((await client.getJob('work', delayed.id))?.state).toBe('delayed');
    expect(await client.counts('work')).toMatchObject({ waiting: 2, delayed: 1 });
    expect(await client.getJob('work', 'no-such-job')).toBeNull();
  });

  it('loses no job when a worker is killed mid-job: another worker retries it', async () => {
    const { id } = await client.enqueue('test.hang', { key: 'k' });

    const child = spawnHangingWorker(backend);
    try {
      const started = await readLine(child, /^started (\S+) (\d+)$/, 20_000);
      expect(started[1]).toBe(id);
      expect((await client.getJob('stall', id))?.state).toBe('active');
      child.kill('SIGKILL');
      await once(child, 'exit');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    // The dead worker's lock (2 s) must lapse and a stalled-job check (every 2 s) must see it
    // twice; that protocol is the only waiting here.
    await client.createWorker(
      'stall',
      { 'test.hang': async (_payload, ctx) => ({ recoveredOnAttempt: ctx.attempt }) },
      { lockDurationMs: 2_000, stalledIntervalMs: 2_000 },
    );
    const job = await client.waitForJob('stall', id, { timeoutMs: 30_000 });
    expect(job.state).toBe('completed');
    expect(job.returnValue).toEqual({ recoveredOnAttempt: 1 });
  });

  it('answers ping when the backend is up, and fails with QueueUnavailableError when it is not', async () => {
    await expect(client.ping()).resolves.toBeUndefined();

    const deadConfig =
      kind === 'redis'
        ? { kind, url: 'redis://127.0.0.1:1' }
        : { kind, connectionString: 'postgres://postgres@127.0.0.1:1/test' };
    const dead = createQueueClient(testCatalog, deadConfig, { pingTimeoutMs: 1_500 });
    extraClients.push(dead);
    const started = Date.now();
    const err = await dead.ping().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueueUnavailableError);
    expect(err).toMatchObject({ code: 'CICLO_ERR_QUEUE_UNAVAILABLE', statusCode: 503, backend: kind });
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(dead.enqueue('test.echo', { value: 1 })).rejects.toBeInstanceOf(QueueUnavailableError);
  });

  it('closes idempotently and refuses work afterwards', async () => {
    await client.createWorker('work', {
      'test.echo': async () => null,
      'test.flaky': async () => null,
      'test.doomed': async () => null,
      'test.permanent': async () => null,
    });
    await Promise.all([client.close(), client.close()]);
    await client.close();
    await expect(client.enqueue('test.echo', { value: 1 })).rejects.toBeInstanceOf(QueueClosedError);
  });

  it('waits for active jobs when a worker closes', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const worker = await client.createWorker('work', {
      'test.echo': async () => {
        await gate;
        return 'finished';
      },
      'test.flaky': async () => null,
      'test.doomed': async () => null,
      'test.permanent': async () => null,
    });
    const { id } = await client.enqueue('test.echo', { value: 1 });
    await vi.waitFor(async () => expect((await client.getJob('work', id))?.state).toBe('active'), { timeout: 10_000 });
    let closed = false;
    const closing = worker.close().then(() => (closed = true));
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    release();
    await closing;
    expect((await client.getJob('work', id))?.state).toBe('completed');
  });
});

function spawnHangingWorker(backend: IsolatedBackend): ChildProcess {
  const script = fileURLToPath(new URL('./test-support/hanging-worker.child.ts', import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(backend.config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves with the first stdout line of `child` that matches `pattern`. */
function readLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`child printed no line matching ${pattern}`)), timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      for (const line of buffer.split('\n')) {
        const match = line.trim().match(pattern);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with ${code} before printing ${pattern}`));
    });
  });
}
