import type { onnx } from 'onnx-proto';
import { onnxRuntimeProto as proto } from './onnx-proto-runtime';

const DataType = proto.TensorProto.DataType;
const AttributeType = proto.AttributeProto.AttributeType;

// ONNX raw_data is little-endian; copying typed-array bytes is only right on a little-endian host.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function rawBytes(values: ArrayBufferView): Uint8Array {
  if (!littleEndian) throw new Error('ONNX export needs a little-endian host');
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export function floatTensor(name: string, dims: readonly number[], values: Float32Array): onnx.ITensorProto {
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: rawBytes(values) };
}

/** float16 values given as their bit patterns. */
export function float16Tensor(name: string, dims: readonly number[], bits: Uint16Array): onnx.ITensorProto {
  return { name, dims: [...dims], dataType: DataType.FLOAT16, rawData: rawBytes(bits) };
}

export function int8Tensor(name: string, dims: readonly number[], values: Int8Array): onnx.ITensorProto {
  return { name, dims: [...dims], dataType: DataType.INT8, rawData: rawBytes(values) };
}

export function int32Tensor(name: string, dims: readonly number[], values: Int32Array): onnx.ITensorProto {
  return { name, dims: [...dims], dataType: DataType.INT32, rawData: rawBytes(values) };
}

export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): onnx.ITensorProto {
  return { name, dims: [...dims], dataType: DataType.INT64, rawData: rawBytes(BigInt64Array.from(values, (v) => BigInt(v))) };
}

export function intAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: AttributeType.INT, i: value };
}

export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attribute: onnx.IAttributeProto[] = []): onnx.INodeProto {
  return { opType, input: [...inputs], output: [...outputs], name: outputs[0] ?? opType, attribute };
}

/** A tensor value whose dims are numbers (fixed) or strings (symbolic, e.g. `batch`). */
export function tensorValueInfo(name: string, elemType: number, dims: ReadonlyArray<number | string>): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export const OnnxDataType = DataType;
