import type { VersionView } from '@ciclo/platform-contracts';
import { ModelSessionDisposedError, type ModelSessionOptions, type Prediction } from '@ciclo/ml';
import type { Logger } from '@ciclo/platform-observability';
import { ModelNotReadyError } from './errors/model-not-ready-error';
import { ModelNotServedError } from './errors/model-not-served-error';
import { RegistryRequestError } from './errors/registry-request-error';
import { SwapStepError } from './errors/swap-step-error';
import { ServedVersionNotFoundError } from './errors/version-not-found-error';
import { VersionUnavailableError } from './errors/version-unavailable-error';
import type { InferenceMetrics } from './inference-metrics';
import { loadVersion } from './load-version';
import type { BatchingOptions, LoadedVersion } from './loaded-version';
import type { RegistryClient } from './registry-client';
import { UnknownModelCache } from './unknown-model-cache';

/** The registry's code for "that model exists, that version does not" (its 404s otherwise mean no such model). */
const REGISTRY_VERSION_NOT_FOUND = 'CICLO_ERR_REGISTRY_VERSION_NOT_FOUND';

function isRegistryNotFound(error: unknown): boolean {
  return error instanceof RegistryRequestError && error.status === 404;
}

function versionNotFound(model: string, version: number): ServedVersionNotFoundError {
  return new ServedVersionNotFoundError(`model "${model}" has no version ${version} in the registry`, { model, version });
}

function modelNotInRegistry(model: string): ModelNotServedError {
  return new ModelNotServedError(`model "${model}" is not served here: the registry has no model of that name`, { model });
}

export interface ModelRepositoryOptions {
  readonly registry: RegistryClient;
  readonly logger: Logger;
  readonly metrics?: InferenceMetrics;
  readonly batching: BatchingOptions;
  readonly session?: ModelSessionOptions;
  /** The alias served by default. Default `production`. */
  readonly alias?: string;
  /** How often the whole state is compared with the registry, events or not. */
  readonly reconcileIntervalMs: number;
  /** Explicitly addressed versions kept loaded per model beside the served one. Default 2. */
  readonly maxPinnedVersions?: number;
  /** First wait before a version that failed a swap is tried again; doubles up to `maxRetryDelayMs`. Default 5 s. */
  readonly retryDelayMs?: number;
  /** Default 5 min. */
  readonly maxRetryDelayMs?: number;
  /** Model names the registry said it does not have, remembered to answer 404 without asking again. Default 10,000. */
  readonly unknownModelCacheSize?: number;
  /** How long such a name is remembered (a listing that shows the model forgets it sooner). Default 60 s. */
  readonly unknownModelTtlMs?: number;
}

/** Per-name state held now: what bounds the repository's memory, whatever names clients send. */
export interface RepositoryStats {
  /** Models with state here: those in the registry's last listing, plus unlisted ones with a version loaded. */
  readonly models: number;
  /** Names remembered as not in the registry. */
  readonly unknownModels: number;
}

export interface ModelStatus {
  readonly name: string;
  /** The version answering requests now. */
  readonly servedVersion: number | null;
  /** The version the alias points to (what the replica converges to). */
  readonly targetVersion: number | null;
  readonly labels: readonly string[];
  /** Why the target is not served, when it is not. */
  readonly lastError: string | null;
}

export interface Readiness {
  readonly ready: boolean;
  readonly reason: string | null;
}

interface FailedVersion {
  readonly attempts: number;
  readonly retryAt: number;
  readonly error: string;
}

interface ModelState {
  readonly name: string;
  /** In the registry's last listing. An unlisted state is forgotten once it holds nothing. */
  listed: boolean;
  /** What the alias points to, as last seen (event or reconcile). */
  target: number | null;
  current: LoadedVersion | null;
  converging: Promise<void> | null;
  again: boolean;
  readonly failures: Map<number, FailedVersion>;
  /** Explicitly addressed versions, least recently used first. */
  readonly pinned: Map<number, PinnedVersion>;
}

interface PinnedVersion {
  readonly promise: Promise<LoadedVersion>;
  /** Set once loaded. */
  loaded: LoadedVersion | null;
}

/**
 * Every model the replica serves and the level-triggered loop that keeps it equal to the
 * registry: for each model, the version its alias points to. Alias events and a periodic timer
 * both just say "look again"; a per-model loop then loads the target through the swap pipeline
 * (download → verify → load → warm up → samples), switches one pointer, and retires the old
 * version once its requests have drained. A failed version is never served; the old one stays.
 */
export class ModelRepository {
  readonly #options: ModelRepositoryOptions;
  readonly #alias: string;
  readonly #states = new Map<string, ModelState>();
  readonly #unknown: UnknownModelCache;
  #timer: NodeJS.Timeout | null = null;
  #reading: Promise<boolean> | null = null;
  #readAgain = false;
  #reconciledOnce = false;
  #lastReconcileError: string | null = null;
  #closed = false;

  constructor(options: ModelRepositoryOptions) {
    this.#options = options;
    this.#alias = options.alias ?? 'production';
    this.#unknown = new UnknownModelCache({ maxEntries: options.unknownModelCacheSize ?? 10_000, ttlMs: options.unknownModelTtlMs ?? 60_000 });
  }

  /**
   * First reconcile (a failure is logged, not thrown), then the loop. Until the registry has been
   * read once (it may start after this service), the loop retries quickly: 0.5 s doubling up to
   * the reconcile interval; after that, every `reconcileIntervalMs`.
   */
  async start(): Promise<void> {
    await this.reconcile();
    let startupDelay = 500;
    const schedule = () => {
      if (this.#closed) return;
      const delay = this.#reconciledOnce ? this.#options.reconcileIntervalMs : Math.min(startupDelay, this.#options.reconcileIntervalMs);
      startupDelay *= 2;
      this.#timer = setTimeout(() => void this.reconcile().finally(schedule), delay);
      this.#timer.unref();
    };
    schedule();
  }

  /**
   * Reads every model's aliases from the registry and converges each model to its target.
   * Resolves when every model has been handled (served, or failed and kept its old version).
   * Reads coalesce (one runs, one more follows if any came in meanwhile) and never wait for a
   * load: a target that moves while a version loads supersedes it as soon as the load ends.
   */
  async reconcile(): Promise<void> {
    if (this.#closed) return;
    const read = await this.#readTargets();
    await Promise.all([...this.#states.values()].map((s) => this.#converge(s)));
    if (read) this.#reconciledOnce = true;
  }

  /** An alias moved somewhere: look at the registry now instead of at the next tick. */
  aliasChanged(event: { model: string; alias: string }): Promise<void> {
    if (event.alias !== this.#alias) return Promise.resolve();
    this.#options.logger.info({ model: event.model, alias: event.alias }, 'alias changed; reconciling now');
    return this.reconcile();
  }

  /** The version a model serves now. */
  served(model: string): LoadedVersion {
    const state = this.#states.get(model);
    if (state?.current) return state.current;
    if (!this.#reconciledOnce) throw new ModelNotReadyError(`models are not loaded yet: ${this.#lastReconcileError ?? 'the first look at the registry is still running'}`, { model });
    if (!state || state.target === null) {
      throw new ModelNotServedError(`model "${model}" is not served here: the registry has no model of that name with a ${this.#alias} version`, { model });
    }
    const failure = state.target !== null ? state.failures.get(state.target) : undefined;
    throw new ModelNotReadyError(`model "${model}" v${state.target} is not loaded yet${failure ? `: ${failure.error}` : ''}`, { model, version: state.target });
  }

  /**
   * Classify with the served version, or with `version` when given (loaded on demand and kept
   * among the pinned versions). The whole call runs on one version, named in the result.
   */
  async predict(model: string, texts: readonly string[], version?: number): Promise<{ served: LoadedVersion; predictions: Prediction[] }> {
    for (let attempt = 0; ; attempt++) {
      const served = version === undefined ? this.served(model) : await this.version(model, version);
      try {
        return { served, predictions: await served.predict(texts) };
      } catch (error) {
        // A version retired between being picked and running (an evicted pinned version): once more.
        if (error instanceof ModelSessionDisposedError && attempt === 0) continue;
        throw error;
      }
    }
  }

  /** A specific version: the served one, a pinned one, or loaded now through the swap pipeline. */
  async version(model: string, version: number): Promise<LoadedVersion> {
    this.#refuseUnknown(model);
    const state = this.#state(model);
    if (state.current?.version === version) return state.current;
    const entry = this.#pin(state, version);
    if (entry.loaded) return entry.loaded;
    try {
      return await entry.promise;
    } catch (error) {
      this.#forgetIfEmpty(state);
      if (error instanceof SwapStepError && error.step === 'download' && isRegistryNotFound(error.cause)) throw this.#notFound(model, version, error.cause);
      if (error instanceof SwapStepError) throw new VersionUnavailableError(`cannot serve ${error.message}`, { model, version, step: error.step });
      throw error;
    }
  }

  /** A version's registry record, loaded here or not (metadata of versions not served). */
  async registryVersion(model: string, version: number): Promise<VersionView> {
    this.#refuseUnknown(model);
    try {
      return await this.#options.registry.getVersion(model, version);
    } catch (error) {
      throw isRegistryNotFound(error) ? this.#notFound(model, version, error) : error;
    }
  }

  /** How much per-name state is held (tests and diagnostics). */
  stats(): RepositoryStats {
    return { models: this.#states.size, unknownModels: this.#unknown.size };
  }

  /** Every model known here, for `/v2` metadata, readiness and logs. */
  status(): ModelStatus[] {
    return [...this.#states.values()]
      .filter((s) => s.target !== null || s.current !== null)
      .map((s) => ({
        name: s.name,
        servedVersion: s.current?.version ?? null,
        targetVersion: s.target,
        labels: s.current?.labels ?? [],
        lastError: s.target !== null && s.target !== s.current?.version ? (s.failures.get(s.target)?.error ?? null) : null,
      }));
  }

  /** Versions of `model` loaded now: the served one first, then the pinned ones. */
  loadedVersions(model: string): LoadedVersion[] {
    const state = this.#states.get(model);
    if (!state) return [];
    const pinned = [...state.pinned.values()].flatMap((p) => (p.loaded && p.loaded !== state.current ? [p.loaded] : []));
    return [...(state.current ? [state.current] : []), ...pinned.reverse()];
  }

  /** Ready once the registry was read and every model with a target serves a version. */
  readiness(): Readiness {
    if (!this.#reconciledOnce) return { ready: false, reason: `registry not read yet${this.#lastReconcileError ? `: ${this.#lastReconcileError}` : ''}` };
    const missing = this.status().filter((s) => s.servedVersion === null);
    if (missing.length === 0) return { ready: true, reason: null };
    return { ready: false, reason: missing.map((s) => `${s.name} v${s.targetVersion} not loaded${s.lastError ? ` (${s.lastError})` : ''}`).join('; ') };
  }

  /** Stop the loop, wait for running swaps, free every session. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#reading?.catch(() => undefined);
    const states = [...this.#states.values()];
    await Promise.allSettled(states.map((s) => s.converging));
    await Promise.allSettled(
      states.flatMap((s) => [
        ...(s.current ? [s.current.retire()] : []),
        ...[...s.pinned.values()].map(async (p) => (await p.promise).retire()),
      ]),
    );
    for (const s of states) {
      s.current = null;
      s.pinned.clear();
    }
  }

  #readTargets(): Promise<boolean> {
    if (this.#reading) {
      this.#readAgain = true;
      return this.#reading;
    }
    this.#reading = (async () => {
      let ok: boolean;
      do {
        this.#readAgain = false;
        ok = await this.#readTargetsOnce();
      } while (this.#readAgain && !this.#closed);
      return ok;
    })().finally(() => (this.#reading = null));
    return this.#reading;
  }

  /** One look at the registry: every model's target. False (logged) when it cannot be read. */
  async #readTargetsOnce(): Promise<boolean> {
    let models;
    try {
      models = await this.#options.registry.listModels();
    } catch (error) {
      this.#lastReconcileError = (error as Error).message;
      this.#options.logger.warn({ err: error }, 'cannot read the registry; serving what is loaded and trying again later');
      return false;
    }
    const seen = new Set<string>();
    for (const m of models) {
      seen.add(m.name);
      this.#unknown.delete(m.name);
      const state = this.#state(m.name);
      state.target = m.aliases[this.#alias] ?? null;
      state.listed = true;
    }
    for (const state of this.#states.values()) {
      if (seen.has(state.name)) continue;
      state.target = null;
      state.listed = false;
      this.#forgetIfEmpty(state);
    }
    this.#lastReconcileError = null;
    return true;
  }

  #state(model: string): ModelState {
    let state = this.#states.get(model);
    if (!state) {
      state = { name: model, listed: false, target: null, current: null, converging: null, again: false, failures: new Map(), pinned: new Map() };
      this.#states.set(model, state);
    }
    return state;
  }

  #converge(state: ModelState): Promise<void> {
    if (state.converging) {
      state.again = true;
      return state.converging;
    }
    state.converging = (async () => {
      do {
        state.again = false;
        await this.#convergeOnce(state);
      } while (state.again && !this.#closed);
    })().finally(() => (state.converging = null));
    return state.converging;
  }

  async #convergeOnce(state: ModelState): Promise<void> {
    const { logger, metrics } = this.#options;
    const target = state.target;
    const from = state.current?.version ?? null;
    if (target === from || this.#closed) return;
    if (target === null) {
      const old = state.current;
      state.current = null;
      metrics?.loaded(state.name, null);
      logger.warn({ model: state.name, from }, `${this.#alias} alias gone; no longer serving this model`);
      await old?.retire();
      return;
    }
    const failure = state.failures.get(target);
    if (failure && Date.now() < failure.retryAt) return;

    const started = performance.now();
    let loaded: LoadedVersion;
    try {
      loaded = await this.#takePinned(state, target) ?? await this.#load(state.name, target);
    } catch (error) {
      const attempts = (failure?.attempts ?? 0) + 1;
      const delay = Math.min((this.#options.retryDelayMs ?? 5_000) * 2 ** (attempts - 1), this.#options.maxRetryDelayMs ?? 300_000);
      const message = (error as Error).message;
      state.failures.set(target, { attempts, retryAt: Date.now() + delay, error: message });
      metrics?.swapFailure(state.name, error instanceof SwapStepError ? error.step : 'unknown');
      metrics?.swap(state.name, 'failed', (performance.now() - started) / 1000);
      logger.error({ model: state.name, from, to: target, err: error, retryInMs: delay }, `swap refused; ${from === null ? 'nothing served for this model yet' : `v${from} keeps serving`}`);
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    if (state.target !== target || this.#closed) {
      metrics?.swap(state.name, 'superseded', seconds);
      await loaded.retire();
      state.again = !this.#closed;
      return;
    }
    // The switch: one assignment. Requests that picked the old version finish on it.
    const old = state.current;
    state.current = loaded;
    state.failures.delete(target);
    metrics?.loaded(state.name, { version: target, sha256: loaded.sha256 });
    metrics?.swap(state.name, 'succeeded', seconds);
    logger.info({ model: state.name, from, to: target, durationMs: Math.round(seconds * 1000) }, `now serving ${state.name} v${target}`);
    if (old) {
      old.retire().catch((error: unknown) => logger.error({ model: state.name, version: old.version, err: error }, 'disposing the old version failed'));
    }
  }

  #load(model: string, version: number): Promise<LoadedVersion> {
    const { registry, batching, session, metrics } = this.#options;
    return loadVersion(model, version, {
      registry,
      batching,
      ...(session ? { session } : {}),
      ...(metrics ? { onBatch: (m: string, items: number) => metrics.batch(m, items), onRetired: (m: string, v: number) => this.#forgetVersionMetrics(m, v) } : {}),
    });
  }

  /**
   * A retired version's per-version series go, so the `version` label's cap counts the versions
   * loaded now: a replica that served 100 versions still records the 101st under its own number.
   * Deferred one macrotask: the requests that drained the version record their latency in the
   * step their `await` resumes, which must not re-create the series after it was removed.
   */
  #forgetVersionMetrics(model: string, version: number): void {
    setImmediate(() => {
      // The same version may be loaded again meanwhile (pinned, then served): keep its series.
      if (this.loadedVersions(model).some((v) => v.version === version && !v.retired)) return;
      this.#options.metrics?.retired(model, version);
    });
  }

  /** A version already loaded because it was addressed explicitly becomes the served one as is. */
  async #takePinned(state: ModelState, version: number): Promise<LoadedVersion | null> {
    const entry = state.pinned.get(version);
    if (!entry) return null;
    state.pinned.delete(version);
    return entry.promise.catch(() => null);
  }

  /** The pinned entry for `version`, started now if need be (and most recently used either way). */
  #pin(state: ModelState, version: number): PinnedVersion {
    const existing = state.pinned.get(version);
    if (existing) {
      state.pinned.delete(version);
      state.pinned.set(version, existing);
      return existing;
    }
    const entry: PinnedVersion = { promise: this.#load(state.name, version), loaded: null };
    state.pinned.set(version, entry);
    entry.promise.then(
      (loaded) => (entry.loaded = loaded),
      () => state.pinned.get(version) === entry && state.pinned.delete(version),
    );
    this.#evictPinned(state);
    return entry;
  }

  /** A name remembered as not in the registry: 404 here, without asking the registry again. */
  #refuseUnknown(model: string): void {
    if (!this.#states.get(model)?.listed && this.#unknown.has(model)) throw modelNotInRegistry(model);
  }

  /**
   * The registry's 404 for `model`/`version`. For a name not in its last listing that is not a
   * "no such version" of a model created since, the model does not exist: remembered as unknown.
   */
  #notFound(model: string, version: number, cause: unknown): Error {
    const code = cause instanceof RegistryRequestError ? cause.code : null;
    if (this.#reconciledOnce && code !== REGISTRY_VERSION_NOT_FOUND && !this.#states.get(model)?.listed) {
      this.#unknown.add(model);
      return modelNotInRegistry(model);
    }
    return versionNotFound(model, version);
  }

  /** An unlisted model with nothing loaded or loading leaves no trace (unknown names must not pile up). */
  #forgetIfEmpty(state: ModelState): void {
    if (state.listed || state.target !== null || state.current || state.converging || state.pinned.size > 0) return;
    if (this.#states.get(state.name) === state) this.#states.delete(state.name);
  }

  #evictPinned(state: ModelState): void {
    const max = this.#options.maxPinnedVersions ?? 2;
    while (state.pinned.size > max) {
      const [oldest, entry] = state.pinned.entries().next().value as [number, PinnedVersion];
      state.pinned.delete(oldest);
      entry.promise.then((v) => v.retire()).catch(() => undefined);
    }
  }
}
