import { exportOnnxArtifact, trainClassifier } from '@ciclo/ml';

const EXAMPLES = [
  { text: 'oi tudo bem', label: 'greet' },
  { text: 'hello there', label: 'greet' },
  { text: 'quero cancelar meu pedido', label: 'cancel' },
  { text: 'cancel my order please', label: 'cancel' },
  { text: 'onde está meu pedido', label: 'order_status' },
  { text: 'where is my order', label: 'order_status' },
];

/** Labels of {@link tinyModel}, in output order. */
export const TINY_MODEL_LABELS = ['cancel', 'greet', 'order_status'] as const;

export interface TinyModelOptions {
  /** Hash buckets of the featuriser (default 512); more buckets make a bigger artifact and session. */
  readonly buckets?: number;
  /** The task written into the artifact's metadata (the registry checks it against the model's). Default `intent`. */
  readonly task?: string;
  /** Renames the classes, in {@link TINY_MODEL_LABELS} order (label-set tests). */
  readonly labels?: readonly string[];
}

/**
 * A real ONNX classifier (labels cancel, greet, order_status) trained in milliseconds; different
 * seeds give different bytes and probabilities, so tests can tell versions apart by output.
 */
export async function tinyModel(seed: number, options: TinyModelOptions = {}): Promise<Uint8Array> {
  const rename = new Map(TINY_MODEL_LABELS.map((l, i) => [l as string, options.labels?.[i] ?? l]));
  const examples = EXAMPLES.map((e) => ({ text: e.text, label: rename.get(e.label) ?? e.label }));
  const trained = await trainClassifier(examples, {
    seed,
    epochs: 3,
    validationFraction: 0,
    earlyStoppingPatience: null,
    featurizer: { buckets: options.buckets ?? 512 },
  });
  return exportOnnxArtifact(trained.weights, {
    temperature: 1,
    confidenceThreshold: 0.4,
    trainingDataSha256: 'c'.repeat(64),
    task: options.task ?? 'intent',
    language: 'pt-BR',
    libraryVersion: '0.1.0',
    createdAt: '2026-11-22T00:00:00.000Z',
  }).bytes;
}
