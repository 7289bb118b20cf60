import { ImportError, importLabelledFile, type ImportResult, type LabelCase } from '@ciclo/ml';
import { CliError } from '../cli-error';

const LABEL_CASES: readonly string[] = ['keep', 'lower', 'strict'] satisfies LabelCase[];

export function isLabelCase(value: string | undefined): value is LabelCase {
  return value !== undefined && LABEL_CASES.includes(value);
}

/**
 * `ciclo import-check <file>`: reads a user's labelled CSV/JSONL exactly as training will and
 * says what would be imported, what would be skipped (line and reason), which rows repeat an
 * earlier one and are dropped, and which texts carry conflicting labels. Exit 0 when every row
 * is usable, 1 when some rows would be skipped.
 */
export async function importCheckCommand(file: string, options: { json: boolean; maxShown: number; labelCase?: LabelCase }): Promise<number> {
  let result;
  try {
    result = await importLabelledFile(file, { labelCase: options.labelCase ?? 'keep' });
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(`${file}: ${error.message}`, 1);
    throw error;
  }
  const { summary, skipped, duplicates, conflicts } = result;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ summary, skipped, duplicates, conflicts }, null, 2)}\n`);
  } else {
    process.stdout.write(`${report(file, result, options.maxShown).join('\n')}\n`);
  }
  return skipped.length > 0 ? 1 : 0;
}

function report(file: string, { summary, skipped, duplicates, conflicts }: ImportResult, maxShown: number): string[] {
  const lines = [
    `${file}: ${summary.imported} of ${summary.read} rows importable` +
      `, ${summary.skipped} skipped, ${summary.duplicates} duplicate(s) dropped, ${summary.conflicts} conflicting text(s)`,
  ];
  if (summary.metadataKeys.length > 0) lines.push(`other columns kept as metadata: ${summary.metadataKeys.join(', ')}`);
  lines.push('', 'examples per label:', ...Object.entries(summary.byLabel).map(([label, n]) => `  ${label.padEnd(24)} ${n}`));
  if (skipped.length > 0) {
    lines.push('', 'skipped rows (fix these and run again):');
    for (const row of skipped.slice(0, maxShown)) lines.push(`  line ${row.line}: ${row.reason}`);
    if (skipped.length > maxShown) lines.push(`  … and ${skipped.length - maxShown} more (use --json for all)`);
  }
  if (duplicates.length > 0) {
    lines.push('', 'duplicate rows dropped (same text and label as an earlier row):');
    for (const d of duplicates.slice(0, maxShown)) lines.push(`  line ${d.line} repeats line ${d.firstLine}: ${JSON.stringify(clip(d.text))} → ${d.label}`);
    const more = summary.duplicates - Math.min(duplicates.length, maxShown);
    if (more > 0) lines.push(`  … and ${more} more`);
  }
  if (conflicts.length > 0) {
    lines.push('', 'texts with more than one label (both kept; decide which is right):');
    for (const c of conflicts.slice(0, maxShown)) lines.push(`  lines ${c.lines.join(', ')}: ${c.labels.join(' vs ')}`);
  }
  return lines;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
