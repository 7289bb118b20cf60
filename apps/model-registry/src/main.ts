// model-registry: model versions, artifacts, aliases, approvals and audit.
// Composition root: parse config once, build the service from libs, listen.
import { loadConfigOrExit } from '@ciclo/platform-config';
import { runService } from '@ciclo/platform-runtime';
import { createArtifactStore } from './artifact-store';
import { loadConfig } from './config';
import { configureRegistryApp } from './registry-app';
import { startWebhookWorker } from './webhook-worker';

const config = loadConfigOrExit(() => loadConfig(process.env));
await runService({
  name: 'model-registry',
  env: config,
  outboxRelay: config.OUTBOX_RELAY_ENABLED,
  configure: async (context) => {
    await configureRegistryApp(context, { artifacts: createArtifactStore(config), maxArtifactBytes: config.CICLO_MAX_ARTIFACT_BYTES });
    await startWebhookWorker(context);
  },
});
