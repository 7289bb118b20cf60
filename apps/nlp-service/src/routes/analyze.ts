import { inferenceRoutes, type AnalyzeResponse, type TaskPrediction } from '@ciclo/platform-contracts';
import { registerRoute, type HttpApp } from '@ciclo/platform-http';
import type { Prediction } from '@ciclo/ml';
import { checkTextLimits } from '@ciclo/serving-core';
import { recordPredictions } from './oip';
import type { NlpRouteDeps } from './route-deps';

/** The models `/v1/analyze` combines (DOMAIN.md's default tasks). */
export const ANALYZE_MODELS = { intent: 'intent', sentiment: 'sentiment' } as const;

/** How many labels the ranking lists (the clarification question offers the top two). */
const RANKING_SIZE = 3;

function taskPrediction(p: Prediction, labels: readonly string[]): TaskPrediction {
  const ranking = [...p.probabilities.keys()]
    .sort((a, b) => (p.probabilities[b] ?? 0) - (p.probabilities[a] ?? 0))
    .slice(0, RANKING_SIZE)
    .map((i) => ({ label: labels[i] ?? '', confidence: p.probabilities[i] ?? 0 }));
  return { label: p.label, confidence: p.confidence, belowThreshold: p.belowThreshold, ranking };
}

/** `POST /v1/analyze`: intent and sentiment of one text or many, by the production versions. */
export function registerAnalyzeRoute(app: HttpApp, { repository, metrics, limits, requestLogLevel }: NlpRouteDeps): void {
  registerRoute(
    app,
    inferenceRoutes.analyze,
    { ...(requestLogLevel ? { logLevel: requestLogLevel } : {}) },
    async (request): Promise<AnalyzeResponse> => {
      const startedAt = performance.now();
      // The schema lets exactly one of the two through.
      const { text, texts: many } = request.body;
      const texts = many ?? (text === undefined ? [] : [text]);
      checkTextLimits(texts, limits);
      const [intent, sentiment] = await Promise.all([
        repository.predict(ANALYZE_MODELS.intent, texts),
        repository.predict(ANALYZE_MODELS.sentiment, texts),
      ]);
      recordPredictions(metrics, intent.served, intent.predictions, startedAt);
      recordPredictions(metrics, sentiment.served, sentiment.predictions, startedAt);
      return {
        results: texts.map((_, i) => ({
          intent: taskPrediction(intent.predictions[i] as Prediction, intent.served.labels),
          sentiment: taskPrediction(sentiment.predictions[i] as Prediction, sentiment.served.labels),
        })),
        models: { intent: { version: intent.served.version }, sentiment: { version: sentiment.served.version } },
      };
    },
  );
}
