/* eslint-disable @typescript-eslint/no-non-null-assertion -- test data is built in the test, indices are known to exist. */
import type { TrainingExample } from './train-options';
import { Prng } from './prng';

/** Tests only: a keyword-driven toy intent set — learnable, deterministic, fast. */
const CLASSES: Record<string, readonly string[]> = {
  order_status: ['pedido', 'entrega', 'rastreio', 'chegou', 'onde', 'order', 'tracking', 'where'],
  cancel_order: ['cancelar', 'cancelamento', 'desistir', 'anular', 'cancel', 'stop', 'abort', 'revoke'],
  password_reset: ['senha', 'acesso', 'login', 'esqueci', 'password', 'reset', 'locked', 'forgot'],
  greeting: ['olá', 'oi', 'bom', 'dia', 'hello', 'hi', 'hey', 'morning'],
  complaint: ['péssimo', 'reclamação', 'horrível', 'absurdo', 'terrible', 'awful', 'complaint', 'worst'],
};
const FILLERS = ['o', 'a', 'meu', 'minha', 'por', 'favor', 'the', 'my', 'please', 'can', 'you', 'eu', 'quero', 'i', 'want', 'isso'];

export function syntheticIntents(perClass: number, seed = 7, counts?: Record<string, number>): TrainingExample[] {
  const prng = new Prng(seed);
  const pick = <T>(items: readonly T[]): T => items[prng.int(items.length)]!;
  const out: TrainingExample[] = [];
  for (const [label, words] of Object.entries(CLASSES)) {
    const n = counts?.[label] ?? perClass;
    for (let i = 0; i < n; i++) {
      const tokens = [pick(words), pick(words), pick(FILLERS), pick(FILLERS), pick(FILLERS)];
      const order = Int32Array.from(tokens.keys());
      prng.shuffle(order);
      out.push({ text: Array.from(order, (k) => tokens[k]!).join(' '), label });
    }
  }
  return out;
}

export const syntheticLabels = Object.keys(CLASSES);
