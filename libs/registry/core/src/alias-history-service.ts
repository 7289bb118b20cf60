import { AliasNotFoundError } from './errors/alias-not-found-error';
import type { RegistryContext } from './registry-context';
import { pageSize } from './registry-input';
import { findAlias, findModel } from './registry-lookups';
import { toAliasEventRecord, toVersionRecord, type AliasEventRecord, type VersionRecord } from './registry-records';

/** Prisma `include` that gives a history row the version numbers its record shows. */
export const aliasEventInclude = { fromVersion: { select: { version: true } }, toVersion: { select: { version: true } } } as const;

export interface HistoryQuery {
  readonly alias?: string;
  readonly limit?: number;
  /** Entries older than this id (paging backwards). */
  readonly before?: string;
}

export interface AliasHistoryService {
  /** The version an alias points to now. */
  resolveAlias(model: string, alias: string): Promise<VersionRecord>;
  /** Alias history, newest first (all aliases of the model unless `alias` is given). */
  aliasHistory(model: string, query?: HistoryQuery): Promise<AliasEventRecord[]>;
  /** The version `alias` pointed to at instant `at` ("which version served production on 3 March at 14:00?"), or null. */
  aliasAt(model: string, alias: string, at: Date): Promise<number | null>;
}

/** Where aliases point now and where they pointed: reads of the permanent history the alias service writes. */
export function createAliasHistoryService(ctx: RegistryContext): AliasHistoryService {
  const { prisma } = ctx;
  return {
    async resolveAlias(model, alias) {
      const m = await findModel(prisma, model);
      const row = await findAlias(prisma, m.id, alias);
      if (!row) throw new AliasNotFoundError(`model "${m.name}" has no alias "${alias}"`, { model: m.name, alias });
      return toVersionRecord(m.name, row.version);
    },

    async aliasHistory(model, query = {}) {
      const m = await findModel(prisma, model);
      const rows = await prisma.aliasEvent.findMany({
        where: { modelId: m.id, ...(query.alias ? { alias: query.alias } : {}), ...(query.before ? { id: { lt: BigInt(query.before) } } : {}) },
        orderBy: { id: 'desc' },
        take: pageSize(query.limit),
        include: aliasEventInclude,
      });
      return rows.map((row) => toAliasEventRecord(m.name, row));
    },

    async aliasAt(model, alias, at) {
      const m = await findModel(prisma, model);
      const row = await prisma.aliasEvent.findFirst({
        where: { modelId: m.id, alias, createdAt: { lte: at } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        include: { toVersion: { select: { version: true } } },
      });
      return row?.toVersion?.version ?? null;
    },
  };
}
