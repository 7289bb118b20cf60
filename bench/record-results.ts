// A benchmark prints its figures; it changes the repository (its bench/results/*.json, its
// section of docs/benchmarks.md) only when run with --write. A trial run, a run on another
// machine or one made while tuning leaves the working tree as it was; recording is a decision.

/** Whether the command line asked to record the figures. */
export const writeRequested: boolean = process.argv.slice(2).includes('--write');

/** The command-line arguments without --write, for benchmarks that take arguments of their own. */
export function benchArguments(): string[] {
  return process.argv.slice(2).filter((arg) => arg !== '--write');
}

/**
 * True when the figures are to be written to `files` (repository-relative, for the message);
 * otherwise says on stderr that they were left alone and how to record them.
 */
export function shouldRecord(files: readonly string[]): boolean {
  if (!writeRequested) console.error(`Not recorded (${files.join(', ')} unchanged): rerun with --write to record these figures.`);
  return writeRequested;
}
