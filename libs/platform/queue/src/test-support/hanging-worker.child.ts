// Child process for the "worker killed mid-job" contract test: starts a worker whose handler
// announces the job on stdout and then never finishes, so the parent can SIGKILL it mid-job.
// Short lock/stalled settings: the lock this process takes is what the next worker waits out.
import { createQueueClient } from '../queue-client';
import type { QueueBackendConfig } from '../queue-backend-config';
import { testCatalog } from './test-catalog';

const config = JSON.parse(process.argv[2] ?? '') as QueueBackendConfig;
const client = createQueueClient(testCatalog, config);
await client.createWorker(
  'stall',
  {
    'test.hang': async (_payload, ctx) => {
      process.stdout.write(`started ${ctx.jobId} ${ctx.attempt}\n`);
      await new Promise(() => undefined);
    },
  },
  { lockDurationMs: 2_000, stalledIntervalMs: 2_000 },
);
process.stdout.write('ready\n');
