import type { Database } from '@ciclo/platform-db';

/** Rows per table, keyed `schema.table`. */
export type RowCounts = Readonly<Record<string, number>>;

/**
 * The row count of every table in the database, found in the catalog on each call, so a table a
 * migration adds (the outbox, the next context's tables) is counted without anyone listing it.
 * One statement: `query_to_xml` runs each table's `count(*)` from within it.
 */
export async function countRowsOfEveryTable(db: Database): Promise<RowCounts> {
  const rows = await db.prisma.$queryRaw<{ table: string; rows: bigint }[]>`
    SELECT format('%I.%I', n.nspname, c.relname) AS "table",
           (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint AS "rows"
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg_toast%'
     ORDER BY 1`;
  return Object.fromEntries(rows.map((row) => [row.table, Number(row.rows)]));
}

/** The tables whose count differs, as `table: before → after` (empty when nothing changed), leaving out the tables in `except`. */
export function rowCountChanges(before: RowCounts, after: RowCounts, except: readonly string[] = []): string[] {
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => !except.includes(t)).sort();
  return tables.filter((t) => before[t] !== after[t]).map((t) => `${t}: ${before[t] ?? 'absent'} → ${after[t] ?? 'absent'}`);
}
