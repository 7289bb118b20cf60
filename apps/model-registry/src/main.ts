// model-registry: model versions, artifacts, aliases, approvals and audit.
// Composition root: parse config once, build the service from libs, listen.
import { loadConfigOrExit } from '@ciclo/platform-config';
import { runService } from '@ciclo/platform-runtime';
import { createArtifactStore } from './artifact-store';
import { loadConfig } from './config';
import { configureRegistryApp } from './registry-app';
import { startRegistryMaintenance } from './registry-maintenance';
import { startWebhookWorker } from './webhook-worker';

const config = loadConfigOrExit(() => loadConfig(process.env));
await runService({
  name: 'model-registry',
  env: config,
  outboxRelay: config.OUTBOX_RELAY_ENABLED,
  configure: async (context) => {
    const artifacts = createArtifactStore(config);
    const { idempotency } = await configureRegistryApp(context, {
      artifacts,
      maxArtifactBytes: config.CICLO_MAX_ARTIFACT_BYTES,
      idempotencyRetentionMs: config.CICLO_IDEMPOTENCY_RETENTION_MS,
    });
    await startWebhookWorker(context);
    const maintenance = await startRegistryMaintenance(context, {
      artifacts,
      idempotency,
      intervalMs: config.CICLO_REGISTRY_MAINTENANCE_INTERVAL_MS,
      gracePeriodMs: config.CICLO_ARTIFACT_GC_GRACE_MS,
    });
    context.shutdown.register('registry maintenance', () => maintenance.stop());
  },
});
