import { createHealthClient, HttpClientError } from '@ciclo/platform-clients';
import { AppNotReadyError } from './errors/app-not-ready-error';

/** What one GET /health/ready said. */
export type ReadinessResult =
  | { readonly state: 'ready'; readonly body: unknown }
  | { readonly state: 'not_ready'; readonly status: number; readonly body: unknown }
  | { readonly state: 'down'; readonly error: string };

/** One probe of `<baseUrl>/health/ready` through the derived health client; never throws. */
export async function checkReadiness(baseUrl: string, timeoutMs = 2_000): Promise<ReadinessResult> {
  try {
    const body = await createHealthClient({ baseUrl, timeoutMs }).readiness();
    // The app answers 200 exactly when every check is up, 503 (the same body) otherwise.
    return body.status === 'ready' ? { state: 'ready', body } : { state: 'not_ready', status: 503, body };
  } catch (error) {
    // Another answer (a 404, a proxy's page, a body off-contract): its body, for the message.
    if (error instanceof HttpClientError && error.status !== null) return { state: 'not_ready', status: error.status, body: error.body };
    const original = error instanceof HttpClientError ? error.cause : error;
    const cause = original instanceof Error && original.cause instanceof Error ? original.cause : original;
    return { state: 'down', error: cause instanceof Error ? cause.message : String(cause) };
  }
}

export interface ReadinessTarget {
  readonly name: string;
  readonly url: string;
}

export interface WaitForReadinessOptions {
  readonly timeoutMs: number;
  /** Stops waiting (e.g. an app crashed meanwhile); the promise then rejects with the reason. */
  readonly signal?: AbortSignal;
  readonly onReady?: (name: string, elapsedMs: number) => void;
  readonly pollIntervalMs?: number;
}

/**
 * Polls every target until each answers 200. On timeout, rejects with an {@link AppNotReadyError}
 * naming the apps still not ready and what each last answered.
 */
export async function waitForReadiness(targets: readonly ReadinessTarget[], options: WaitForReadinessOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const pending = new Map(targets.map((t) => [t.name, t]));
  const last = new Map<string, ReadinessResult>();

  while (pending.size > 0) {
    options.signal?.throwIfAborted();
    await Promise.all(
      [...pending.values()].map(async (target) => {
        const result = await checkReadiness(target.url);
        last.set(target.name, result);
        if (result.state === 'ready' && pending.delete(target.name)) options.onReady?.(target.name, Date.now() - started);
      }),
    );
    if (pending.size === 0) return;
    options.signal?.throwIfAborted();
    if (Date.now() >= deadline) {
      const details = [...pending.keys()].map((name) => `  ${name}: ${describe(last.get(name))}`).join('\n');
      throw new AppNotReadyError([...pending.keys()], options.timeoutMs, details);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 200));
  }
}

export function describe(result: ReadinessResult | undefined): string {
  if (!result) return 'never answered';
  if (result.state === 'ready') return 'ready';
  if (result.state === 'down') return `not answering (${result.error})`;
  return `HTTP ${result.status} ${typeof result.body === 'string' ? result.body.slice(0, 300) : JSON.stringify(result.body).slice(0, 300)}`;
}
