import { fileURLToPath } from 'node:url';
import { defineBootConfigContract } from '@ciclo/platform-testing';
import { describe } from 'vitest';

describe('model-registry boot', () => {
  defineBootConfigContract('model-registry', fileURLToPath(new URL('./main.ts', import.meta.url)));
});
