import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPubSub, type PubSub } from './pub-sub';
import { isolatedBackend, type BackendKind, type IsolatedBackend } from './test-support/test-backends';

const urls = {
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  postgresUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
};

describe.each<BackendKind>(['redis', 'postgres'])('pub/sub on %s', (kind) => {
  let backend: IsolatedBackend;
  let replicaA: PubSub;
  let replicaB: PubSub;

  beforeEach(() => {
    backend = isolatedBackend(kind, urls);
    replicaA = createPubSub(backend.config);
    replicaB = createPubSub(backend.config);
  });

  afterEach(async () => {
    await Promise.all([replicaA.close(), replicaB.close()]);
    await backend.cleanup();
  });

  it('delivers a published message to every subscriber of the channel, and only that channel', async () => {
    const heardByA: unknown[] = [];
    const heardByB: unknown[] = [];
    const otherChannel: unknown[] = [];
    await replicaA.subscribe('model.alias.changed', (m) => void heardByA.push(m));
    const unsubscribeB = await replicaB.subscribe('model.alias.changed', (m) => void heardByB.push(m));
    await replicaB.subscribe('something.else', (m) => void otherChannel.push(m));

    const message = { model: 'intent', alias: 'production', version: 7 };
    await replicaA.publish('model.alias.changed', message);

    await vi.waitFor(
      () => {
        expect(heardByA).not.toHaveLength(0);
        expect(heardByB).not.toHaveLength(0);
      },
      { timeout: 10_000 },
    );
    expect(heardByA).toEqual([message]);
    expect(heardByB).toEqual([message]);

    await unsubscribeB();
    await replicaB.publish('model.alias.changed', { version: 8 });
    await vi.waitFor(() => expect(heardByA).toHaveLength(2), { timeout: 10_000 });
    // B unsubscribed before the second publish, and the other channel heard nothing; A got the
    // second message, which was published after, so these are settled.
    expect(heardByB).toHaveLength(1);
    expect(otherChannel).toEqual([]);
  });

  it('keeps deployments apart: another namespace on the same server hears nothing', async () => {
    const other = isolatedBackend(kind, urls);
    const outsider = createPubSub(other.config);
    try {
      const heardOutside: unknown[] = [];
      const heardInside: unknown[] = [];
      await outsider.subscribe('model.alias.changed', (m) => void heardOutside.push(m));
      await replicaB.subscribe('model.alias.changed', (m) => void heardInside.push(m));
      await replicaA.publish('model.alias.changed', { n: 1 });
      await vi.waitFor(() => expect(heardInside).not.toHaveLength(0), { timeout: 10_000 });
      // Messages reach one subscriber connection in publish order, so once the outsider has the
      // later message {n: 2}, it would already have had {n: 1} had it leaked across.
      await outsider.publish('model.alias.changed', { n: 2 });
      await vi.waitFor(() => expect(heardOutside).not.toHaveLength(0), { timeout: 10_000 });
      expect(heardOutside).toEqual([{ n: 2 }]);
      expect(heardInside).toEqual([{ n: 1 }]);
    } finally {
      await outsider.close();
      await other.cleanup();
    }
  });

  it('refuses to publish after close', async () => {
    await replicaA.close();
    await replicaA.close();
    await expect(replicaA.publish('x', {})).rejects.toMatchObject({ code: 'CICLO_ERR_QUEUE_CLOSED' });
  });
});
