import { describe, expect, it } from 'vitest';
import { AliasAtQuery, CreateModelBody, RegisterVersionBody, SetAliasBody, UpdatePolicyBody, VersionParams } from './registry';

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
});
