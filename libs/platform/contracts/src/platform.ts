/** The platform release; every app reports it in `/health/ready` and `/v2` metadata. */
export const PLATFORM_VERSION = '0.1.0';

/** Default ports of the apps on one machine (the launcher and docker-compose use the same). */
export const DefaultPorts = {
  launcher: 8080,
  'chat-core': 3001,
  'nlp-service': 3002,
  'feedback-collector': 3003,
  'retraining-orchestrator': 3004,
  'model-registry': 3005,
} as const;
export type ServiceName = Exclude<keyof typeof DefaultPorts, 'launcher'>;
