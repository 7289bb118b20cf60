import { defineEventCatalog } from './event-definition';
import { ChatMessageReceivedV1 } from './chat-message-received';
import { HandoffRequestedV1 } from './handoff-requested';
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
  'chat.message.received': {
    schema: ChatMessageReceivedV1,
    description: 'A message was added to a conversation; the sentiment monitor scores user messages.',
    deliverTo: ['sentiment.monitor'],
    broadcast: false,
  },
  'handoff.requested': {
    schema: HandoffRequestedV1,
    description: 'A human agent should take over a conversation; agent consoles listen.',
    deliverTo: [],
    broadcast: true,
  },
});
export type PlatformEventCatalog = typeof eventCatalog;
