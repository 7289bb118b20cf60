import { z } from 'zod';

/** Why a person is asked to join. Mirrors Prisma's `HandoffReason` without importing Prisma. */
export const HandoffReason = z.enum(['talk_to_human', 'negative_sentiment', 'repeated_clarification', 'manual']);
export type HandoffReason = z.infer<typeof HandoffReason>;

/** One scored user message of the window the sentiment rule looked at. */
export const SentimentWindowEntryV1 = z.object({
  messageId: z.uuid(),
  sentAt: z.iso.datetime({ offset: true }),
  sentiment: z.string().min(1),
  confidence: z.number().min(0).max(1),
  /** Version of the sentiment model that scored the message. */
  modelVersion: z.number().int().nonnegative(),
});
export type SentimentWindowEntryV1 = z.infer<typeof SentimentWindowEntryV1>;

/** The thresholds the sentiment rule fired with (they are configurable per deployment). */
export const SentimentRuleV1 = z.object({
  windowSize: z.number().int().positive(),
  minNegative: z.number().int().positive(),
  minConfidence: z.number().gt(0).max(1),
});
export type SentimentRuleV1 = z.infer<typeof SentimentRuleV1>;

/** What made the sentiment monitor ask for a person: the window it saw and the rule's settings. */
export const SentimentHandoffDetailsV1 = z.object({
  window: z.array(SentimentWindowEntryV1).min(1),
  rule: SentimentRuleV1,
});
export type SentimentHandoffDetailsV1 = z.infer<typeof SentimentHandoffDetailsV1>;

/**
 * A human agent should take over a conversation (DOMAIN.md "Human handoff"). Broadcast to agent
 * consoles. `details` explains a `negative_sentiment` request and is required for it; other
 * reasons carry none (null or absent).
 */
export const HandoffRequestedV1 = z
  .object({
    conversationId: z.uuid(),
    reason: HandoffReason,
    /** The message that made the rule fire (for `manual`, the last message the agent saw, if any). */
    triggeredByMessageId: z.uuid().nullable(),
    requestedAt: z.iso.datetime({ offset: true }),
    details: SentimentHandoffDetailsV1.nullable().optional(),
  })
  .refine((event) => event.reason !== 'negative_sentiment' || event.details != null, {
    message: 'a negative_sentiment handoff carries the window and rule that fired',
    path: ['details'],
  });
export type HandoffRequestedV1 = z.infer<typeof HandoffRequestedV1>;
