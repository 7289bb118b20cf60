import { EventEnvelope, EventTypes, ModelAliasChangedV1, PLATFORM_VERSION, QueueNames } from '@ciclo/platform-contracts';
import { registerOpenApi } from '@ciclo/platform-http';
import type { ServiceContext } from '@ciclo/platform-runtime';
import { createSentimentMonitor, createSentimentMonitorMetrics, sentimentMonitorJobHandlers, type SentimentMonitor } from '@ciclo/serving-sentiment-monitor';
import { createInferenceMetrics, createRegistryClient, ModelRepository, type RegistryClient } from '@ciclo/serving-core';
import type { AppConfig } from './config';
import { registerAnalyzeRoute } from './routes/analyze';
import { registerOipRoutes } from './routes/oip';
import type { NlpRouteDeps } from './routes/route-deps';

export interface NlpService {
  readonly repository: ModelRepository;
  readonly registry: RegistryClient;
  readonly monitor: SentimentMonitor;
}

/**
 * The whole nlp-service on a service context: the model repository kept equal to the registry
 * (alias events over pub/sub + a periodic reconcile), the Open Inference Protocol routes,
 * `/v1/analyze`, and the sentiment monitor worker (`chat.message.received` → `handoff.requested`).
 * Registered before the server listens; worker and repository close after the server.
 */
export async function configureNlpService(context: ServiceContext, config: AppConfig): Promise<NlpService> {
  const { app, logger, pubsub, shutdown } = context;
  const metrics = createInferenceMetrics(context.metrics);
  const registry = createRegistryClient({ baseUrl: config.MODEL_REGISTRY_URL, apiKey: config.MODEL_REGISTRY_API_KEY });
  const repository = new ModelRepository({
    registry,
    logger,
    metrics,
    alias: config.NLP_SERVE_ALIAS,
    batching: { maxDelayMs: config.NLP_BATCH_MAX_DELAY_MS, maxBatchSize: config.NLP_BATCH_MAX_SIZE },
    reconcileIntervalMs: config.NLP_RECONCILE_INTERVAL_MS,
    maxPinnedVersions: config.NLP_MAX_PINNED_VERSIONS,
    unknownModelCacheSize: config.NLP_UNKNOWN_MODEL_CACHE_SIZE,
    unknownModelTtlMs: config.NLP_UNKNOWN_MODEL_CACHE_TTL_MS,
  });

  const unsubscribe = await pubsub.subscribe(EventTypes.modelAliasChanged, async (message) => {
    const envelope = EventEnvelope.safeParse(message);
    const payload = envelope.success ? ModelAliasChangedV1.safeParse(envelope.data.payload) : null;
    if (!payload?.success) {
      logger.warn(`ignoring a malformed ${EventTypes.modelAliasChanged} message (the periodic reconcile still runs)`);
      return;
    }
    await repository.aliasChanged(payload.data);
  });
  // Before the repository closes, so no event starts a swap during shutdown.
  shutdown.register('alias subscription', () => unsubscribe(), 'server');

  await registerOpenApi(app, {
    title: 'Ciclo nlp-service',
    version: PLATFORM_VERSION,
    description: 'Open Inference Protocol v2 serving of every model’s production version, with hot swap, and /v1/analyze (intent + sentiment).',
  });
  const deps: NlpRouteDeps = {
    repository,
    metrics,
    limits: {
      maxTexts: config.NLP_MAX_TEXTS_PER_REQUEST,
      maxTextChars: config.NLP_MAX_TEXT_CHARS,
      settings: { maxTexts: 'NLP_MAX_TEXTS_PER_REQUEST', maxTextChars: 'NLP_MAX_TEXT_CHARS' },
    },
    isDraining: shutdown.isShuttingDown,
    ...(config.NLP_REQUEST_LOG_LEVEL ? { requestLogLevel: config.NLP_REQUEST_LOG_LEVEL } : {}),
  };
  await registerOipRoutes(app, deps);
  registerAnalyzeRoute(app, deps);

  // The first load happens before the server listens, but does not hold it up when the registry
  // is down: readiness says "not ready" and the loop keeps trying.
  await repository.start();

  // Scores with the production sentiment model in this process (no HTTP hop). While that model is
  // not loaded, jobs fail and retry with backoff; nothing is lost.
  const monitor = createSentimentMonitor({
    db: context.db,
    logger,
    metrics: createSentimentMonitorMetrics(context.metrics),
    rule: {
      windowSize: config.SENTIMENT_HANDOFF_WINDOW_SIZE,
      minNegative: config.SENTIMENT_HANDOFF_MIN_NEGATIVE,
      minConfidence: config.SENTIMENT_HANDOFF_MIN_CONFIDENCE,
      negativeLabel: config.SENTIMENT_HANDOFF_NEGATIVE_LABEL,
    },
    score: async (texts) => {
      const { served, predictions } = await repository.predict(config.SENTIMENT_MODEL, texts);
      return predictions.map((p) => ({ label: p.label, confidence: p.confidence, version: served.version }));
    },
  });
  const worker = await context.queues.createWorker(QueueNames.sentimentMonitor, sentimentMonitorJobHandlers(monitor), {
    concurrency: config.SENTIMENT_MONITOR_CONCURRENCY,
  });
  // Registration order is stop order: the worker finishes its jobs before the models go away.
  shutdown.register('sentiment monitor worker', () => worker.close());
  shutdown.register('model repository', () => repository.close());
  return { repository, registry, monitor };
}
