import { describe, expect, it } from 'vitest';
import { describeBackend, postgresSchema, redisKeyPrefix } from './queue-backend-config';

describe('redisKeyPrefix', () => {
  it('wraps the prefix in a Redis Cluster hash tag unless it has one', () => {
    expect(redisKeyPrefix(undefined)).toBe('{ciclo}');
    expect(redisKeyPrefix('staging')).toBe('{staging}');
    expect(redisKeyPrefix('{eu}-ciclo')).toBe('{eu}-ciclo');
  });

  it('refuses a colon, which BullMQ uses to split keys', () => {
    expect(() => redisKeyPrefix('a:b')).toThrow(/must not contain ':'/);
  });
});

describe('postgresSchema', () => {
  it('defaults to bullmq and accepts only simple identifiers', () => {
    expect(postgresSchema({ kind: 'postgres', connectionString: 'postgres://x/y' })).toBe('bullmq');
    expect(postgresSchema({ kind: 'postgres', connectionString: 'postgres://x/y', schema: 'jobs_1' })).toBe('jobs_1');
    expect(() => postgresSchema({ kind: 'postgres', connectionString: 'postgres://x/y', schema: 'x"; drop' })).toThrow(
      /simple identifier/,
    );
  });
});

describe('describeBackend', () => {
  it('never prints credentials', () => {
    const text = describeBackend({ kind: 'redis', url: 'redis://user:secret@cache:6379/0' });
    expect(text).toBe('redis redis://cache:6379/0 prefix={ciclo}');
    const pg = describeBackend({ kind: 'postgres', connectionString: 'postgres://app:pw@db:5432/ciclo' });
    expect(pg).toBe('postgres postgres://db:5432/ciclo schema=bullmq');
  });
});
