import { defineEventCatalog } from './event-definition';
import { ModelAliasChangedV1 } from './model-alias-changed';

/**
 * Every event the platform publishes through the outbox. Later features add their events (and
 * the jobs that consume them) here.
 */
export const eventCatalog = defineEventCatalog({
  'model.alias.changed': {
    schema: ModelAliasChangedV1,
    description: 'A model alias moved; serving replicas reload (and also reconcile periodically).',
    deliverTo: ['webhooks.deliver'],
    broadcast: true,
  },
});
export type PlatformEventCatalog = typeof eventCatalog;
