import type { ReadinessBody } from '@ciclo/platform-contracts';

/** A dependency probe: resolves when the dependency works, rejects (or times out) when not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessOptions {
  readonly app: string;
  readonly version: string;
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  /** Per-check time limit; a hung dependency must not hang the probe. */
  readonly timeoutMs?: number;
  /** True while the app is shutting down: report not ready so load balancers drain it. */
  readonly isDraining?: () => boolean;
  readonly onResult?: (dependency: string, up: boolean) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs every check in parallel and says whether the app can take traffic, and why not. */
export async function evaluateReadiness(options: ReadinessOptions): Promise<ReadinessBody> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const entries = await Promise.all(
    Object.entries(options.checks).map(async ([name, check]) => {
      const started = performance.now();
      try {
        await withTimeout(Promise.resolve().then(check), timeoutMs);
        options.onResult?.(name, true);
        return [name, { status: 'up' as const, latencyMs: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        options.onResult?.(name, false);
        const message = error instanceof Error ? error.message : String(error);
        return [name, { status: 'down' as const, latencyMs: Math.round(performance.now() - started), error: message }] as const;
      }
    }),
  );
  const checks: ReadinessBody['checks'] = Object.fromEntries(entries);
  if (options.isDraining?.()) checks['shutdown'] = { status: 'down', latencyMs: 0, error: 'shutting down' };
  const ready = Object.values(checks).every((c) => c.status === 'up');
  return { status: ready ? 'ready' : 'not_ready', app: options.app, version: options.version, checks };
}
