import { z } from 'zod';
import { Limits } from '../limits';
import { unstorableTextProblem } from './storable-text';

export interface JsonBounds {
  /** Nesting levels: the object itself is level 1. */
  readonly maxDepth: number;
  /** Values (objects, arrays, strings, numbers, booleans, nulls), the object itself included. */
  readonly maxValues: number;
}

export interface JsonProblem {
  /** Where, below the checked value (empty = the value as a whole). */
  readonly path: (string | number)[];
  readonly message: string;
}

/** One value still to visit, linked to its parent so a path is only built when there is a problem. */
interface Pending {
  readonly value: unknown;
  readonly depth: number;
  readonly key: string | number | undefined;
  readonly parent: Pending | undefined;
}

function pathOf(entry: Pending | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let e = entry; e?.key !== undefined; e = e.parent) path.unshift(e.key);
  return path;
}

/**
 * The first reason parsed JSON `value` is out of `bounds` or holds text PostgreSQL cannot store
 * (in a key or a string), or undefined. Iterative, and stops at the first problem, so a value nested
 * thousands of levels deep costs `maxDepth` steps, not a stack overflow.
 */
export function findJsonProblem(value: unknown, bounds: JsonBounds): JsonProblem | undefined {
  const tooMany: JsonProblem = { path: [], message: `must hold at most ${bounds.maxValues} values` };
  const stack: Pending[] = [{ value, depth: 1, key: undefined, parent: undefined }];
  let seen = 1;
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const current = entry.value;
    if (typeof current === 'string') {
      const problem = unstorableTextProblem(current);
      if (problem !== undefined) return { path: pathOf(entry), message: problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (entry.depth > bounds.maxDepth) return { path: [], message: `must nest at most ${bounds.maxDepth} levels deep` };
    // Counted before the children are listed, so a huge array costs no copy.
    const keys = Array.isArray(current) ? undefined : Object.keys(current);
    seen += keys ? keys.length : (current as unknown[]).length;
    if (seen > bounds.maxValues) return tooMany;
    const parent = entry;
    if (keys === undefined) {
      (current as unknown[]).forEach((child, i) => stack.push({ value: child, depth: parent.depth + 1, key: i, parent }));
      continue;
    }
    for (const key of keys) {
      const problem = unstorableTextProblem(key);
      if (problem !== undefined) return { path: pathOf(parent), message: `key ${JSON.stringify(key)}: ${problem}` };
      stack.push({ value: (current as Record<string, unknown>)[key], depth: parent.depth + 1, key, parent });
    }
  }
  return undefined;
}

/**
 * A free-form JSON object (version `metrics`, `params`): any keys and values, bounded in depth and
 * size by {@link Limits} and holding only text the database can store, so no input reaches a
 * recursive serialiser or PostgreSQL that either cannot handle.
 */
export function boundedJson(bounds: JsonBounds = { maxDepth: Limits.jsonDepthMax, maxValues: Limits.jsonValuesMax }) {
  return z
    .record(z.string(), z.unknown())
    .superRefine((value, ctx) => {
      const problem = findJsonProblem(value, bounds);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    })
    .describe(`Any JSON object, at most ${bounds.maxDepth} levels deep and ${bounds.maxValues} values.`);
}
