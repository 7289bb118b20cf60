import { OipInferResponse } from '@ciclo/platform-contracts';
import type { Prediction } from '@ciclo/ml';
import { describe, expect, it } from 'vitest';
import { serializeInferResponse } from './infer-response-serialiser';
import { encodeInferOutputs } from './oip-codec';

describe('serializeInferResponse', () => {
  const predictions: Prediction[] = [
    { label: 'b', confidence: 0.7500001, probabilities: Float32Array.from([0.2499999, 0.7500001]), belowThreshold: false },
    { label: 'a "quoted" ✓', confidence: 1e-7, probabilities: Float32Array.from([1e-7, 1 - 1e-7]), belowThreshold: true },
  ];
  const labels = ['a "quoted" ✓', 'b\n'];
  /** What the route's schema serialiser writes (zod, then JSON.stringify). */
  const schemaJson = (response: unknown) => JSON.stringify(OipInferResponse.parse(response));

  it.each([
    ['every output', { model_name: 'intent', model_version: '3', outputs: encodeInferOutputs(predictions, labels, ['label', 'confidence', 'probabilities']) }],
    ['an id and outputs in the order asked', { model_name: 'intent', model_version: '3', id: 'req-1', outputs: encodeInferOutputs(predictions, labels, ['probabilities', 'label']) }],
    ['no texts', { model_name: 'x', model_version: '1', outputs: encodeInferOutputs([], labels, ['confidence']) }],
    ['-0 and integral numbers', { model_name: 'x', model_version: '1', outputs: [{ name: 'confidence', shape: [3], datatype: 'FP32', data: [-0, 1, 0.1] }] }],
  ])('writes exactly the bytes of the schema serialiser: %s', (_, response) => {
    const json = serializeInferResponse(response as OipInferResponse);
    expect(json).not.toBeNull();
    expect(json).toBe(schemaJson(response));
  });

  it.each([
    ['a non-finite number', { model_name: 'x', model_version: '1', outputs: [{ name: 'confidence', shape: [1], datatype: 'FP32', data: [Number.NaN] }] }],
    ['an unknown field', { model_name: 'x', model_version: '1', extra: 1, outputs: [] }],
    ['fields out of schema order', { model_name: 'x', model_version: '1', outputs: [{ name: 'label', datatype: 'BYTES', shape: [1], data: ['a'] }] }],
    ['an undefined field', { model_name: 'x', model_version: '1', id: undefined, outputs: [] }],
    ['response parameters', { model_name: 'x', model_version: '1', parameters: { a: 1 }, outputs: [] }],
    ['other output parameters', { model_name: 'x', model_version: '1', outputs: [{ name: 'label', shape: [1], datatype: 'BYTES', parameters: { other: 1 }, data: ['a'] }] }],
    ['an unknown datatype', { model_name: 'x', model_version: '1', outputs: [{ name: 'label', shape: [1], datatype: 'TEXT', data: ['a'] }] }],
    ['a fractional shape', { model_name: 'x', model_version: '1', outputs: [{ name: 'label', shape: [1.5], datatype: 'BYTES', data: ['a'] }] }],
  ])('leaves %s to the schema serialiser', (_, response) => {
    expect(serializeInferResponse(response as unknown as OipInferResponse)).toBeNull();
  });
});
