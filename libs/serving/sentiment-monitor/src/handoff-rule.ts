import type { SentimentWindowEntryV1 } from '@ciclo/platform-contracts';
import { InvalidHandoffRuleError } from './errors/invalid-handoff-rule-error';

/** One scored user message as the monitor keeps it (and as `handoff.requested` reports it). */
export type SentimentWindowEntry = SentimentWindowEntryV1;

/**
 * When the sentiment monitor calls a person (DOMAIN.md "Human handoff"): at least `minNegative`
 * of the conversation's last `windowSize` user messages were scored `negativeLabel` with a
 * confidence of at least `minConfidence`.
 */
export interface HandoffRule {
  /** How many of the latest user messages (by `sentAt`) the rule looks at. Default 3. */
  readonly windowSize: number;
  /** Negative messages within the window that trigger a handoff. Default 2; at most `windowSize`. */
  readonly minNegative: number;
  /**
   * Least confidence for a negative message to count, in (0, 1]. Default 0.75: on the bootstrap
   * sentiment model's held-out split (1,515 messages, measured 2026-11-22) negatives at ≥ 0.75
   * were right 92 % of the time and caught 65 % of the negative messages (0.5: 85 % / 86 %;
   * 0.9: 94 % / 38 %). Two of them are needed, so a false handoff takes two mistakes in three
   * messages, while a really unhappy user still gets a person after a couple of messages.
   */
  readonly minConfidence: number;
  /** The sentiment model's label for negative messages. Default `negative`. */
  readonly negativeLabel: string;
}

export const DEFAULT_HANDOFF_RULE: HandoffRule = Object.freeze({
  windowSize: 3,
  minNegative: 2,
  minConfidence: 0.75,
  negativeLabel: 'negative',
});

/** The longest window the monitor keeps: it is stored per conversation and logged in every handoff. */
export const MAX_WINDOW_SIZE = 50;

export interface SentimentWindowVerdict {
  /** The rule is met by `window`. */
  readonly fires: boolean;
  /** The entries the rule looked at: the last `windowSize` by `sentAt`, oldest first. */
  readonly window: readonly SentimentWindowEntry[];
  /** The entries of `window` that count as strongly negative, oldest first. */
  readonly negatives: readonly SentimentWindowEntry[];
}

/**
 * Fills in defaults and checks the values, so a misconfigured deployment fails at boot with a
 * message naming the setting instead of never (or always) calling a person.
 *
 * @throws InvalidHandoffRuleError
 */
export function resolveHandoffRule(overrides: Partial<HandoffRule> = {}): HandoffRule {
  const rule: HandoffRule = { ...DEFAULT_HANDOFF_RULE, ...definedOnly(overrides) };
  const { windowSize, minNegative, minConfidence, negativeLabel } = rule;
  if (!Number.isInteger(windowSize) || windowSize < 1 || windowSize > MAX_WINDOW_SIZE) {
    throw new InvalidHandoffRuleError(`windowSize must be a whole number from 1 to ${MAX_WINDOW_SIZE} (got ${windowSize})`, { windowSize });
  }
  if (!Number.isInteger(minNegative) || minNegative < 1 || minNegative > windowSize) {
    throw new InvalidHandoffRuleError(`minNegative must be a whole number from 1 to windowSize = ${windowSize} (got ${minNegative})`, { minNegative, windowSize });
  }
  if (!(minConfidence > 0 && minConfidence <= 1)) {
    throw new InvalidHandoffRuleError(`minConfidence must be in (0, 1] (got ${minConfidence})`, { minConfidence });
  }
  if (typeof negativeLabel !== 'string' || negativeLabel.trim() === '') {
    throw new InvalidHandoffRuleError('negativeLabel must be a non-empty label', { negativeLabel });
  }
  return Object.freeze(rule);
}

/**
 * Orders entries by `sentAt` (then `messageId`, so equal times still give one order) and keeps
 * the newest `size`. Messages can be delivered out of order; the window is about when they were sent.
 */
export function latestBySentAt(entries: readonly SentimentWindowEntry[], size: number): SentimentWindowEntry[] {
  const sorted = [...entries].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt) || compareText(a.messageId, b.messageId));
  return sorted.slice(Math.max(0, sorted.length - size));
}

/**
 * Applies the rule to a conversation's scored user messages (any order, any number): pure, so
 * the monitor, tests and a future "why was I handed off?" view agree on what fired.
 *
 * @throws InvalidHandoffRuleError when `rule` is invalid.
 */
export function evaluateSentimentWindow(entries: readonly SentimentWindowEntry[], rule: HandoffRule = DEFAULT_HANDOFF_RULE): SentimentWindowVerdict {
  const checked = resolveHandoffRule(rule);
  const window = latestBySentAt(entries, checked.windowSize);
  const negatives = window.filter((e) => e.sentiment === checked.negativeLabel && e.confidence >= checked.minConfidence);
  return { fires: negatives.length >= checked.minNegative, window, negatives };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
