import { OipInferResponse } from '@ciclo/platform-contracts';
import { describe, expect, it } from 'vitest';
import { compileFastResponseSerialiser } from './fast-response-serialiser';

// Moved from the nlp-service's hand-written serialiser (issue #9): the inference answer written by
// fast-json-stringify from the route's response schema is the JSON the zod serialiser writes.
describe('compileFastResponseSerialiser', () => {
  const serialise = compileFastResponseSerialiser(OipInferResponse);
  /** What the zod type provider's serialiser writes (check with the schema, then JSON.stringify). */
  const schemaJson = (response: unknown) => JSON.stringify(OipInferResponse.parse(response));
  const f32 = (xs: number[]) => [...Float32Array.from(xs)];
  const labels = ['a "quoted" ✓', 'b\n'];
  const outputs = [
    { name: 'label', shape: [2], datatype: 'BYTES', data: ['b\n', 'a "quoted" ✓'] },
    { name: 'confidence', shape: [2], datatype: 'FP32', data: f32([0.7500001, 1e-7]) },
    { name: 'probabilities', shape: [2, 2], datatype: 'FP32', parameters: { labels }, data: f32([0.2499999, 0.7500001, 1e-7, 1 - 1e-7]) },
  ];

  it.each([
    ['every output', { model_name: 'intent', model_version: '3', outputs }],
    ['an id and outputs in another order', { model_name: 'intent', model_version: '3', id: 'req-1', outputs: [outputs[2], outputs[0]] }],
    ['no texts', { model_name: 'x', model_version: '1', outputs: [{ name: 'confidence', shape: [0], datatype: 'FP32', data: [] }] }],
    ['-0 and integral numbers', { model_name: 'x', model_version: '1', outputs: [{ name: 'confidence', shape: [3], datatype: 'FP32', data: [-0, 1, 0.1] }] }],
  ])('writes the JSON of the schema serialiser: %s', (_, response) => {
    expect(JSON.parse(serialise(response))).toEqual(JSON.parse(schemaJson(response)));
  });

  it('writes only the properties of the schema', () => {
    const json = serialise({ model_name: 'x', model_version: '1', secret: 'no', outputs: [] });
    expect(JSON.parse(json)).toEqual({ model_name: 'x', model_version: '1', outputs: [] });
  });
});
