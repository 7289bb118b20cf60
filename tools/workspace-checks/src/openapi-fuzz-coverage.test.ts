import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const apps = fileURLToPath(new URL('../../../apps/', import.meta.url));

/** The production sources of an app (tests and test support left out). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('test-support'));
}

/**
 * Issue #10: the OpenAPI fuzz covers every app that serves a document. An app that starts
 * serving one (chat-core, feedback-collector… as they grow their APIs) fails here until it has
 * its own `src/openapi-fuzz.test.ts` driving `defineOpenApiFuzz` over it.
 */
describe('OpenAPI fuzz coverage', () => {
  const appNames = readdirSync(apps).filter((name) => existsSync(join(apps, name, 'src')));
  const serving = appNames.filter((name) => sources(join(apps, name, 'src')).some((file) => /\bregisterOpenApi\(/.test(readFileSync(file, 'utf8'))));

  it('finds the apps that serve an OpenAPI document', () => {
    expect(serving).toEqual(expect.arrayContaining(['model-registry', 'nlp-service']));
  });

  it.each(serving)('%s has an OpenAPI fuzz test', (name) => {
    const fuzzTest = join(apps, name, 'src', 'openapi-fuzz.test.ts');
    expect(existsSync(fuzzTest), `${fuzzTest} is missing`).toBe(true);
    expect(readFileSync(fuzzTest, 'utf8')).toMatch(/\bdefineOpenApiFuzz\(/);
  });
});
