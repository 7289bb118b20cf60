import { ImportError, importLabelledFile } from '@ciclo/ml';
import { CliError } from '../cli-error';

/**
 * `ciclo import-check <file>`: reads a user's labelled CSV/JSONL exactly as training will and
 * says what would be imported, what would be skipped (line and reason) and which texts carry
 * conflicting labels. Exit 0 when every row is usable, 1 when some rows would be skipped.
 */
export async function importCheckCommand(file: string, options: { json: boolean; maxShown: number }): Promise<number> {
  let result;
  try {
    result = await importLabelledFile(file);
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(`${file}: ${error.message}`, 1);
    throw error;
  }
  const { summary, skipped, conflicts } = result;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ summary, skipped, conflicts }, null, 2)}\n`);
  } else {
    const lines = [
      `${file}: ${summary.imported} of ${summary.read} rows importable` +
        `, ${summary.skipped} skipped, ${summary.duplicates} duplicate(s) dropped, ${summary.conflicts} conflicting text(s)`,
      '',
      'examples per label:',
      ...Object.entries(summary.byLabel).map(([label, n]) => `  ${label.padEnd(24)} ${n}`),
    ];
    if (skipped.length > 0) {
      lines.push('', 'skipped rows (fix these and run again):');
      for (const row of skipped.slice(0, options.maxShown)) lines.push(`  line ${row.line}: ${row.reason}`);
      if (skipped.length > options.maxShown) lines.push(`  … and ${skipped.length - options.maxShown} more (use --json for all)`);
    }
    if (conflicts.length > 0) {
      lines.push('', 'texts with more than one label (both kept; decide which is right):');
      for (const c of conflicts.slice(0, options.maxShown)) lines.push(`  lines ${c.lines.join(', ')}: ${c.labels.join(' vs ')}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return skipped.length > 0 ? 1 : 0;
}
