// retraining-orchestrator: BullMQ workers and flows of the learning loop (snapshot → train →
// evaluate → register → gate → promote). Composition root: parse config, wire libs, listen.
import { loadConfigOrExit } from '@ciclo/platform-config';
import { runService } from '@ciclo/platform-runtime';
import { loadConfig } from './config';
import { startDiagnosticsWorker } from './diagnostics-worker';

const env = loadConfigOrExit(() => loadConfig(process.env));
await runService({
  name: 'retraining-orchestrator',
  env,
  configure: (context) => startDiagnosticsWorker(context, env.DIAGNOSTICS_CONCURRENCY),
});
