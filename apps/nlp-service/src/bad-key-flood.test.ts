import { tinyModel } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServingFixture, type RunningNlpService, type ServingFixture } from './test-support/serving-fixture';

/** The hot-swap bound the nlp-service keeps under load (hot-swap.test.ts). */
const SWITCH_WITHIN_MS = 2_000;

/**
 * Issue #10, item 1: a client sending bad keys to the registry from the nlp-service's own
 * address (here every process is on 127.0.0.1) must not hold hot swap back. Before the fix the
 * registry answered the nlp-service's valid key 429 and a replica stayed on the old version.
 */
describe('promotion under a bad-key flood on the registry', () => {
  let fixture: ServingFixture;
  let nlp: RunningNlpService | undefined;

  beforeAll(async () => {
    fixture = await createServingFixture();
    await fixture.createModel('intent');
    for (const seed of [1, 2]) await fixture.registerVersion('intent', await tinyModel(seed));
    await fixture.promote('intent', 1);
  }, 120_000);

  afterAll(async () => {
    await nlp?.stop();
    await fixture?.close();
  });

  it('reaches the nlp-service within its usual delay while bad keys from the same address get 429', async () => {
    // Swaps come from the alias event, as in production; the reconcile loop is out of the way.
    nlp = await fixture.startNlp({ NLP_RECONCILE_INTERVAL_MS: '600000' });
    const service = nlp.service;
    expect(service.repository.served('intent').version).toBe(1);

    const badRequest = (i: number) =>
      fetch(`${fixture.registryUrl}/v1/models/intent`, { headers: { authorization: `Bearer ciclo_AAAAAAAA_${String(i).padStart(40, 'B')}` } });
    // Spend the address's failure budget first, then keep the flood going through the promotion.
    const first: number[] = [];
    for (let i = 0; i < 20; i++) first.push((await badRequest(i)).status);
    expect(first.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    let flooding = true;
    const statuses: number[] = [];
    const flood = (async () => {
      for (let i = 20; flooding; i++) statuses.push((await badRequest(i)).status);
    })();

    try {
      const promotedAt = performance.now();
      await fixture.promote('intent', 2, 'promoted under a bad-key flood');
      await expect.poll(() => service.repository.served('intent').version, { timeout: 10_000, interval: 20 }).toBe(2);
      expect(performance.now() - promotedAt).toBeLessThan(SWITCH_WITHIN_MS);
    } finally {
      flooding = false;
      await flood;
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([429]));
  });
});
