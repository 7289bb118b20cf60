import { z } from 'zod';

/** Who wrote a chat message. Mirrors Prisma's `MessageRole` without importing Prisma. */
export const ChatMessageRole = z.enum(['user', 'bot', 'agent']);
export type ChatMessageRole = z.infer<typeof ChatMessageRole>;

/** Longest message text an event may carry; chat-core refuses longer messages before storing them. */
export const MAX_CHAT_MESSAGE_CHARS = 10_000;

/**
 * A message was added to a conversation (chat-core writes it in the transaction that stores the
 * message). Consumers such as the sentiment monitor react to it instead of being called by the
 * chat, so the chat's latency never depends on them. `sentAt` orders messages within a
 * conversation: delivery order is not guaranteed.
 */
export const ChatMessageReceivedV1 = z.object({
  conversationId: z.uuid(),
  messageId: z.uuid(),
  role: ChatMessageRole,
  text: z.string().max(MAX_CHAT_MESSAGE_CHARS),
  /** BCP 47 tag when known (e.g. `pt-BR`); null or absent when not detected. */
  language: z.string().min(1).max(35).nullable().optional(),
  sentAt: z.iso.datetime({ offset: true }),
});
export type ChatMessageReceivedV1 = z.infer<typeof ChatMessageReceivedV1>;
