import { randomUUID } from 'node:crypto';
import { ChatMessageReceivedV1, EventTypes, type EventEnvelope } from '@ciclo/platform-contracts';

/** A conversation's timeline for tests: message `n` is sent `n` seconds after a fixed start. */
export const CONVERSATION_START_MS = Date.UTC(2026, 10, 22, 10, 0, 0);

export interface ChatMessageInput {
  readonly conversationId: string;
  readonly text: string;
  /** Position in the conversation; sets `sentAt`. */
  readonly n: number;
  readonly role?: ChatMessageReceivedV1['role'];
  readonly messageId?: string;
}

/** A valid `chat.message.received` payload, as chat-core will produce it. */
export function chatMessage(input: ChatMessageInput): ChatMessageReceivedV1 {
  return ChatMessageReceivedV1.parse({
    conversationId: input.conversationId,
    messageId: input.messageId ?? randomUUID(),
    role: input.role ?? 'user',
    text: input.text,
    language: null,
    sentAt: new Date(CONVERSATION_START_MS + input.n * 1_000).toISOString(),
  });
}

/** The envelope a worker receives for `payload` (any payload: tests also send broken ones). */
export function chatEnvelope(payload: unknown, type: string = EventTypes.chatMessageReceived): EventEnvelope {
  return { id: randomUUID(), type, occurredAt: new Date().toISOString(), payload };
}
