import http from 'node:http';
import { ReadinessBody } from '@ciclo/platform-contracts';
import type { EntryPoint } from './app-table';
import { checkReadiness, type ReadinessResult } from './readiness';
import type { SupervisionStatus } from './supervised-app';

export interface LandingApp {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  /** Pages a person opens (web page, API docs); the app's root itself answers 404. */
  readonly entryPoints: readonly EntryPoint[];
}

export interface LandingPageOptions {
  readonly apps: readonly LandingApp[];
  /** One line each under the table, e.g. "queue backend: PostgreSQL (schema bullmq)". */
  readonly facts: readonly string[];
  /** The supervisor's view of an app (restarting now, restarts so far); none before it started. */
  readonly supervision?: (name: string) => SupervisionStatus | undefined;
}

interface AppStatus {
  readonly app: LandingApp;
  readonly result: ReadinessResult;
  readonly supervision: SupervisionStatus;
}

const notSupervised: SupervisionStatus = { restarting: false, restarts: 0 };

/**
 * The page at CICLO_PORT: every app with its links and live status (each app's /health/ready,
 * fetched server-side on every request, so the browser needs no CORS and no script).
 * `GET /status.json` serves the same as JSON (plus `restarting` and `restarts` from the supervisor).
 */
export function createLandingServer(options: LandingPageOptions): http.Server {
  return http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path !== '/' && path !== '/status.json') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found. The landing page is at /\n');
      return;
    }
    const supervisionOf = (name: string) => options.supervision?.(name) ?? notSupervised;
    void Promise.all(options.apps.map(async (app) => ({ app, result: await checkReadiness(app.url, 1_500), supervision: supervisionOf(app.name) }))).then(
      (statuses) => {
        if (path === '/status.json') {
          const body = statuses.map((s) => ({ name: s.app.name, url: s.app.url, state: s.result.state, ...s.supervision }));
          response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ apps: body }));
        } else {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(renderPage(statuses, options.facts));
        }
      },
      () => response.writeHead(500).end(),
    );
  });
}

function renderPage(statuses: readonly AppStatus[], facts: readonly string[]): string {
  const allReady = statuses.every((s) => s.result.state === 'ready');
  const rows = statuses.map(renderRow).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>Ciclo${allReady ? '' : ' (degraded)'}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  .ready { color: #17803d; } .not_ready { color: #b45309; } .down { color: #b91c1c; } .restarting { color: #b45309; }
  small, .facts { color: #666; }
  a { margin-right: .6rem; }
</style>
</head>
<body>
<h1>Ciclo</h1>
<p>${allReady ? 'Every app is ready.' : 'Some apps are not ready.'} This page refreshes every 5 seconds.</p>
<table>
<thead><tr><th>app</th><th>status</th><th>links</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<ul class="facts">${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
</body>
</html>
`;
}

function renderRow({ app, result, supervision }: AppStatus): string {
  const link = (path: string, label: string) => `<a href="${escapeHtml(new URL(path, app.url).href)}">${label}</a>`;
  const label = result.state === 'ready' ? 'ready' : result.state === 'not_ready' ? `not ready (HTTP ${result.status})` : 'down';
  return `<tr>
  <td><strong>${escapeHtml(app.name)}</strong><br><small>${escapeHtml(app.description)}</small></td>
  <td><span class="${result.state}">● ${label}</span>${renderSupervision(supervision)}${renderChecks(result)}</td>
  <td>${app.entryPoints.map((e) => link(e.path, escapeHtml(e.label))).join('')}${link('/health/ready', '/health/ready')}${link('/metrics', '/metrics')}</td>
</tr>`;
}

function renderSupervision({ restarting, restarts }: SupervisionStatus): string {
  if (restarting) return `<br><strong class="restarting">↻ restarting after a crash (restarts so far: ${restarts})</strong>`;
  return restarts > 0 ? `<br><small class="restarting">restarted ${restarts} time${restarts === 1 ? '' : 's'} after crashes</small>` : '';
}

function renderChecks(result: ReadinessResult): string {
  if (result.state === 'down') return `<br><small>${escapeHtml(result.error)}</small>`;
  const parsed = ReadinessBody.safeParse(result.body);
  if (!parsed.success) return '';
  const checks = Object.entries(parsed.data.checks).map(
    ([name, check]) => `${escapeHtml(name)}: ${check.status} (${Math.round(check.latencyMs)} ms)${check.error ? ` — ${escapeHtml(check.error)}` : ''}`,
  );
  return checks.length > 0 ? `<br><small>${checks.join('<br>')}</small>` : '';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
