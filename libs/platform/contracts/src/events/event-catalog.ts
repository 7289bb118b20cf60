import { jobCatalog } from '../jobs/job-catalog';
import { defineEvent, defineEventCatalog } from './event-definition';
import { EventTypes } from './event-types';
import { ChatMessageReceivedV1 } from './chat-message-received';
import { HandoffRequestedV1 } from './handoff-requested';
import { ModelAliasChangedV1 } from './model-alias-changed';

/**
 * Every event the platform publishes through the outbox: who writes it (and so relays it), which
 * jobs get a copy, and the keys derived from its payload. Later features add their events (and
 * the jobs that consume them) here.
 */
export const eventCatalog = defineEventCatalog(jobCatalog, {
  [EventTypes.modelAliasChanged]: defineEvent({
    schema: ModelAliasChangedV1,
    description: 'A model alias moved; serving replicas reload (and also reconcile periodically).',
    owner: 'model-registry',
    deliverTo: ['webhooks.deliver'],
    broadcast: true,
    // One key per model alias (`intent:production`). No aggregateId derived here: the registry
    // passes the model's database id, which the payload does not carry.
    dedupeKey: (payload) => `${payload.model}:${payload.alias}`,
  }),
  [EventTypes.chatMessageReceived]: defineEvent({
    schema: ChatMessageReceivedV1,
    description: 'A message was added to a conversation; the sentiment monitor scores user messages.',
    owner: 'chat-core',
    deliverTo: ['sentiment.monitor'],
    broadcast: false,
    aggregateId: (payload) => payload.conversationId,
  }),
  [EventTypes.handoffRequested]: defineEvent({
    schema: HandoffRequestedV1,
    description: 'A human agent should take over a conversation; agent consoles listen.',
    // Written by the sentiment monitor, which the nlp-service runs.
    owner: 'nlp-service',
    deliverTo: [],
    broadcast: true,
    // One key per conversation and reason: repeated requests for it share the key.
    dedupeKey: (payload) => `handoff-${payload.reason}-${payload.conversationId}`,
    aggregateId: (payload) => payload.conversationId,
  }),
});
export type PlatformEventCatalog = typeof eventCatalog;
