import onnxProto from 'onnx-proto';

/**
 * The protobufjs-generated ONNX messages. onnx-proto is CommonJS (`module.exports = $root`), which
 * Node's ESM loader only offers as a default export; this is the one place that knows it.
 * Types come from `import type { onnx } from 'onnx-proto'`.
 */
export const onnxRuntimeProto = onnxProto.onnx;
