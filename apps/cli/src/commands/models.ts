import { parseArgs } from 'node:util';
import type { AliasChangeView, AliasEventView, CompareView, ModelView, VersionView } from '@ciclo/platform-contracts';
import { createRegistryClient, type RegistryClient } from '@ciclo/platform-clients';
import { CliError } from '../cli-error';
import type { CliConfig } from '../config';
import { NO_API_KEY_MESSAGE, registryCliError } from '../registry-errors';
import { readRuntimeInfo } from '../runtime-file';

export const MODELS_USAGE = `  models ls [--json]                 models, their tasks, policies and aliases
  models show <name> [--version <n>] [--json]
                                     a model and its versions, or one version in detail
  models compare <name> <a> <b> [--json]
                                     two versions side by side: metrics, per-class F1 deltas, confusion matrices
  models promote <name> <version> --reason "…" [--alias production] [--force] [--json]
                                     point an alias at a version (production runs the promotion gate;
                                     --force needs an admin key)
  models rollback <name> --reason "…" [--alias production] [--json]
                                     move an alias back to where it pointed before its latest move
  models history <name> [--alias <alias>] [--limit <n>] [--json]
                                     alias moves, newest first (every alias unless --alias)
  (models commands talk to the model registry: --url, CICLO_REGISTRY_URL or runtime.json;
   API key from CICLO_API_KEY)`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  url: { type: 'string' },
  version: { type: 'string' },
  alias: { type: 'string' },
  reason: { type: 'string' },
  force: { type: 'boolean', default: false },
  limit: { type: 'string', default: '50' },
} as const;

function positiveInt(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) throw new CliError(`${what} must be a positive whole number (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`, 2);
  return n;
}

function requireReason(reason: string | undefined, command: string): string {
  if (reason === undefined || reason.trim() === '') throw new CliError(`${command} needs --reason "…" (it is kept in the alias history)`, 2);
  return reason;
}

async function registryUrl(flag: string | undefined, config: CliConfig): Promise<string> {
  if (flag !== undefined) {
    try {
      return new URL(flag).href;
    } catch {
      throw new CliError(`--url must be a URL like http://127.0.0.1:3005 (got ${JSON.stringify(flag)})`, 2);
    }
  }
  if (config.registryUrl) return config.registryUrl;
  const runtime = await readRuntimeInfo(config.runtimeFile);
  const app = runtime.apps.find((a) => a.name === 'model-registry');
  if (!app) throw new CliError(`The running platform has no model-registry (see ${config.runtimeFile}); pass --url or set CICLO_REGISTRY_URL`);
  return app.url;
}

const pad = (rows: string[][]) => {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
};
const fmt = (n: number | null, signed = false) => (n === null ? '—' : `${signed && n > 0 ? '+' : ''}${Number.isInteger(n) ? n : n.toFixed(4)}`);
const aliasList = (aliases: Readonly<Record<string, number>>) => Object.entries(aliases).map(([a, v]) => `${a}=v${v}`).join(', ') || '—';
const metric = (v: VersionView, name: string) => (typeof v.metrics[name] === 'number' ? fmt(v.metrics[name] as number) : '—');

export function renderModels(models: readonly ModelView[]): string {
  if (models.length === 0) return 'No models registered yet.';
  return pad([['NAME', 'TASK', 'POLICY', 'LABELS', 'ALIASES'], ...models.map((m) => [m.name, m.task, m.policy, String(m.labels.length), aliasList(m.aliases)])]);
}

export function renderModel(model: ModelView, versions: readonly VersionView[]): string {
  const lines = [
    `${model.name} (${model.task}, policy ${model.policy})${model.description ? ` — ${model.description}` : ''}`,
    `labels: ${model.labels.join(', ') || '—'}`,
    `gate: ${JSON.stringify(model.gate)}`,
    `aliases: ${aliasList(model.aliases)}`,
    '',
  ];
  if (versions.length === 0) return [...lines, 'No versions yet.'].join('\n');
  const rows = versions.map((v) => [`v${v.version}`, v.createdAt.slice(0, 19).replace('T', ' '), v.createdBy, metric(v, 'macroF1'), metric(v, 'accuracy'), v.sha256.slice(0, 12), v.aliases.join(', ') || '—']);
  return [...lines, pad([['VERSION', 'CREATED', 'BY', 'MACRO-F1', 'ACCURACY', 'SHA256', 'ALIASES'], ...rows])].join('\n');
}

export function renderVersion(v: VersionView): string {
  const numeric = Object.entries(v.metrics).filter(([, value]) => typeof value === 'number');
  return [
    `${v.model} v${v.version}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}`,
    `created: ${v.createdAt} by ${v.createdBy}`,
    `artifact: sha256 ${v.sha256}, ${v.sizeBytes} bytes, ${v.format}`,
    `labels: ${v.labels.join(', ')}`,
    `tags: ${v.tags.join(', ') || '—'}`,
    ...(v.description ? [`description: ${v.description}`] : []),
    ...(v.confidenceThreshold === null ? [] : [`confidence threshold: ${v.confidenceThreshold}`]),
    'metrics:',
    ...(numeric.length ? numeric.map(([k, value]) => `  ${k}: ${fmt(value as number)}`) : ['  —']),
  ].join('\n');
}

export function renderCompare(c: CompareView): string {
  const lines = [`${c.model}: v${c.a.version} → v${c.b.version}${c.sameHoldout === false ? ' (WARNING: measured on different holdouts)' : ''}`, ''];
  lines.push(pad([['METRIC', `v${c.a.version}`, `v${c.b.version}`, 'DELTA'], ...c.metrics.map((m) => [m.name, fmt(m.a), fmt(m.b), fmt(m.delta, true)])]));
  if (c.perClassF1.length > 0) {
    lines.push('', pad([['CLASS F1', `v${c.a.version}`, `v${c.b.version}`, 'DELTA'], ...c.perClassF1.map((m) => [m.label, fmt(m.a), fmt(m.b), fmt(m.delta, true)])]));
  }
  for (const [side, version] of [['a', c.a.version], ['b', c.b.version]] as const) {
    const cm = c.confusionMatrices[side];
    if (!cm) continue;
    lines.push('', `confusion matrix v${version} (rows: gold, columns: predicted)`, pad([['', ...cm.labels], ...cm.matrix.map((row, i) => [cm.labels[i] ?? '', ...row.map(String)])]));
  }
  return lines.join('\n');
}

export function renderChange(change: AliasChangeView): string {
  const from = change.fromVersion === null ? 'nothing' : `v${change.fromVersion}`;
  const to = change.toVersion === null ? 'nothing' : `v${change.toVersion}`;
  if (!change.changed) return `${change.alias} of ${change.model} already points to ${to}; nothing changed.`;
  const gate = change.decision ? ` (gate ${change.decision.gatePassed ? 'passed' : 'FAILED, forced'})` : '';
  return `${change.alias} of ${change.model}: ${from} → ${to}${gate}`;
}

export function renderHistory(events: readonly AliasEventView[]): string {
  if (events.length === 0) return 'No alias moves yet.';
  const v = (n: number | null) => (n === null ? '—' : `v${n}`);
  return pad([['AT', 'ALIAS', 'FROM', 'TO', 'ACTOR', 'REASON'], ...events.map((e) => [e.at.slice(0, 19).replace('T', ' '), e.alias, v(e.fromVersion), v(e.toVersion), e.actor, e.reason ?? ''])]);
}

/** `ciclo models <subcommand> …`. */
export async function modelsCommand(args: string[], config: CliConfig, write: (text: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === 'help' || sub === '--help') {
    write(`Usage:\n${MODELS_USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  const known = ['ls', 'show', 'compare', 'promote', 'rollback', 'history'];
  if (!known.includes(sub)) throw new CliError(`Unknown models command "${sub}" (one of: ${known.join(', ')})\n\nUsage:\n${MODELS_USAGE}`, 2);
  const { values, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  const expect = (count: number, shape: string) => {
    if (positionals.length !== count) throw new CliError(`usage: ciclo models ${sub} ${shape}`, 2);
  };
  switch (sub) {
    case 'ls':
      expect(0, '[--json]');
      break;
    case 'show':
    case 'history':
    case 'rollback':
      expect(1, sub === 'rollback' ? '<name> --reason "…" [--alias production]' : '<name>');
      break;
    case 'compare':
      expect(3, '<name> <a> <b>');
      break;
    case 'promote':
      expect(2, '<name> <version> --reason "…" [--alias production] [--force]');
      break;
  }
  // Check arguments before any I/O so a typo never needs a running platform to be reported.
  const name = positionals[0] ?? '';
  const parsed = {
    version: values.version === undefined ? undefined : positiveInt(values.version, '--version'),
    limit: positiveInt(values.limit, '--limit'),
    a: sub === 'compare' ? positiveInt(positionals[1], 'version a') : 0,
    b: sub === 'compare' ? positiveInt(positionals[2], 'version b') : 0,
    promoteTo: sub === 'promote' ? positiveInt(positionals[1], 'version') : 0,
    reason: sub === 'promote' || sub === 'rollback' ? requireReason(values.reason, `models ${sub}`) : '',
  };

  if (!config.apiKey) throw new CliError(NO_API_KEY_MESSAGE);
  const baseUrl = await registryUrl(values.url, config);
  const client = createRegistryClient({ baseUrl, apiKey: config.apiKey, timeoutMs: 30_000, userAgent: 'ciclo-cli' });
  const out = (json: unknown, text: string) => write(`${values.json ? JSON.stringify(json, null, 2) : text}\n`);
  try {
    await runModelsCommand(sub, { client, name, parsed, alias: values.alias, force: values.force, out });
    return 0;
  } catch (error) {
    throw registryCliError(error, baseUrl);
  }
}

interface ModelsRun {
  readonly client: RegistryClient;
  readonly name: string;
  readonly parsed: { version: number | undefined; limit: number; a: number; b: number; promoteTo: number; reason: string };
  readonly alias: string | undefined;
  readonly force: boolean;
  readonly out: (json: unknown, text: string) => void;
}

/** One registry call (or two) per subcommand, through the client derived from the registry's routes. */
async function runModelsCommand(sub: string, { client, name, parsed, alias, force, out }: ModelsRun): Promise<void> {
  switch (sub) {
    case 'ls': {
      const { models } = await client.listModels();
      out(models, renderModels(models));
      return;
    }
    case 'show': {
      if (parsed.version !== undefined) {
        const version = await client.getVersion({ params: { name, version: parsed.version } });
        out(version, renderVersion(version));
        return;
      }
      const [model, { versions }] = await Promise.all([client.getModel({ params: { name } }), client.listVersions({ params: { name } })]);
      out({ model, versions }, renderModel(model, versions));
      return;
    }
    case 'compare': {
      const view = await client.compareVersions({ params: { name }, query: { a: parsed.a, b: parsed.b } });
      out(view, renderCompare(view));
      return;
    }
    case 'promote': {
      const body = { version: parsed.promoteTo, reason: parsed.reason, ...(force ? { force: true } : {}) };
      const change = await client.setAlias({ params: { name, alias: alias ?? 'production' }, body });
      out(change, renderChange(change));
      return;
    }
    case 'rollback': {
      const change = await client.rollbackAlias({ params: { name, alias: alias ?? 'production' }, body: { reason: parsed.reason } });
      out(change, renderChange(change));
      return;
    }
    default: {
      const query = { limit: parsed.limit };
      const { events } = alias === undefined ? await client.modelHistory({ params: { name }, query }) : await client.aliasHistory({ params: { name, alias }, query });
      out(events, renderHistory(events));
    }
  }
}
