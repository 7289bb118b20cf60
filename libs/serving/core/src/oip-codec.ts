import { TextClassifierOutputs, type OipInferOutput, type OipInferRequest, type TextClassifierOutput } from '@ciclo/platform-contracts';
import type { Prediction } from '@ciclo/ml';
import { InvalidInferInputError } from './errors/invalid-infer-input-error';
import { LimitExceededError } from './errors/limit-exceeded-error';

export interface TextLimits {
  /** Most texts in one request. */
  readonly maxTexts: number;
  /** Most characters (UTF-16 code units) in one text. */
  readonly maxTextChars: number;
  /** Names of the settings, so a limit error says what to change. */
  readonly settings?: { readonly maxTexts?: string; readonly maxTextChars?: string };
}

export interface DecodedInferRequest {
  readonly texts: string[];
  /** Outputs to send back, in the order asked (all three when the request names none). */
  readonly outputs: readonly TextClassifierOutput[];
}

/** Every text within the limits, or a 413 naming the limit that was hit. */
export function checkTextLimits(texts: readonly string[], limits: TextLimits): void {
  if (texts.length > limits.maxTexts) {
    throw new LimitExceededError(`${texts.length} texts in one request; the limit is ${limits.maxTexts} texts per request${settingHint(limits.settings?.maxTexts)}`, {
      limit: 'texts per request',
      max: limits.maxTexts,
      actual: texts.length,
    });
  }
  for (const [index, text] of texts.entries()) {
    if (text.length > limits.maxTextChars) {
      throw new LimitExceededError(`text ${index} has ${text.length} characters; the limit is ${limits.maxTextChars} characters per text${settingHint(limits.settings?.maxTextChars)}`, {
        limit: 'characters per text',
        max: limits.maxTextChars,
        actual: text.length,
        index,
      });
    }
  }
}

function settingHint(setting: string | undefined): string {
  return setting ? ` (${setting})` : '';
}

/**
 * The texts of an Open Inference Protocol request to a Ciclo classifier: exactly one `BYTES`
 * input whose shape is `[n]` or `[n, 1]` and whose data (flat or nested, as the protocol allows)
 * holds n strings. Each way of getting it wrong has its own message.
 */
export function decodeInferRequest(request: OipInferRequest, limits: TextLimits): DecodedInferRequest {
  if (request.inputs.length === 0) throw new InvalidInferInputError('inputs is empty: send one BYTES tensor of texts, e.g. {"name":"text","datatype":"BYTES","shape":[1],"data":["hello"]}');
  if (request.inputs.length > 1) {
    throw new InvalidInferInputError(`this model takes exactly one input (a BYTES tensor of texts); got ${request.inputs.length}: ${request.inputs.map((i) => `"${i.name}"`).join(', ')}`);
  }
  const input = request.inputs[0] as OipInferRequest['inputs'][number];
  if (input.datatype !== 'BYTES') {
    throw new InvalidInferInputError(`input "${input.name}" has datatype ${input.datatype}; this model takes BYTES (UTF-8 texts)`, { input: input.name, datatype: input.datatype });
  }
  const data = input.data.flat(Infinity as 1);
  const nonText = data.findIndex((d) => typeof d !== 'string');
  if (nonText !== -1) {
    throw new InvalidInferInputError(`input "${input.name}" element ${nonText} is ${describe(data[nonText])}, not a string; BYTES data must be texts`, { input: input.name, index: nonText });
  }
  const shape = input.shape;
  if (shape.length < 1 || shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
    throw new InvalidInferInputError(`input "${input.name}" has shape [${shape.join(', ')}]; it must be [n] or [n, 1] (one text per row)`, { input: input.name, shape });
  }
  const elements = shape.reduce((a, b) => a * b, 1);
  if (elements !== data.length) {
    throw new InvalidInferInputError(`input "${input.name}" has shape [${shape.join(', ')}] (${elements} elements) but its data holds ${data.length}`, {
      input: input.name,
      shape,
      elements: data.length,
    });
  }
  if (data.length === 0) throw new InvalidInferInputError(`input "${input.name}" holds no texts; send at least one`, { input: input.name });
  const texts = data as string[];
  checkTextLimits(texts, limits);
  return { texts, outputs: requestedOutputs(request) };
}

function requestedOutputs(request: OipInferRequest): readonly TextClassifierOutput[] {
  if (!request.outputs || request.outputs.length === 0) return TextClassifierOutputs;
  const known = new Set<string>(TextClassifierOutputs);
  for (const output of request.outputs) {
    if (!known.has(output.name)) {
      throw new InvalidInferInputError(`unknown output "${output.name}"; this model gives ${TextClassifierOutputs.join(', ')}`, { output: output.name });
    }
  }
  return [...new Set(request.outputs.map((o) => o.name as TextClassifierOutput))];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Output tensors for the predictions, one row per text; `probabilities` carries its label order.
 * Fields are in the order of the `OipInferOutput` schema, which `serializeInferResponse` relies on.
 */
export function encodeInferOutputs(predictions: readonly Prediction[], labels: readonly string[], outputs: readonly TextClassifierOutput[]): OipInferOutput[] {
  const n = predictions.length;
  return outputs.map((name): OipInferOutput => {
    switch (name) {
      case 'label':
        return { name, shape: [n], datatype: 'BYTES', data: predictions.map((p) => p.label) };
      case 'confidence':
        return { name, shape: [n], datatype: 'FP32', data: predictions.map((p) => p.confidence) };
      case 'probabilities': {
        // Filled by push, not preallocated: a packed array serialises faster than a holey one.
        const data: number[] = [];
        for (const p of predictions) for (const value of p.probabilities) data.push(value);
        return { name, shape: [n, labels.length], datatype: 'FP32', parameters: { labels: [...labels] }, data };
      }
    }
  });
}
