import { describe, expect, it } from 'vitest';
import { HandoffRequestedV1 } from './handoff-requested';

const base = {
  conversationId: '0192f0c4-aaaa-7bbb-8ccc-000000000001',
  triggeredByMessageId: '0192f0c4-aaaa-7bbb-8ccc-000000000002',
  requestedAt: '2026-11-22T10:00:00.000Z',
};
const details = {
  window: [
    { messageId: '0192f0c4-aaaa-7bbb-8ccc-000000000002', sentAt: '2026-11-22T09:59:00.000Z', sentiment: 'negative', confidence: 0.93, modelVersion: 3 },
  ],
  rule: { windowSize: 3, minNegative: 2, minConfidence: 0.75 },
};

describe('HandoffRequestedV1', () => {
  it('requires the window and rule for a negative_sentiment handoff', () => {
    expect(HandoffRequestedV1.safeParse({ ...base, reason: 'negative_sentiment', details }).success).toBe(true);
    const missing = HandoffRequestedV1.safeParse({ ...base, reason: 'negative_sentiment' });
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['details']);
  });

  it('lets other reasons go without details, and knows only the HandoffReason values', () => {
    expect(HandoffRequestedV1.safeParse({ ...base, reason: 'talk_to_human' }).success).toBe(true);
    expect(HandoffRequestedV1.safeParse({ ...base, reason: 'manual', triggeredByMessageId: null, details: null }).success).toBe(true);
    expect(HandoffRequestedV1.safeParse({ ...base, reason: 'angry' }).success).toBe(false);
  });

  it('rejects confidences outside [0, 1] and an empty window', () => {
    const badConfidence = { ...details, window: [{ ...details.window[0], confidence: 1.2 }] };
    expect(HandoffRequestedV1.safeParse({ ...base, reason: 'negative_sentiment', details: badConfidence }).success).toBe(false);
    expect(HandoffRequestedV1.safeParse({ ...base, reason: 'negative_sentiment', details: { ...details, window: [] } }).success).toBe(false);
  });
});
