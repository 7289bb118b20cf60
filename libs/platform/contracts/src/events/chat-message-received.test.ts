import { describe, expect, it } from 'vitest';
import { ChatMessageReceivedV1, MAX_CHAT_MESSAGE_CHARS } from './chat-message-received';

const valid = {
  conversationId: '0192f0c4-aaaa-7bbb-8ccc-000000000001',
  messageId: '0192f0c4-aaaa-7bbb-8ccc-000000000002',
  role: 'user',
  text: 'meu pedido não chegou',
  language: 'pt-BR',
  sentAt: '2026-11-22T10:00:00.000Z',
};

describe('ChatMessageReceivedV1', () => {
  it('accepts a message with or without a language, and offsets in sentAt', () => {
    expect(ChatMessageReceivedV1.parse(valid)).toEqual(valid);
    const { language: _language, ...withoutLanguage } = valid;
    expect(ChatMessageReceivedV1.safeParse(withoutLanguage).success).toBe(true);
    expect(ChatMessageReceivedV1.safeParse({ ...valid, language: null, sentAt: '2026-11-22T07:00:00-03:00' }).success).toBe(true);
  });

  it('rejects unknown roles, non-uuid ids, bad dates and over-long texts', () => {
    const bad = ChatMessageReceivedV1.safeParse({ ...valid, role: 'system', messageId: '42', sentAt: 'now', text: 'x'.repeat(MAX_CHAT_MESSAGE_CHARS + 1) });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['messageId', 'role', 'sentAt', 'text']);
    expect(ChatMessageReceivedV1.safeParse({ ...valid, text: 'x'.repeat(MAX_CHAT_MESSAGE_CHARS) }).success).toBe(true);
  });
});
