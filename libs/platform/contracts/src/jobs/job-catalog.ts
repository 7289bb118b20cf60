import { EventEnvelope } from '../events/event-definition';
import { defineJobCatalog } from './job-definition';
import { DiagnosticsPingV1 } from './diagnostics-ping';
import { QueueNames } from './queue-names';
import { RegistryMaintenanceV1 } from './registry-maintenance';

/** Every job the platform runs. Later features add their entries here. */
export const jobCatalog = defineJobCatalog({
  'diagnostics.ping': {
    queue: QueueNames.diagnostics,
    schema: DiagnosticsPingV1,
    attempts: 3,
    backoff: { type: 'exponential', delay: 500 },
    description: 'Queue round trip used by health checks and `ciclo status`.',
  },
  'webhooks.deliver': {
    queue: QueueNames.webhooks,
    schema: EventEnvelope,
    attempts: 8,
    backoff: { type: 'exponential', delay: 5_000 },
    description: "Deliver an outbox event to the subscribed model's webhooks (HMAC-signed; receivers dedupe by event id).",
  },
  'sentiment.monitor': {
    queue: QueueNames.sentimentMonitor,
    schema: EventEnvelope,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    description: 'Score a `chat.message.received` user message and request a handoff when the sentiment rule fires.',
  },
  'registry.maintenance': {
    queue: QueueNames.registryMaintenance,
    schema: RegistryMaintenanceV1,
    attempts: 3,
    backoff: { type: 'exponential', delay: 30_000 },
    description: 'Model registry upkeep: delete artifact blobs no version references (past a grace period) and expired Idempotency-Key records.',
  },
});
export type PlatformJobCatalog = typeof jobCatalog;
