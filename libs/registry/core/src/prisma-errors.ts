import { Prisma } from '@ciclo/platform-db';

/** Unique constraint violated (a name or training run already taken). */
export const PRISMA_UNIQUE = 'P2002';
/** Foreign key violated (a referenced snapshot or run does not exist). */
export const PRISMA_FOREIGN_KEY = 'P2003';

export function isPrismaError(error: unknown, code: string): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}
