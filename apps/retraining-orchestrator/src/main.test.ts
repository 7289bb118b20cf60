import { fileURLToPath } from 'node:url';
import { defineBootConfigContract } from '@ciclo/platform-testing';
import { describe } from 'vitest';

describe('retraining-orchestrator boot', () => {
  defineBootConfigContract('retraining-orchestrator', fileURLToPath(new URL('./main.ts', import.meta.url)));
});
