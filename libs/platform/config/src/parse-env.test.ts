import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { serviceEnvSchema } from './common-env';
import { parseEnv } from './parse-env';

describe('parseEnv', () => {
  const schema = serviceEnvSchema(3000);

  it('applies defaults and coerces numbers', () => {
    const env = parseEnv('test-app', schema, { DATABASE_URL: 'postgresql://u@localhost:5432/db', PORT: '4000' });
    expect(env.PORT).toBe(4000);
    expect(env.QUEUE_BACKEND).toBe('redis');
    expect(env.HOST).toBe('127.0.0.1');
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv('test-app', schema, { DATABASE_URL: 'postgresql://u@localhost/db', PORT: '' });
    expect(env.PORT).toBe(3000);
  });

  it('names every bad variable, and hides passwords', () => {
    let caught: unknown;
    try {
      parseEnv('test-app', schema, { DATABASE_URL: 'mysql://me:secret@host/db', PORT: 'eighty' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['DATABASE_URL', 'PORT']);
    expect(error.message).toContain('Invalid configuration for test-app');
    expect(error.message).toContain('PORT: must be a port number');
    expect(error.message).not.toContain('secret');
  });

  it('reports a missing required variable', () => {
    expect(() => parseEnv('x', z.object({ DATABASE_URL: schema.shape.DATABASE_URL }), {})).toThrow(/DATABASE_URL: .*not set/);
  });

  it('rejects out-of-range ports', () => {
    expect(() => parseEnv('x', schema, { DATABASE_URL: 'postgres://h/db', PORT: '70000' })).toThrow(/PORT/);
  });
});
