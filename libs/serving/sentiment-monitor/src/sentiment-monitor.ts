import { ChatMessageReceivedV1, EventTypes, type EventEnvelope } from '@ciclo/platform-contracts';
import type { Database } from '@ciclo/platform-db';
import type { Logger } from '@ciclo/platform-observability';
import { PermanentJobError } from '@ciclo/platform-queue';
import { resolveHandoffRule, type HandoffRule, type SentimentWindowEntry } from './handoff-rule';
import type { SentimentMonitorMetrics } from './sentiment-monitor-metrics';
import { addToSentimentWindow } from './sentiment-window-store';

/** One text's sentiment, as the serving model gives it. */
export interface SentimentScore {
  readonly label: string;
  /** Probability of `label`, in [0, 1]. */
  readonly confidence: number;
  /** Version of the model that scored it (stored with the window entry and in the handoff). */
  readonly version: number;
}

/**
 * Scores texts, one result per text in the same order. The nlp-service passes its in-process
 * production sentiment model (no HTTP hop); a rejection makes the job retry with backoff.
 */
export type ScoreSentiment = (texts: readonly string[]) => Promise<readonly SentimentScore[]>;

export interface SentimentMonitorOptions {
  readonly db: Database;
  readonly score: ScoreSentiment;
  /** Thresholds; missing values take {@link DEFAULT_HANDOFF_RULE}'s. Checked when the monitor is created. */
  readonly rule?: Partial<HandoffRule>;
  /** Never receives message texts (they are personal data); ids, labels and confidences only. */
  readonly logger: Pick<Logger, 'debug' | 'info' | 'warn'>;
  readonly metrics?: SentimentMonitorMetrics;
  /** Clock for `requestedAt` and the lag metric (tests pin it). */
  readonly now?: () => Date;
}

interface OutcomeBase {
  readonly conversationId: string;
  readonly messageId: string;
}

/**
 * What handling one event did (also the job's stored return value):
 * - `ignored`: not a user message (bot and agent messages are not the user's mood);
 * - `duplicate`: this message is already in the window (at-least-once delivery);
 * - `scored`: scored and added to the window; no new handoff (rule not met, or already requested);
 * - `handoff_requested`: scored, and this message made the rule fire: a `handoff.requested` is in the outbox.
 */
export type MonitorOutcome =
  | (OutcomeBase & { readonly kind: 'ignored'; readonly role: ChatMessageReceivedV1['role'] })
  | (OutcomeBase & { readonly kind: 'duplicate' })
  | (OutcomeBase & { readonly kind: 'scored'; readonly sentiment: string; readonly confidence: number; readonly handoffAlreadyRequested: boolean })
  | (OutcomeBase & { readonly kind: 'handoff_requested'; readonly sentiment: string; readonly confidence: number; readonly handoffEventId: string });

export interface SentimentMonitor {
  /** The rule in force, defaults filled in. */
  readonly rule: HandoffRule;
  /**
   * Handles one `chat.message.received` envelope. Idempotent: a redelivered event changes nothing.
   *
   * @throws PermanentJobError when the envelope is not a valid `chat.message.received` (retrying cannot help).
   */
  handle(envelope: EventEnvelope): Promise<MonitorOutcome>;
}

/**
 * Interactive transaction limits. The row lock serialises jobs of one conversation, so a
 * transaction may wait for a few others (each a handful of statements) before its turn.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/**
 * The event-driven sentiment monitor (DOMAIN.md "Human handoff"): scores each user message of a
 * `chat.message.received` event, keeps the conversation's last `windowSize` scored user messages
 * in `sentiment_windows`, and writes one `handoff.requested` (reason `negative_sentiment`) through
 * the outbox the first time the rule fires, in the same transaction that records it
 * (sentiment-window-store.ts).
 *
 * Scoring runs before the transaction so the row lock is held for milliseconds. Within the
 * transaction the window row is created if missing and locked (`SELECT … FOR UPDATE`), which
 * serialises concurrent jobs of one conversation on any number of workers; jobs of different
 * conversations never wait for each other.
 */
export function createSentimentMonitor(options: SentimentMonitorOptions): SentimentMonitor {
  const { db, score, logger, metrics } = options;
  const rule = resolveHandoffRule(options.rule);
  const now = options.now ?? (() => new Date());

  async function handle(envelope: EventEnvelope): Promise<MonitorOutcome> {
    const message = parseChatMessage(envelope);
    const outcome = message.role === 'user' ? await handleUserMessage(message) : ({ kind: 'ignored', conversationId: message.conversationId, messageId: message.messageId, role: message.role } as const);
    metrics?.observeLag((now().getTime() - Date.parse(envelope.occurredAt)) / 1000);
    logger.debug({ eventId: envelope.id, ...withoutText(outcome) }, 'chat message handled by the sentiment monitor');
    return outcome;
  }

  async function handleUserMessage(message: ChatMessageReceivedV1): Promise<MonitorOutcome> {
    const { conversationId, messageId } = message;
    const scored = await scoreOne(score, message.text);
    const entry: SentimentWindowEntry = {
      messageId,
      // One spelling of each instant, whatever offset the producer used.
      sentAt: new Date(message.sentAt).toISOString(),
      sentiment: scored.label,
      confidence: scored.confidence,
      modelVersion: scored.version,
    };
    const outcome = await db.prisma.$transaction((tx) => addToSentimentWindow(tx, { conversationId, entry, rule, now, logger }), TRANSACTION_OPTIONS);

    // Counted after commit: a rolled-back attempt is retried and would count twice.
    if (outcome.kind !== 'duplicate') metrics?.messageScored(entry.sentiment);
    if (outcome.kind === 'handoff_requested') {
      metrics?.handoffRequested('negative_sentiment');
      logger.info({ conversationId, triggeredByMessageId: messageId, eventId: outcome.handoffEventId, rule }, 'negative sentiment: human handoff requested');
    }
    return outcome;
  }

  return { rule, handle };
}

/** The envelope's `chat.message.received` payload; anything else can never succeed. */
function parseChatMessage(envelope: EventEnvelope): ChatMessageReceivedV1 {
  if (envelope.type !== EventTypes.chatMessageReceived) {
    throw new PermanentJobError(`sentiment monitor got event ${envelope.id} of type "${envelope.type}", expected "${EventTypes.chatMessageReceived}"`);
  }
  const parsed = ChatMessageReceivedV1.safeParse(envelope.payload);
  if (!parsed.success) {
    // Paths and messages only: the rejected value may be the message text.
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new PermanentJobError(`event ${envelope.id} is not a valid ${EventTypes.chatMessageReceived}: ${issues}`);
  }
  return parsed.data;
}

async function scoreOne(score: ScoreSentiment, text: string): Promise<SentimentScore> {
  const [result] = await score([text]);
  if (!result || typeof result.label !== 'string' || result.label === '' || !Number.isFinite(result.confidence) || !Number.isInteger(result.version) || result.version < 0) {
    // A broken scorer (e.g. mid hot swap) is worth retrying; the job's backoff paces it.
    throw new Error('sentiment scorer returned no usable result (label, confidence, version)');
  }
  // Float32 probabilities can overshoot 1 by a rounding error.
  return { label: result.label, confidence: Math.min(1, Math.max(0, result.confidence)), version: result.version };
}

/** Log bindings of an outcome (it holds no text, but be explicit about what goes out). */
function withoutText(outcome: MonitorOutcome): Record<string, unknown> {
  const { kind, conversationId, messageId } = outcome;
  return {
    outcome: kind,
    conversationId,
    messageId,
    ...('sentiment' in outcome ? { sentiment: outcome.sentiment, confidence: outcome.confidence } : {}),
  };
}
