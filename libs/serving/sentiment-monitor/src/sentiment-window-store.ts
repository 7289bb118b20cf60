import { EventTypes, SentimentWindowEntryV1, type HandoffRequestedV1 } from '@ciclo/platform-contracts';
import { writeOutboxEvent, type Prisma } from '@ciclo/platform-db';
import type { Logger } from '@ciclo/platform-observability';
import { evaluateSentimentWindow, latestBySentAt, type HandoffRule, type SentimentWindowEntry, type SentimentWindowVerdict } from './handoff-rule';
import type { MonitorOutcome } from './sentiment-monitor';

type Transaction = Prisma.TransactionClient;

interface WindowRow {
  entries_json: string;
  handoff_requested_at: Date | string | null;
}

const Entries = SentimentWindowEntryV1.array();

export interface WindowUpdate {
  readonly conversationId: string;
  readonly entry: SentimentWindowEntry;
  readonly rule: HandoffRule;
  readonly now: () => Date;
  readonly logger: Pick<Logger, 'warn'>;
}

/**
 * Adds one scored message to its conversation's window inside `tx`, and writes a
 * `handoff.requested` to the outbox the first time the rule fires. The window row is created if
 * missing and locked (`SELECT … FOR UPDATE`), which serialises concurrent jobs of one conversation.
 */
export async function addToSentimentWindow(tx: Transaction, update: WindowUpdate): Promise<MonitorOutcome> {
  const { conversationId, entry, rule } = update;
  const { messageId } = entry;
  const row = await lockWindow(tx, conversationId);
  const stored = readEntries(row.entries_json, conversationId, update.logger);
  if (stored.some((e) => e.messageId === messageId)) return { kind: 'duplicate', conversationId, messageId };

  const window = latestBySentAt([...stored, entry], rule.windowSize);
  const verdict = evaluateSentimentWindow(window, rule);
  const alreadyRequested = row.handoff_requested_at !== null;
  const base = { conversationId, messageId, sentiment: entry.sentiment, confidence: entry.confidence };

  if (alreadyRequested || !verdict.fires) {
    await tx.sentimentWindow.update({ where: { conversationId }, data: { entries: window.map((e) => ({ ...e })) } });
    return { ...base, kind: 'scored', handoffAlreadyRequested: alreadyRequested };
  }

  const requestedAt = update.now();
  // The writer parses the payload and derives the key and aggregate id from the catalog.
  const written = await writeOutboxEvent(tx, { type: EventTypes.handoffRequested, payload: handoffPayload(update, verdict, requestedAt) });
  await tx.sentimentWindow.update({
    where: { conversationId },
    data: { entries: window.map((e) => ({ ...e })), handoffRequestedAt: requestedAt, handoffEventId: written.id },
  });
  return { ...base, kind: 'handoff_requested', handoffEventId: written.id };
}

async function lockWindow(tx: Transaction, conversationId: string): Promise<WindowRow> {
  await tx.$executeRaw`
    INSERT INTO sentiment_windows (conversation_id, updated_at)
    VALUES (${conversationId}::uuid, now())
    ON CONFLICT (conversation_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<WindowRow[]>`
    SELECT entries::text AS entries_json, handoff_requested_at
      FROM sentiment_windows
     WHERE conversation_id = ${conversationId}::uuid
       FOR UPDATE`;
  if (!row) throw new Error(`sentiment window of conversation ${conversationId} vanished inside its transaction`);
  return row;
}

function handoffPayload({ conversationId, entry, rule }: WindowUpdate, verdict: SentimentWindowVerdict, requestedAt: Date): HandoffRequestedV1 {
  // The message whose arrival completed the rule; normally this one.
  const trigger = verdict.negatives.find((e) => e.messageId === entry.messageId) ?? verdict.negatives.at(-1) ?? entry;
  return {
    conversationId,
    reason: 'negative_sentiment',
    triggeredByMessageId: trigger.messageId,
    requestedAt: requestedAt.toISOString(),
    details: {
      window: [...verdict.window],
      rule: { windowSize: rule.windowSize, minNegative: rule.minNegative, minConfidence: rule.minConfidence },
    },
  };
}

function readEntries(json: string, conversationId: string, logger: Pick<Logger, 'warn'>): SentimentWindowEntry[] {
  const parsed = Entries.safeParse(JSON.parse(json));
  if (parsed.success) return parsed.data;
  // Only this module writes the column; if it was edited by hand, start the window afresh
  // rather than failing every later message of the conversation.
  logger.warn({ conversationId, issues: parsed.error.issues.length }, 'sentiment window entries unreadable; starting an empty window');
  return [];
}
