import { describe, expect, it } from 'vitest';
import { Limits } from '../limits';
import { AliasAtQuery, AuditQuery, CompareQuery, CreateModelBody, HistoryQuery, RegisterVersionBody, SetAliasBody, UpdatePolicyBody, VersionParams } from './registry';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('registry HTTP contracts', () => {
  it('names the field at fault', () => {
    expect(paths(CreateModelBody.safeParse({ name: 'Bad Name', task: 'intent', gate: { minMacroF1: 2 } }))).toEqual(['name', 'gate.minMacroF1']);
    expect(paths(CreateModelBody.safeParse({ name: 'intent', task: 'intent', gate: { minF1: 0.5 } }))).toEqual(['gate']);
    expect(paths(SetAliasBody.safeParse({ version: 0, reason: ' ' }))).toEqual(['version', 'reason']);
    expect(paths(RegisterVersionBody.safeParse({ artifactBase64: 'not base64!' }))).toEqual(['artifactBase64']);
    expect(paths(UpdatePolicyBody.safeParse({}))).toEqual(['policy']);
  });

  it('coerces path numbers and accepts ISO times with an offset', () => {
    expect(VersionParams.parse({ name: 'intent', version: '7' })).toEqual({ name: 'intent', version: 7 });
    expect(AliasAtQuery.safeParse({ time: '2026-03-03T14:00:00-03:00' }).success).toBe(true);
    expect(AliasAtQuery.safeParse({ time: 'yesterday' }).success).toBe(false);
  });

  it('bounds numbers and times by their columns (int4 versions, bigint ids, 1970–9999)', () => {
    expect(VersionParams.safeParse({ name: 'intent', version: String(Limits.versionNumberMax) }).success).toBe(true);
    expect(paths(VersionParams.safeParse({ name: 'intent', version: '2147483648' }))).toEqual(['version']);
    expect(paths(CompareQuery.safeParse({ a: '1', b: '4294967296' }))).toEqual(['b']);
    expect(paths(SetAliasBody.safeParse({ version: 2 ** 31, reason: 'r', expectedCurrentVersion: 2 ** 31 }))).toEqual(['version', 'expectedCurrentVersion']);
    expect(HistoryQuery.safeParse({ before: Limits.entryIdMax }).success).toBe(true);
    expect(HistoryQuery.safeParse({ before: `000${Limits.entryIdMax}` }).success).toBe(true);
    expect(paths(HistoryQuery.safeParse({ before: '9223372036854775808' }))).toEqual(['before']);
    expect(paths(AuditQuery.safeParse({ before: '1'.repeat(40) }))).toEqual(['before']);
    expect(AliasAtQuery.safeParse({ time: '1970-01-01T00:00:00Z' }).success).toBe(true);
    expect(AliasAtQuery.safeParse({ time: '9999-12-31T23:59:59.999Z' }).success).toBe(true);
    expect(paths(AliasAtQuery.safeParse({ time: '0000-01-01T00:00:00Z' }))).toEqual(['time']);
    expect(paths(AliasAtQuery.safeParse({ time: '9999-12-31T23:00:00-14:00' }))).toEqual(['time']);
  });

  it('refuses unstorable text in request strings and free-form JSON', () => {
    expect(paths(CreateModelBody.safeParse({ name: 'intent', task: 'a\u0000', labels: ['\ud800'] }))).toEqual(['task', 'labels.0']);
    expect(paths(RegisterVersionBody.safeParse({ artifactBase64: 'AAAA', tags: ['\udc00'], metrics: { a: { b: '\u0000' } } }))).toEqual(['metrics.a.b', 'tags.0']);
  });
});
