import { mergeConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared.ts';

// Test files run one at a time: the acceptance test starts the whole platform, and sharing two
// cores with other files' processes makes its timings (and everyone's) unpredictable.
export default mergeConfig(projectTestConfig(import.meta.dirname), { test: { fileParallelism: false } });
