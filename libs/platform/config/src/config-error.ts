/** Raised when environment variables do not satisfy an app's schema; lists every bad variable. */
export class ConfigError extends Error {
  constructor(
    readonly appName: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(
      `Invalid configuration for ${appName}:\n` +
        issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface ConfigIssue {
  /** The environment variable at fault, e.g. `DATABASE_URL`. */
  readonly variable: string;
  /** What is wrong and what would be accepted. */
  readonly message: string;
}
