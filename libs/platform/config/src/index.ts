export { ConfigError, type ConfigIssue } from './config-error';
export { parseEnv, redactSecrets, type Env } from './parse-env';
export { port, databaseUrl, redisUrl, httpUrl, booleanFlag, logLevel, positiveInt, queueBackend } from './fields';
export { serviceEnvSchema, type ServiceEnv } from './common-env';
export { loadConfigOrExit } from './load-config';
