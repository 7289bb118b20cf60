// nlp-service: ONNX Runtime serving (Open Inference Protocol v2), hot swap and the sentiment monitor.
// Composition root: parse config once, build the service from libs, listen.
import { loadConfigOrExit } from '@ciclo/platform-config';
import { runService } from '@ciclo/platform-runtime';
import { loadConfig } from './config';
import { configureNlpService, type NlpService } from './nlp-app';

const config = loadConfigOrExit(() => loadConfig(process.env));
let service: NlpService | undefined;
await runService({
  name: 'nlp-service',
  env: config,
  bodyLimitBytes: config.NLP_BODY_LIMIT_BYTES,
  outboxRelay: config.OUTBOX_RELAY_ENABLED,
  readinessChecks: {
    models: async () => {
      const readiness = service?.repository.readiness() ?? { ready: false, reason: 'starting' };
      if (!readiness.ready) throw new Error(readiness.reason ?? 'models not loaded');
    },
  },
  configure: async (context) => {
    service = await configureNlpService(context, config);
  },
});
