import { AppError } from '@ciclo/platform-contracts';

/** `prisma migrate deploy` failed or could not run; `output` holds what the CLI printed. */
export class MigrationError extends AppError {
  static readonly code = 'CICLO_ERR_DB_MIGRATION_FAILED';

  constructor(
    message: string,
    /** The CLI's stderr (and stdout tail), with the database password masked. */
    readonly output: string,
    readonly exitCode: number | null,
    cause?: unknown,
  ) {
    super(MigrationError.code, message, 500, cause === undefined ? undefined : { cause });
    this.name = 'MigrationError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
