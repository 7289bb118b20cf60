import type { onnx } from 'onnx-proto';
import { InvalidModelError } from './invalid-model-error';
import { onnxRuntimeProto as proto } from './onnx-proto-runtime';

/**
 * Parse ONNX bytes into the protobuf message. Tensor payloads stay views into `bytes`, so this is
 * cheap even for large models.
 *
 * @throws InvalidModelError when the bytes are not an ONNX model (empty, truncated, random).
 */
export function decodeOnnxModel(bytes: Uint8Array): onnx.ModelProto {
  if (bytes.byteLength === 0) throw new InvalidModelError('model file is empty');
  let model: onnx.ModelProto;
  try {
    model = proto.ModelProto.decode(bytes);
  } catch (error) {
    throw new InvalidModelError(`model file is not a valid ONNX protobuf (truncated or corrupt): ${(error as Error).message}`, { cause: error });
  }
  if (!model.graph) throw new InvalidModelError('model file has no graph (not an ONNX model, or truncated)');
  return model;
}

/** `metadata_props` of an ONNX model as a plain object (later duplicates win, as in ONNX Runtime). */
export function metadataPropsOf(model: onnx.IModelProto): Record<string, string> {
  const props: Record<string, string> = {};
  for (const entry of model.metadataProps ?? []) {
    if (entry.key) props[entry.key] = entry.value ?? '';
  }
  return props;
}

/**
 * Read `metadata_props` without loading the model into a runtime (registry uploads, CLI `show`).
 * Use `parseModelMetadata` to check them against the contract.
 */
export function readOnnxMetadata(bytes: Uint8Array): Record<string, string> {
  return metadataPropsOf(decodeOnnxModel(bytes));
}
