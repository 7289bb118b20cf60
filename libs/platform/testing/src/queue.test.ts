import { createQueueClient } from '@ciclo/platform-queue';
import { jobCatalog } from '@ciclo/platform-contracts';
import { describe, expect, it } from 'vitest';
import { testQueueBackends } from './queue';

describe('testQueueBackends', () => {
  it.each(testQueueBackends())('gives $kind a working, isolated namespace that cleanup removes', async (backend) => {
    const client = createQueueClient(jobCatalog, backend.config);
    try {
      await client.enqueue('diagnostics.ping', { nonce: 'n1', requestedBy: 'test', sentAt: new Date().toISOString() });
      expect((await client.counts('diagnostics')).waiting).toBe(1);
    } finally {
      await client.close();
    }
    await backend.cleanup();
    const after = createQueueClient(jobCatalog, backend.config);
    try {
      expect((await after.counts('diagnostics')).waiting).toBe(0);
    } finally {
      await after.close();
      await backend.cleanup();
    }
  });

  it('hands out a different namespace on every call', () => {
    const [a] = testQueueBackends();
    const [b] = testQueueBackends();
    expect(a?.config).not.toEqual(b?.config);
  });
});
