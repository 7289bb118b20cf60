import type { OipInferRequest } from '@ciclo/platform-contracts';
import type { Prediction } from '@ciclo/ml';
import { describe, expect, it } from 'vitest';
import { InvalidInferInputError } from './errors/invalid-infer-input-error';
import { LimitExceededError } from './errors/limit-exceeded-error';
import { decodeInferRequest, encodeInferOutputs } from './oip-codec';

const limits = { maxTexts: 4, maxTextChars: 10, settings: { maxTexts: 'MAX_TEXTS', maxTextChars: 'MAX_CHARS' } };
const request = (input: Partial<OipInferRequest['inputs'][number]>, extra: Partial<OipInferRequest> = {}): OipInferRequest => ({
  inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['hi'], ...input }],
  ...extra,
});

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('decodeInferRequest', () => {
  it('takes [n] and [n, 1] shapes, flat or nested data, and every output by default', () => {
    expect(decodeInferRequest(request({ shape: [2], data: ['a', 'b'] }), limits)).toEqual({ texts: ['a', 'b'], outputs: ['label', 'confidence', 'probabilities'] });
    expect(decodeInferRequest(request({ shape: [2, 1], data: [['a'], ['b']] }), limits).texts).toEqual(['a', 'b']);
    expect(decodeInferRequest(request({ shape: [1], data: [''] }), limits).texts).toEqual(['']);
  });

  it('returns the outputs asked for, once each, in the order asked', () => {
    const decoded = decodeInferRequest(request({}, { outputs: [{ name: 'probabilities' }, { name: 'label' }, { name: 'label' }] }), limits);
    expect(decoded.outputs).toEqual(['probabilities', 'label']);
  });

  it.each([
    ['no input', { inputs: [] }, /inputs is empty/],
    ['two inputs', { inputs: [...request({}).inputs, ...request({ name: 'other' }).inputs] }, /exactly one input \(a BYTES tensor of texts\); got 2: "text", "other"/],
  ])('refuses %s', (_, body, message) => {
    const error = errorOf(() => decodeInferRequest(body as OipInferRequest, limits));
    expect(error).toBeInstanceOf(InvalidInferInputError);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['a non-BYTES datatype', { datatype: 'INT32', data: [1] }, /datatype INT32; this model takes BYTES/],
    ['a number in BYTES data', { data: [3] }, /element 0 is a number, not a string/],
    ['null in BYTES data', { shape: [2], data: ['a', null] }, /element 1 is null/],
    ['a data length that contradicts the shape', { shape: [3], data: ['a'] }, /shape \[3\] \(3 elements\) but its data holds 1/],
    ['a rank-3 shape', { shape: [1, 1, 1], data: ['a'] }, /must be \[n\] or \[n, 1\]/],
    ['an [n, 2] shape', { shape: [1, 2], data: ['a', 'b'] }, /must be \[n\] or \[n, 1\]/],
    ['an empty shape', { shape: [], data: ['a'] }, /must be \[n\] or \[n, 1\]/],
    ['zero texts', { shape: [0], data: [] }, /holds no texts/],
  ])('refuses %s with a message saying what is wrong', (_, input, message) => {
    const error = errorOf(() => decodeInferRequest(request(input as Partial<OipInferRequest['inputs'][number]>), limits));
    expect(error).toBeInstanceOf(InvalidInferInputError);
    expect(error.message).toMatch(message);
  });

  it('refuses an unknown output name, listing the real ones', () => {
    expect(errorOf(() => decodeInferRequest(request({}, { outputs: [{ name: 'logits' }] }), limits)).message).toBe('unknown output "logits"; this model gives label, confidence, probabilities');
  });

  it('names the limit and its setting when a request exceeds one (413)', () => {
    const tooMany = errorOf(() => decodeInferRequest(request({ shape: [5], data: ['a', 'b', 'c', 'd', 'e'] }), limits));
    expect(tooMany).toBeInstanceOf(LimitExceededError);
    expect(tooMany.message).toBe('5 texts in one request; the limit is 4 texts per request (MAX_TEXTS)');
    expect((tooMany as LimitExceededError).statusCode).toBe(413);
    const tooLong = errorOf(() => decodeInferRequest(request({ shape: [2], data: ['ok', 'x'.repeat(11)] }), limits));
    expect(tooLong.message).toBe('text 1 has 11 characters; the limit is 10 characters per text (MAX_CHARS)');
    expect((tooLong as LimitExceededError).details).toMatchObject({ limit: 'characters per text', max: 10, actual: 11, index: 1 });
  });
});

describe('encodeInferOutputs', () => {
  const predictions: Prediction[] = [
    { label: 'b', confidence: 0.75, probabilities: Float32Array.from([0.25, 0.75]), belowThreshold: false },
    { label: 'a', confidence: 0.5, probabilities: Float32Array.from([0.5, 0.5]), belowThreshold: true },
  ];

  it('gives one row per text: labels as BYTES, confidences and the [n, classes] distribution as FP32', () => {
    expect(encodeInferOutputs(predictions, ['a', 'b'], ['label', 'confidence', 'probabilities'])).toEqual([
      { name: 'label', datatype: 'BYTES', shape: [2], data: ['b', 'a'] },
      { name: 'confidence', datatype: 'FP32', shape: [2], data: [0.75, 0.5] },
      { name: 'probabilities', datatype: 'FP32', shape: [2, 2], data: [0.25, 0.75, 0.5, 0.5], parameters: { labels: ['a', 'b'] } },
    ]);
  });

  it('encodes only the outputs asked for', () => {
    expect(encodeInferOutputs(predictions, ['a', 'b'], ['confidence']).map((o) => o.name)).toEqual(['confidence']);
  });
});
