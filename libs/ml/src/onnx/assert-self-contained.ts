import type { onnx } from 'onnx-proto';
import { InvalidModelError } from './invalid-model-error';

const EXTERNAL = 1;

function checkTensor(tensor: onnx.ITensorProto | null | undefined, where: string): void {
  if (!tensor) return;
  if (tensor.dataLocation === EXTERNAL || (tensor.externalData?.length ?? 0) > 0) {
    throw new InvalidModelError(`tensor "${tensor.name ?? ''}" (${where}) uses external data; models must be one self-contained file`);
  }
}

function checkGraph(graph: onnx.IGraphProto | null | undefined, depth: number): void {
  if (!graph) return;
  // A legitimate classifier nests If/Loop bodies a few levels at most.
  if (depth > 16) throw new InvalidModelError('model graphs are nested too deeply');
  for (const tensor of graph.initializer ?? []) checkTensor(tensor, 'initializer');
  for (const sparse of graph.sparseInitializer ?? []) {
    checkTensor(sparse.values, 'sparse initializer');
    checkTensor(sparse.indices, 'sparse initializer');
  }
  for (const n of graph.node ?? []) {
    for (const attribute of n.attribute ?? []) {
      checkTensor(attribute.t, `attribute of ${n.opType ?? '?'}`);
      for (const tensor of attribute.tensors ?? []) checkTensor(tensor, `attribute of ${n.opType ?? '?'}`);
      checkGraph(attribute.g, depth + 1);
      for (const g of attribute.graphs ?? []) checkGraph(g, depth + 1);
    }
  }
}

/**
 * Refuse tensors stored outside the file. Loaded from bytes, ONNX Runtime would resolve them
 * against the working directory, so a brought model could make the server read arbitrary files.
 */
export function assertSelfContained(model: onnx.IModelProto): void {
  checkGraph(model.graph, 0);
  for (const fn of model.functions ?? []) {
    for (const n of fn.node ?? []) for (const attribute of n.attribute ?? []) checkTensor(attribute.t, `function ${fn.name ?? '?'}`);
  }
}
