import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// Every feature declares its own metrics; this check composes them all, which is why it lives
// here (a workspace check may import every lib) and not in the observability lib they depend on.
import { createHttpMetrics, createMetricsRegistry, createReadinessMetrics } from '@ciclo/platform-observability';
import { createQueueMetrics } from '@ciclo/platform-queue';
import { createInferenceMetrics } from '@ciclo/serving-core';
import { createSentimentMonitorMetrics } from '@ciclo/serving-sentiment-monitor';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
/** Series Prometheus makes itself, not any app. */
const PROMETHEUS_OWN = new Set(['up']);
const PROMQL_WORDS = new Set(['sum', 'rate', 'by', 'histogram_quantile', 'clamp_min', 'le', 'job', 'app', 'queue', 'state', 'outcome', 'dependency', 'status_code', 'instance', 'avg', 'max', 'min', 'count', 'increase', 'irate', 'without', 'on', 'ignoring', 'bool', 'and', 'or', 'unless', 'offset', 'model', 'version', 'label', 'step', 'reason', 'sentiment']);

/** Metric names in a PromQL expression: identifiers not inside {…} label matchers or "strings". */
function metricNames(expr: string): string[] {
  const withoutLabels = expr
    .replace(/\{[^}]*\}/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b\d+(\.\d+)?(e[-+]?\d+)?\b/gi, '');
  return (withoutLabels.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []).filter((w) => !PROMQL_WORDS.has(w) && !/^\d/.test(w));
}

function dashboardExpressions(): string[] {
  const dir = join(repo, 'grafana', 'dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const dashboard = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
      return dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    });
}

function ruleExpressions(): string[] {
  const dir = join(repo, 'prometheus', 'rules');
  // The rule files are simple YAML; every expression sits on an `expr:` line.
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((line) => line.trim().startsWith('expr:'))
    .map((line) => line.trim().slice('expr:'.length).trim());
}

async function exportedSeries(): Promise<Set<string>> {
  const registry = createMetricsRegistry('check');
  createHttpMetrics(registry);
  createQueueMetrics(registry);
  createReadinessMetrics(registry);
  createSentimentMonitorMetrics(registry);
  createInferenceMetrics(registry);
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

describe('monitoring config', () => {
  it('references only metrics the apps export (dashboards and alert rules)', async () => {
    const exported = await exportedSeries();
    const expressions = [...dashboardExpressions(), ...ruleExpressions()];
    expect(expressions.length).toBeGreaterThan(5);
    const missing = [...new Set(expressions.flatMap(metricNames))].filter((m) => !exported.has(m) && !PROMETHEUS_OWN.has(m));
    expect(missing).toEqual([]);
  });

  it('names every series the apps declare ciclo_<area>_<what>_<unit> (Node process metrics aside)', async () => {
    const declared = [...(await exportedSeries())].filter((name) => !name.startsWith('process_') && !name.startsWith('nodejs_'));
    expect(declared.length).toBeGreaterThan(15);
    expect(declared.filter((name) => !/^ciclo_[a-z0-9]+(_[a-z0-9]+)+$/.test(name))).toEqual([]);
  });

  it('finds metric names in PromQL', () => {
    expect(metricNames('sum by (app) (rate(http_requests_total{status_code=~"5.."}[5m]))')).toEqual(['http_requests_total']);
    expect(metricNames('x_total / clamp_min(y_total, 1e-9) > 0.01')).toEqual(['x_total', 'y_total']);
  });
});
