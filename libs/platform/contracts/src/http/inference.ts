import { Limits, NamePatterns } from '../limits';
import { z } from 'zod';

// HTTP bodies of the nlp-service: the Open Inference Protocol v2 REST API (the protocol KServe,
// MLServer and Triton speak; field names are the protocol's own snake_case) and `/v1/analyze`.

const parameters = z.record(z.string(), z.unknown());

/** OIP tensor datatypes. The text classifiers take `BYTES` in and give `BYTES`/`FP32` out. */
export const OipDatatype = z.enum(['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES']);
export type OipDatatype = z.infer<typeof OipDatatype>;

/**
 * `:name` (and `:version`) of `/v2/models/…`: a name the registry could hold (its own rule), version
 * a whole number. Anything else (`../../etc/passwd`) is a 400 here, before the registry is asked.
 */
export const OipModelParams = z.object({
  name: z.string().regex(NamePatterns.model, `must be a model name: 1–${Limits.modelNameChars} characters, a-z, 0-9, ".", "_", "-", starting with a letter or digit`),
});
export type OipModelParams = z.infer<typeof OipModelParams>;
export const OipVersionParams = OipModelParams.extend({
  version: z.string().regex(/^[1-9][0-9]{0,8}$/, 'must be a version number (1, 2, …)'),
});
export type OipVersionParams = z.infer<typeof OipVersionParams>;

/**
 * One input tensor. `data` is kept loose here (flat or nested, any JSON) so that a wrong
 * datatype or shape gets the protocol's own error message from the decoder, not a schema dump.
 */
export const OipInferInput = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  datatype: z.string().min(1),
  parameters: parameters.optional(),
  data: z.array(z.unknown()),
});
export type OipInferInput = z.infer<typeof OipInferInput>;

export const OipRequestedOutput = z.object({ name: z.string().min(1), parameters: parameters.optional() });
export type OipRequestedOutput = z.infer<typeof OipRequestedOutput>;

/** `POST /v2/models/{name}[/versions/{v}]/infer`. */
export const OipInferRequest = z.object({
  id: z.string().max(256).optional(),
  parameters: parameters.optional(),
  inputs: z.array(OipInferInput),
  outputs: z.array(OipRequestedOutput).optional(),
});
export type OipInferRequest = z.infer<typeof OipInferRequest>;

export const OipInferOutput = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  datatype: OipDatatype,
  parameters: parameters.optional(),
  data: z.array(z.union([z.string(), z.number()])),
});
export type OipInferOutput = z.infer<typeof OipInferOutput>;

export const OipInferResponse = z.object({
  model_name: z.string(),
  /** The version that produced every output of this response (one version per response). */
  model_version: z.string(),
  id: z.string().optional(),
  parameters: parameters.optional(),
  outputs: z.array(OipInferOutput),
});
export type OipInferResponse = z.infer<typeof OipInferResponse>;

/** The protocol's error body; `code` is Ciclo's stable code (clients of the protocol read `error`). */
export const OipErrorBody = z.object({ error: z.string(), code: z.string() });
export type OipErrorBody = z.infer<typeof OipErrorBody>;

export const OipTensorMetadata = z.object({ name: z.string(), datatype: OipDatatype, shape: z.array(z.number().int()) });
export type OipTensorMetadata = z.infer<typeof OipTensorMetadata>;

/** `GET /v2`. */
export const OipServerMetadata = z.object({ name: z.string(), version: z.string(), extensions: z.array(z.string()) });
export type OipServerMetadata = z.infer<typeof OipServerMetadata>;

/** `GET /v2/models/{name}[/versions/{v}]`. */
export const OipModelMetadata = z.object({
  name: z.string(),
  /** Versions loaded here now (the production version first). */
  versions: z.array(z.string()),
  platform: z.string(),
  inputs: z.array(OipTensorMetadata),
  outputs: z.array(OipTensorMetadata),
  parameters: parameters.optional(),
});
export type OipModelMetadata = z.infer<typeof OipModelMetadata>;

/** `GET /v2/health/*` and `…/ready`: the status code is the answer (200 true, 4xx false). */
export const OipReadyBody = z.object({ ready: z.boolean(), name: z.string().optional(), version: z.string().optional() });
export type OipReadyBody = z.infer<typeof OipReadyBody>;
export const OipLiveBody = z.object({ live: z.boolean() });
export type OipLiveBody = z.infer<typeof OipLiveBody>;

const ANALYZE_WHAT_TO_SEND = 'give `text` (a string) or `texts` (a non-empty array of strings)';
/** An empty text is refused: a classifier would still name a label for it, confidently and meaninglessly. */
const analyzedText = z.string({ error: `must be a string: ${ANALYZE_WHAT_TO_SEND}` }).min(1, 'must not be empty');

/**
 * `POST /v1/analyze`: one text (`text`) or many (`texts`), scored by the production intent and
 * sentiment models. One object with a check rather than a union, so that a body giving neither
 * field (or both) gets a 400 naming the field, not a union's bare "Invalid input".
 */
export const AnalyzeBody = z
  .strictObject({
    text: analyzedText.optional(),
    texts: z.array(analyzedText, { error: `must be an array: ${ANALYZE_WHAT_TO_SEND}` }).min(1, 'must hold at least one text').optional(),
  })
  .check((ctx) => {
    const { text, texts } = ctx.value;
    if ((text === undefined) === (texts === undefined)) {
      const message = text === undefined ? `is missing: ${ANALYZE_WHAT_TO_SEND}` : `cannot be given with \`texts\`: ${ANALYZE_WHAT_TO_SEND}, not both`;
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['text'], message });
    }
  });
export type AnalyzeBody = z.infer<typeof AnalyzeBody>;

export const RankedLabel = z.object({ label: z.string(), confidence: z.number() });
export type RankedLabel = z.infer<typeof RankedLabel>;

export const TaskPrediction = z.object({
  label: z.string(),
  confidence: z.number(),
  /** Under the version's confidence threshold: the bot should ask instead of guessing. */
  belowThreshold: z.boolean(),
  /** The best labels, most probable first (the clarification question offers the top two). */
  ranking: z.array(RankedLabel),
});
export type TaskPrediction = z.infer<typeof TaskPrediction>;

export const AnalyzeResponse = z.object({
  results: z.array(z.object({ intent: TaskPrediction, sentiment: TaskPrediction })),
  /** The versions that produced these results. */
  models: z.object({ intent: z.object({ version: z.number().int() }), sentiment: z.object({ version: z.number().int() }) }),
});
export type AnalyzeResponse = z.infer<typeof AnalyzeResponse>;

/** The tensors every Ciclo text classifier takes and gives over the protocol. */
export const TEXT_CLASSIFIER_INPUT = 'text';
export const TextClassifierOutputs = ['label', 'confidence', 'probabilities'] as const;
export type TextClassifierOutput = (typeof TextClassifierOutputs)[number];

/**
 * Protocol metadata of a Ciclo classifier (the registry describes stored versions with it, the
 * nlp-service the loaded ones): one text in; label, confidence and the class distribution out.
 */
export function textClassifierOipMetadata(name: string, versions: readonly number[], classes: number, extra?: Record<string, unknown>): OipModelMetadata {
  return {
    name,
    versions: versions.map(String),
    platform: 'onnxruntime',
    inputs: [{ name: TEXT_CLASSIFIER_INPUT, datatype: 'BYTES', shape: [-1] }],
    outputs: [
      { name: 'label', datatype: 'BYTES', shape: [-1] },
      { name: 'confidence', datatype: 'FP32', shape: [-1] },
      { name: 'probabilities', datatype: 'FP32', shape: [-1, classes > 0 ? classes : -1] },
    ],
    ...(extra ? { parameters: extra } : {}),
  };
}
