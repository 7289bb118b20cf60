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
    description: 'chat REST API, web chat and agent console',
  },
  {
    name: 'nlp-service',
    dir: 'nlp-service',
    defaultPort: 3002,
    portEnv: 'NLP_SERVICE_PORT',
    description: 'inference (Open Inference Protocol v2), hot swap, sentiment monitor',
  },
  {
    name: 'feedback-collector',
    dir: 'feedback-collector',
    defaultPort: 3003,
    portEnv: 'FEEDBACK_COLLECTOR_PORT',
    description: 'explicit and implicit feedback, annotation inbox, retraining triggers',
  },
  {
    name: 'retraining-orchestrator',
    dir: 'retraining-orchestrator',
    defaultPort: 3004,
    portEnv: 'RETRAINING_ORCHESTRATOR_PORT',
    description: 'training flows: snapshot, train, evaluate, register, gate',
  },
  {
    name: 'model-registry',
    dir: 'model-registry',
    defaultPort: 3005,
    portEnv: 'MODEL_REGISTRY_PORT',
    description: 'models, versions, aliases, approvals and audit log',
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
  /** One line for the landing page and the startup summary. */
  readonly description: string;
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
