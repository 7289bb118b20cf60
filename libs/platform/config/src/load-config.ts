import { ConfigError } from './config-error';

/**
 * Runs an app's config parser at boot. A {@link ConfigError} is printed as a plain message naming
 * the variables and the process exits with status 78 (EX_CONFIG); any other error is rethrown.
 */
export function loadConfigOrExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
