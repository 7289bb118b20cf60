import type { Database, Model, Prisma } from '@ciclo/platform-db';
import type { ModelRegistryOptions } from './model-registry-options';
import { findModel } from './registry-lookups';

/** The client of an interactive transaction: every registry mutation runs in exactly one. */
export type Tx = Prisma.TransactionClient;
/** Reads outside a transaction go to the pool; reads inside one must use its client. */
export type RegistryClient = Tx | Database['prisma'];

/** What every registry service shares: the database, the clock and the one way to change a model. */
export interface RegistryContext {
  readonly prisma: Database['prisma'];
  readonly now: () => Date;
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One transaction holding the model's row lock, which serialises every change to one model
   * (versions, aliases, policy, webhooks); `work` gets the model as re-read under the lock.
   */
  withModelLock<T>(name: string, work: (tx: Tx, model: Model) => Promise<T>): Promise<T>;
}

export function createRegistryContext(options: ModelRegistryOptions): RegistryContext {
  const prisma = options.db.prisma;
  const txOptions = { maxWait: options.transaction?.maxWaitMs ?? 10_000, timeout: options.transaction?.timeoutMs ?? 30_000 };

  function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return prisma.$transaction(work, txOptions);
  }

  async function lockModel(tx: Tx, name: string): Promise<Model> {
    const model = await findModel(tx, name);
    await tx.$queryRaw`SELECT 1 FROM models WHERE id = ${model.id}::uuid FOR UPDATE`;
    // Re-read under the lock: labels or policy may have changed while we waited.
    return tx.model.findUniqueOrThrow({ where: { id: model.id } });
  }

  return {
    prisma,
    now: options.now ?? (() => new Date()),
    transaction,
    withModelLock: (name, work) => transaction(async (tx) => work(tx, await lockModel(tx, name))),
  };
}
