// Test fixtures only: hand-built ONNX models (brought models, broken signatures) for load tests.
import type { onnx } from 'onnx-proto';
import { MODEL_FORMAT_VERSION, MetadataKeys } from '../../model/model-contract';
import { canonicalFeaturizerJson } from '../model-metadata';
import { OnnxDataType, floatTensor, int64Tensor, intAttribute, node, tensorValueInfo } from '../onnx-graph-builder';
import { onnxRuntimeProto as proto } from '../onnx-proto-runtime';
import { seededRandom, smallFeaturizer } from './random-classifier';

export function encodeModel(model: onnx.IModelProto): Uint8Array {
  return new Uint8Array(proto.ModelProto.encode(model).finish());
}

export function validMetadata(labels: readonly string[], overrides: Record<string, string | undefined> = {}): Array<{ key: string; value: string }> {
  const props: Record<string, string | undefined> = {
    [MetadataKeys.formatVersion]: MODEL_FORMAT_VERSION,
    [MetadataKeys.labels]: JSON.stringify(labels),
    [MetadataKeys.featurizer]: canonicalFeaturizerJson(smallFeaturizer),
    [MetadataKeys.temperature]: '1',
    [MetadataKeys.confidenceThreshold]: '0.5',
    ...overrides,
  };
  return Object.entries(props).flatMap(([key, value]) => (value === undefined ? [] : [{ key, value }]));
}

/**
 * A "brought" classifier with a different architecture than Ciclo's own: max-pooled embeddings
 * (weights ignored except as a mask) → softmax. Follows the same contract, so it must load.
 */
export function maxPoolClassifier(options: {
  labels?: readonly string[];
  buckets?: number;
  metadata?: Array<{ key: string; value: string }>;
  idsName?: string;
  idsType?: number;
  weightsRank?: 2 | 3;
  outputName?: string;
  softmax?: boolean;
} = {}): Uint8Array {
  const labels = options.labels ?? ['yes', 'no', 'maybe'];
  const buckets = options.buckets ?? smallFeaturizer.buckets;
  const rand = seededRandom(99);
  const table = Float32Array.from({ length: buckets * labels.length }, () => rand() * 2 - 1);
  const idsName = options.idsName ?? 'input_ids';
  const outputName = options.outputName ?? 'probabilities';
  const nodes: onnx.INodeProto[] = [
    node('Gather', ['table', idsName], ['rows'], [intAttribute('axis', 0)]),
    node('Unsqueeze', ['feature_weights', 'axis_last'], ['w3']),
    node('Mul', ['rows', 'w3'], ['masked']),
    node('ReduceMax', ['masked'], ['pooled'], [{ name: 'axes', type: proto.AttributeProto.AttributeType.INTS, ints: [1] }, intAttribute('keepdims', 0)]),
    options.softmax === false ? node('Identity', ['pooled'], [outputName]) : node('Softmax', ['pooled'], [outputName], [intAttribute('axis', -1)]),
  ];
  return encodeModel({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'someone-else',
    graph: {
      name: 'brought',
      node: nodes,
      initializer: [floatTensor('table', [buckets, labels.length], table), int64Tensor('axis_last', [1], [2])],
      input: [
        tensorValueInfo(idsName, options.idsType ?? OnnxDataType.INT32, ['batch', 'features']),
        tensorValueInfo('feature_weights', OnnxDataType.FLOAT, options.weightsRank === 3 ? ['batch', 'features', 'extra'] : ['batch', 'features']),
      ],
      output: [tensorValueInfo(outputName, OnnxDataType.FLOAT, ['batch', labels.length])],
    },
    metadataProps: options.metadata ?? validMetadata(labels),
  });
}
