import { randomUUID } from 'node:crypto';
import { createHealthClient, HttpClientError } from '@ciclo/platform-clients';
import { jobCatalog, QueueNames, DiagnosticsPongV1, type RuntimeInfoV1 } from '@ciclo/platform-contracts';
import { createQueueClient, type QueueBackendConfig } from '@ciclo/platform-queue';
import { CliError } from '../cli-error';

export interface AppStatus {
  readonly name: string;
  readonly url: string;
  readonly ready: boolean;
  readonly detail: string;
}

export interface StatusReport {
  readonly apps: AppStatus[];
  readonly queue: { readonly ok: boolean; readonly detail: string; readonly roundTripMs?: number };
}

async function appStatus(name: string, url: string): Promise<AppStatus> {
  try {
    // 200 and 503 both answer with the dependencies; anything else is an HttpClientError.
    const body = await createHealthClient({ baseUrl: url, timeoutMs: 3_000, service: name }).readiness();
    const down = Object.entries(body.checks).filter(([, c]) => c.status === 'down');
    return {
      name,
      url,
      ready: body.status === 'ready',
      detail: down.length === 0 ? 'ready' : down.map(([dep, c]) => `${dep}: ${c.error ?? 'down'}`).join('; '),
    };
  } catch (error) {
    if (error instanceof HttpClientError && error.status !== null) return { name, url, ready: false, detail: `unexpected answer (HTTP ${error.status})` };
    // No answer: what fetch said (`fetch failed`, the timeout), as this line always showed.
    const cause = error instanceof HttpClientError ? error.cause : error;
    return { name, url, ready: false, detail: cause instanceof Error ? cause.message : String(cause) };
  }
}

export function queueConfigFromRuntime(runtime: RuntimeInfoV1): QueueBackendConfig {
  return runtime.queue.kind === 'redis'
    ? { kind: 'redis', url: runtime.queue.url, prefix: runtime.queue.prefix }
    : { kind: 'postgres', connectionString: runtime.databaseUrl, schema: runtime.queue.schema };
}

/** Enqueues a `diagnostics.ping` and waits for a worker in another process to answer it. */
export async function queueRoundTrip(config: QueueBackendConfig, timeoutMs: number): Promise<StatusReport['queue']> {
  const queues = createQueueClient(jobCatalog, config);
  const started = performance.now();
  try {
    const nonce = randomUUID();
    const { id } = await queues.enqueue('diagnostics.ping', { nonce, requestedBy: 'ciclo-cli', sentAt: new Date().toISOString() });
    const job = await queues.waitForJob(QueueNames.diagnostics, id, { timeoutMs });
    const pong = DiagnosticsPongV1.safeParse(job.returnValue);
    if (job.state !== 'completed' || !pong.success || pong.data.nonce !== nonce) {
      return { ok: false, detail: `diagnostics job ended ${job.state}${job.failedReason ? `: ${job.failedReason}` : ''}` };
    }
    const roundTripMs = Math.round(performance.now() - started);
    return { ok: true, detail: `answered by ${pong.data.processedBy} (pid ${pong.data.pid})`, roundTripMs };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await queues.close();
  }
}

export async function collectStatus(runtime: RuntimeInfoV1, timeoutMs: number): Promise<StatusReport> {
  const [apps, queue] = await Promise.all([
    Promise.all(runtime.apps.map((a) => appStatus(a.name, a.url))),
    queueRoundTrip(queueConfigFromRuntime(runtime), timeoutMs),
  ]);
  return { apps, queue };
}

export function renderStatus(report: StatusReport, runtime: RuntimeInfoV1, paint: (ok: boolean, text: string) => string): string {
  const width = Math.max(...report.apps.map((a) => a.name.length), 5);
  const lines = [`Ciclo at ${runtime.landingUrl} (queue backend: ${runtime.queue.kind})`, ''];
  for (const app of report.apps) {
    lines.push(`  ${paint(app.ready, app.ready ? '✔' : '✘')} ${app.name.padEnd(width)}  ${app.url.padEnd(24)}  ${app.detail}`);
  }
  const q = report.queue;
  lines.push(`  ${paint(q.ok, q.ok ? '✔' : '✘')} ${'queue'.padEnd(width)}  ${''.padEnd(24)}  ${q.detail}${q.roundTripMs === undefined ? '' : ` in ${q.roundTripMs} ms`}`);
  return lines.join('\n');
}

export function assertHealthy(report: StatusReport): void {
  const bad = report.apps.filter((a) => !a.ready).map((a) => a.name);
  if (!report.queue.ok) bad.push('queue');
  if (bad.length > 0) throw new CliError(`Not healthy: ${bad.join(', ')}`, 3);
}
