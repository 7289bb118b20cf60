import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses environment variables against a zod object schema whose keys are the variable names.
 * Empty strings count as unset, so `PORT=` falls back to the default instead of failing as "".
 * Throws one {@link ConfigError} naming every bad variable — never a bare zod stack trace.
 */
export function parseEnv<S extends z.ZodObject>(appName: string, schema: S, env: Env): z.infer<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ConfigIssue[] = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const given = input[variable];
    const shown = given === undefined ? 'not set' : `got ${JSON.stringify(redactSecrets(given))}`;
    return { variable, message: `${issue.message} (${shown})` };
  });
  throw new ConfigError(appName, issues);
}

/** Hides the password part of URLs so a config error never prints a secret. */
export function redactSecrets(value: string): string {
  return value.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/, '$1***@');
}
