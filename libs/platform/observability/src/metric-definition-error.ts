/**
 * A metric declared against the house rules (name, unit, help, labels) or declared twice with
 * different definitions. Thrown at declaration time, when an app boots, never while serving: a
 * broken declaration is a programming error and must stop the app before it exports bad series.
 */
export class MetricDefinitionError extends Error {
  constructor(
    readonly metric: string,
    message: string,
  ) {
    super(`metric ${metric}: ${message}`);
    this.name = 'MetricDefinitionError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
