import path from 'node:path';
import { ConfigError } from '@ciclo/platform-config';
import { describe, expect, it } from 'vitest';
import { parseLauncherConfig, repoRoot } from './config';

function configError(env: Record<string, string>): ConfigError {
  try {
    parseLauncherConfig(env, '/somewhere');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseLauncherConfig', () => {
  it('defaults to the embedded database in <checkout>/.ciclo and the documented ports', () => {
    const config = parseLauncherConfig({}, '/somewhere');
    expect(config.home).toBe(path.join(repoRoot, '.ciclo'));
    expect(config.database).toEqual({ mode: 'embedded', port: 54329, dataDir: path.join(repoRoot, '.ciclo', 'postgres'), sharedDir: '/var/lib/ciclo' });
    expect(config.landingPort).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.apps.map((a) => [a.app.name, a.port])).toEqual([
      ['chat-core', 3001],
      ['nlp-service', 3002],
      ['feedback-collector', 3003],
      ['retraining-orchestrator', 3004],
      ['model-registry', 3005],
    ]);
    expect(config.apps[0]?.entry).toBe(path.join(repoRoot, 'apps', 'chat-core', 'src', 'main.ts'));
    expect(config.redisUrl).toBeUndefined();
    expect(config.redisProbeUrl).toBe('redis://127.0.0.1:6379');
  });

  it('takes DATABASE_URL, per-app ports, a subset of apps and a relative CICLO_HOME', () => {
    const config = parseLauncherConfig(
      { DATABASE_URL: 'postgresql://u:p@db:5432/ciclo', NLP_SERVICE_PORT: '4002', CICLO_APPS: 'nlp-service, chat-core', CICLO_HOME: 'state' },
      '/somewhere',
    );
    expect(config.database).toEqual({ mode: 'external', url: 'postgresql://u:p@db:5432/ciclo' });
    expect(config.apps.map((a) => [a.app.name, a.port])).toEqual([
      ['chat-core', 3001],
      ['nlp-service', 4002],
    ]);
    expect(config.home).toBe('/somewhere/state');
  });

  it('names the variable of a bad port, a malformed DATABASE_URL and an unknown app', () => {
    const error = configError({ CICLO_PORT: 'abc', DATABASE_URL: 'mysql://me:secret@h/db', CICLO_APPS: 'chat-core,chat-bore' });
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['CICLO_APPS', 'CICLO_PORT', 'DATABASE_URL']);
    expect(error.message).toContain('CICLO_PORT: must be a port number');
    expect(error.message).toContain('DATABASE_URL: must be a URL like postgresql://');
    expect(error.message).toContain('CICLO_APPS: must list apps among chat-core, nlp-service');
    expect(error.message).not.toContain('secret');
  });

  it('rejects port 0 (the launcher must know every port) and ports given twice', () => {
    expect(configError({ CHAT_CORE_PORT: '0' }).issues[0]?.variable).toBe('CHAT_CORE_PORT');
    const twice = configError({ CICLO_PORT: '3002' });
    expect(twice.issues).toEqual([{ variable: 'NLP_SERVICE_PORT', message: 'port 3002 is already given to CICLO_PORT' }]);
  });

  it('takes the supervisor\'s backoff and crash budget, defaulting to 0.5 s → 10 s and 5 crashes a minute', () => {
    expect(parseLauncherConfig({}, '/somewhere').restartPolicy).toEqual({ initialBackoffMs: 500, maxBackoffMs: 10_000, maxCrashes: 5, windowMs: 60_000 });
    const config = parseLauncherConfig(
      { CICLO_RESTART_BACKOFF_MS: '50', CICLO_RESTART_MAX_BACKOFF_MS: '200', CICLO_RESTART_MAX_CRASHES: '3', CICLO_RESTART_WINDOW_MS: '5000' },
      '/somewhere',
    );
    expect(config.restartPolicy).toEqual({ initialBackoffMs: 50, maxBackoffMs: 200, maxCrashes: 3, windowMs: 5_000 });
    expect(configError({ CICLO_RESTART_BACKOFF_MS: '2000', CICLO_RESTART_MAX_BACKOFF_MS: '1000' }).issues).toEqual([
      { variable: 'CICLO_RESTART_MAX_BACKOFF_MS', message: 'must be at least CICLO_RESTART_BACKOFF_MS (2000)' },
    ]);
  });
});
