import { defineCounter, defineGauge, defineHistogram, type MetricsRegistry } from '@ciclo/platform-observability';
import { SwapSteps, type SwapStep } from './errors/swap-step-error';
import { MODEL, VERSION } from './inference-metric-labels';

export type SwapOutcome = 'succeeded' | 'failed' | 'superseded';

/** What the model repository records about hot swaps and the version each model serves. */
export interface SwapMetrics {
  loaded(model: string, version: { version: number; sha256: string } | null): void;
  swap(model: string, outcome: SwapOutcome, durationSeconds: number): void;
  swapFailure(model: string, step: SwapStep | 'unknown'): void;
}

const OUTCOMES = ['succeeded', 'failed', 'superseded'] as const satisfies readonly SwapOutcome[];

export function createSwapMetrics(registry: MetricsRegistry): SwapMetrics {
  const loadedInfo = defineGauge(registry, {
    area: 'model',
    what: 'loaded',
    unit: 'info',
    help: 'The version each model serves now (value 1).',
    labels: { model: MODEL, version: VERSION, sha256: { maxValues: 64 } },
  });
  const loadedNow = new Map<string, { version: number; sha256: string }>();
  const { swap, swapFailure } = createSwapOutcomeRecorders(registry);
  return {
    loaded(model, version) {
      const previous = loadedNow.get(model);
      if (previous) loadedInfo.remove({ model, ...previous });
      if (version) {
        const labels = { version: version.version, sha256: version.sha256 };
        loadedInfo.labels({ model, ...labels }).set(1);
        loadedNow.set(model, labels);
      } else loadedNow.delete(model);
    },
    swap,
    swapFailure,
  };
}

function createSwapOutcomeRecorders(registry: MetricsRegistry): Pick<SwapMetrics, 'swap' | 'swapFailure'> {
  const swaps = defineCounter(registry, {
    area: 'model',
    what: 'swaps',
    help: 'Hot swaps by outcome (superseded: a newer target arrived while loading).',
    labels: { model: MODEL, outcome: OUTCOMES },
  });
  const swapDuration = defineHistogram(registry, {
    area: 'model',
    what: 'swap_duration',
    unit: 'seconds',
    help: 'Download → verify → load → warm up → sample check → switch, per swap.',
    labels: { model: MODEL, outcome: OUTCOMES },
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60],
  });
  const swapFailures = defineCounter(registry, {
    area: 'model',
    what: 'swap_failures',
    help: 'Versions refused during a swap, by the step that failed; the previous version kept serving.',
    labels: { model: MODEL, step: [...SwapSteps, 'unknown'] },
  });
  return {
    swap(model, outcome, seconds) {
      swaps.labels({ model, outcome }).inc();
      swapDuration.labels({ model, outcome }).observe(seconds);
    },
    swapFailure: (model, step) => swapFailures.labels({ model, step }).inc(),
  };
}
