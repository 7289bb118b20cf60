// nlp-service: ONNX Runtime serving (Open Inference Protocol v2), hot swap and the sentiment monitor.
// Composition root: parse config once, build the service from libs, listen.
import { loadConfigOrExit } from '@ciclo/config';
import { runService } from '@ciclo/runtime';
import { loadConfig } from './config';

const env = loadConfigOrExit(() => loadConfig(process.env));
await runService({ name: 'nlp-service', env });
