/**
 * Every app the launcher starts, in start order. Adding an app to the platform is one line here:
 * its port variable, URL variable and log colour follow from the entry.
 */
export const platformApps = [
  {
    name: 'chat-core',
    dir: 'chat-core',
    defaultPort: 3001,
    portEnv: 'CHAT_CORE_PORT',
    // Only what runs today: the page must never describe as working what is not built yet.
    description: 'conversations (not built yet: health, metrics and the relay of chat.* events)',
    entryPoints: [],
  },
  {
    name: 'nlp-service',
    dir: 'nlp-service',
    defaultPort: 3002,
    portEnv: 'NLP_SERVICE_PORT',
    description: 'inference (Open Inference Protocol v2), hot swap, sentiment monitor',
    entryPoints: [{ path: '/docs', label: 'API docs' }],
  },
  {
    name: 'feedback-collector',
    dir: 'feedback-collector',
    defaultPort: 3003,
    portEnv: 'FEEDBACK_COLLECTOR_PORT',
    description: 'feedback and annotation inbox (not built yet: health and metrics)',
    entryPoints: [],
  },
  {
    name: 'retraining-orchestrator',
    dir: 'retraining-orchestrator',
    defaultPort: 3004,
    portEnv: 'RETRAINING_ORCHESTRATOR_PORT',
    description: 'retraining flows (not built yet: the diagnostics queue worker)',
    entryPoints: [],
  },
  {
    name: 'model-registry',
    dir: 'model-registry',
    defaultPort: 3005,
    portEnv: 'MODEL_REGISTRY_PORT',
    description: 'models, versions, aliases, approvals and audit log; web page for data scientists',
    entryPoints: [
      { path: '/ui', label: 'web page' },
      { path: '/docs', label: 'API docs' },
    ],
  },
] as const satisfies readonly PlatformAppDefinition[];

export interface PlatformAppDefinition {
  /** Name used in logs, `CICLO_APPS` and `.ciclo/logs/<name>.log`. */
  readonly name: string;
  /** Folder under `apps/`; the entry point is `apps/<dir>/src/main.ts`. */
  readonly dir: string;
  readonly defaultPort: number;
  /** Variable that overrides the port, e.g. `CHAT_CORE_PORT`. */
  readonly portEnv: string;
  /** One line for the landing page and the startup summary: what the app does today. */
  readonly description: string;
  /** Pages a person opens (the app's root answers 404); the first one is printed when ready. */
  readonly entryPoints: readonly EntryPoint[];
}

export interface EntryPoint {
  readonly path: string;
  readonly label: string;
}

export type PlatformApp = (typeof platformApps)[number];
export type AppName = PlatformApp['name'];

export const appNames: readonly AppName[] = platformApps.map((app) => app.name);

/**
 * Variable through which every child learns where a sibling listens, e.g. `NLP_SERVICE_URL`
 * (derived from the port variable so the table stays one line per app).
 */
export function urlEnvOf(app: PlatformAppDefinition): string {
  return app.portEnv.replace(/_PORT$/, '_URL');
}

/** Where a person should go first in an app (its first entry point), or its base URL. */
export function entryUrlOf(app: PlatformAppDefinition, baseUrl: string): string {
  const first = app.entryPoints.at(0);
  return first ? new URL(first.path, baseUrl).href : baseUrl;
}
