// feedback-collector: explicit and implicit feedback, annotation inbox and retraining triggers.
// Composition root: parse config once, build the service from libs, listen.
import { loadConfigOrExit } from '@ciclo/platform-config';
import { runService } from '@ciclo/platform-runtime';
import { loadConfig } from './config';

const env = loadConfigOrExit(() => loadConfig(process.env));
await runService({ name: 'feedback-collector', env });
