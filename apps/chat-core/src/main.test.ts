import { fileURLToPath } from 'node:url';
import { defineBootConfigContract } from '@ciclo/platform-testing';
import { describe } from 'vitest';

describe('chat-core boot', () => {
  defineBootConfigContract('chat-core', fileURLToPath(new URL('./main.ts', import.meta.url)));
});
