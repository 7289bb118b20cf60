import { defaultBootstrapDataDir, ModelSession, trainBootstrapModels } from '@ciclo/ml';
import type { ScoreSentiment } from '../sentiment-monitor';

/** The version the tests' scorer reports for every message. */
export const TEST_MODEL_VERSION = 1;

/** Strongly negative user messages: the bootstrap model scores each `negative` with confidence ≥ 0.9. */
export const STRONGLY_NEGATIVE = [
  'isso é um absurdo, péssimo atendimento, estou furioso',
  'que serviço horrível, nunca mais compro aqui',
  'this is ridiculous, worst service ever, I am furious',
  'terrible experience, the package arrived broken and nobody helps me',
] as const;

/** Neutral requests and positive remarks: never scored negative by the bootstrap model. */
export const NOT_NEGATIVE = [
  'qual o status do meu pedido 12345?',
  'quero trocar o endereço de entrega',
  'what is the delivery time to São Paulo?',
  'obrigado, vocês foram ótimos!',
  'adorei o produto, chegou rápido',
  'thanks, great service',
] as const;

export interface BootstrapSentimentScorer {
  readonly session: ModelSession;
  /** What the nlp-service injects: the production model's predictions, in process. */
  readonly score: ScoreSentiment;
  dispose(): Promise<void>;
}

/**
 * The real v1 sentiment model, trained from the shipped bootstrap data (a few seconds) and
 * served by ONNX Runtime exactly as the nlp-service serves it. Call once per test file.
 */
export async function bootstrapSentimentScorer(): Promise<BootstrapSentimentScorer> {
  const results = await trainBootstrapModels({
    dataDir: defaultBootstrapDataDir(),
    libraryVersion: 'test',
    tasks: ['sentiment'],
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const trained = results.get('sentiment');
  if (!trained) throw new Error('bootstrap training returned no sentiment model');
  const session = await ModelSession.load(trained.artifact);
  return {
    session,
    score: async (texts) => (await session.predict(texts)).map((p) => ({ label: p.label, confidence: p.confidence, version: TEST_MODEL_VERSION })),
    dispose: () => session.dispose(),
  };
}
