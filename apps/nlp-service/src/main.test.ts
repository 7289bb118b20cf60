import { fileURLToPath } from 'node:url';
import { defineBootConfigContract } from '@ciclo/platform-testing';
import { describe } from 'vitest';

describe('nlp-service boot', () => {
  defineBootConfigContract('nlp-service', fileURLToPath(new URL('./main.ts', import.meta.url)));
});
