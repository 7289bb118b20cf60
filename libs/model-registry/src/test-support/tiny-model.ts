// Test fixture: real, tiny ONNX classifiers trained in a few milliseconds.
import { exportOnnxArtifact, trainClassifier, type TrainingExample } from '@ciclo/ml';

export const TINY_LABELS = ['cancel', 'greet', 'order_status'] as const;

const examples: TrainingExample[] = [
  { text: 'oi tudo bem', label: 'greet' },
  { text: 'olá bom dia', label: 'greet' },
  { text: 'hello there', label: 'greet' },
  { text: 'quero cancelar meu pedido', label: 'cancel' },
  { text: 'cancel my order please', label: 'cancel' },
  { text: 'cancelar compra', label: 'cancel' },
  { text: 'onde está meu pedido', label: 'order_status' },
  { text: 'where is my order', label: 'order_status' },
  { text: 'status da entrega', label: 'order_status' },
];

/** A valid artifact; different seeds give different bytes. `labels` renames the classes (label-set tests). */
export async function tinyModel(options: { seed?: number; task?: string; labels?: readonly string[] } = {}): Promise<Uint8Array> {
  const rename = new Map(TINY_LABELS.map((l, i) => [l as string, options.labels?.[i] ?? l]));
  const data = examples.map((e) => ({ text: e.text, label: rename.get(e.label) ?? e.label }));
  const trained = await trainClassifier(data, {
    seed: options.seed ?? 1,
    epochs: 3,
    validationFraction: 0,
    earlyStoppingPatience: null,
    featurizer: { buckets: 1024 },
  });
  return exportOnnxArtifact(trained.weights, {
    temperature: 1,
    confidenceThreshold: 0.4,
    trainingDataSha256: 'b'.repeat(64),
    task: options.task ?? 'intent',
    language: 'pt-BR',
    libraryVersion: '0.1.0',
    createdAt: '2026-11-22T00:00:00.000Z',
  }).bytes;
}
