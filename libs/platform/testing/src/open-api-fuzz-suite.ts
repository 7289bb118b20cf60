import { expect, it } from 'vitest';
import { HOSTILE_CLASSES } from './hostile-input';
import { fuzzOpenApi, type OpenApiFuzzOptions } from './open-api-fuzz';
import { listOperations } from './open-api-operations';

export interface OpenApiFuzzSuiteOptions {
  /** Tables that must be among those counted (the outbox, say): proof the catalog query sees the schema. */
  readonly expectTables: readonly string[];
  /** Fewest operations the served document must list (a document that lost its routes fails). */
  readonly minOperations: number;
  /** Time limit of each hostile class's test (default 60 s). */
  readonly timeoutMs?: number;
}

/**
 * The OpenAPI fuzz of one app (issue #10), as tests: one per hostile class, each over every
 * operation of the served document, plus one that the document and the row counts cover what
 * they should. `fuzzOptions` is read when the tests run, so a `beforeAll` can build the app.
 */
export function defineOpenApiFuzz(appName: string, fuzzOptions: () => OpenApiFuzzOptions, suite: OpenApiFuzzSuiteOptions): void {
  it(`${appName}: the served document lists its operations, and every table is counted`, async () => {
    const options = fuzzOptions();
    expect(listOperations(options.document).length).toBeGreaterThanOrEqual(suite.minOperations);
    expect(Object.keys(await options.rowCounts())).toEqual(expect.arrayContaining([...suite.expectTables]));
  });

  it.each(HOSTILE_CLASSES)(
    `${appName} %s: no 5xx, no hang, documented 4xx bodies, no rows written on a 4xx`,
    async (hostileClass) => {
      const report = await fuzzOpenApi(fuzzOptions(), hostileClass);
      const skipped = report.notApplicable.length > 0 ? `; nothing to spoil in ${report.notApplicable.length}` : '';
      console.info(`${appName} ${hostileClass}: ${report.cases} cases over ${report.operations} operations, statuses ${JSON.stringify(report.statuses)}${skipped}`);
      expect(report.cases).toBeGreaterThan(0);
      // Valid-looking requests must reach the handlers, not only bounce off validation.
      if (hostileClass === 'valid') expect(Object.keys(report.statuses).some((status) => Number(status) < 300)).toBe(true);
    },
    suite.timeoutMs ?? 60_000,
  );
}
