import { fileURLToPath } from 'node:url';
import { defineBootConfigContract } from '@ciclo/platform-testing';
import { describe } from 'vitest';

describe('feedback-collector boot', () => {
  defineBootConfigContract('feedback-collector', fileURLToPath(new URL('./main.ts', import.meta.url)));
});
