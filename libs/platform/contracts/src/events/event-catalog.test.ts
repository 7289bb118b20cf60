import { describe, expect, it } from 'vitest';
import { jobCatalog } from '../jobs/job-catalog';
import { eventCatalog } from './event-catalog';
import { eventTypesOwnedBy } from './event-definition';
import type { JobCatalog } from '../jobs/job-definition';

describe('event catalog', () => {
  it('delivers every event only to jobs that exist and take the event envelope', () => {
    const envelope = { id: 'e1', type: 'model.alias.changed', occurredAt: new Date().toISOString(), payload: {} };
    for (const [type, definition] of Object.entries(eventCatalog)) {
      for (const jobName of definition.deliverTo) {
        const job = (jobCatalog as JobCatalog)[jobName];
        expect(job, `${type} → unknown job ${jobName}`).toBeDefined();
        expect(job?.schema.safeParse({ ...envelope, type }).success).toBe(true);
      }
    }
  });

  it('names the app that writes, and so relays, each event', () => {
    expect(eventTypesOwnedBy(eventCatalog, 'model-registry')).toEqual(['model.alias.changed']);
    expect(eventTypesOwnedBy(eventCatalog, 'nlp-service')).toEqual(['handoff.requested']);
    expect(eventTypesOwnedBy(eventCatalog, 'chat-core')).toEqual(['chat.message.received']);
    // Apps that own no event run no relay.
    expect(eventTypesOwnedBy(eventCatalog, 'retraining-orchestrator')).toEqual([]);
    expect(eventTypesOwnedBy(eventCatalog, 'feedback-collector')).toEqual([]);
  });

  it('hands model alias changes to the webhook delivery job on the webhooks queue', () => {
    expect(eventCatalog['model.alias.changed'].deliverTo).toContain('webhooks.deliver');
    expect(jobCatalog['webhooks.deliver'].queue).toBe('webhooks');
  });

  it('hands chat messages to the sentiment monitor and broadcasts handoff requests', () => {
    expect(eventCatalog['chat.message.received']).toMatchObject({ deliverTo: ['sentiment.monitor'], broadcast: false });
    expect(jobCatalog['sentiment.monitor']).toMatchObject({ queue: 'sentiment-monitor', attempts: 5, backoff: { type: 'exponential', delay: 1_000 } });
    expect(eventCatalog['handoff.requested']).toMatchObject({ deliverTo: [], broadcast: true });
  });
});
