import { z } from 'zod';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why PostgreSQL cannot store `value`, or undefined when it can: `text` and `jsonb` refuse NUL
 * (U+0000), and a lone UTF-16 surrogate has no UTF-8 encoding. Refused, never stripped: a
 * silently changed name or reason would be worse than a 400.
 */
export function unstorableTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain lone UTF-16 surrogates (e.g. \\ud800)';
  return undefined;
}

/** `schema` (a string or a string format such as `z.url()`) refusing text PostgreSQL cannot store. */
export function storable<T extends z.ZodType<string>>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const problem = unstorableTextProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }) as T;
}

/**
 * The string every request schema starts from: any text the database can store. Chain the usual
 * checks after it (`storableText().trim().min(1).max(100)`).
 */
export function storableText(): z.ZodString {
  return storable(z.string());
}
