/**
 * A row's extra values (CSV columns, JSONL fields besides text/label/language) as the strings
 * kept in `LabelledExample.metadata`: a string as written, a JSON number or boolean as its JSON
 * text, a JSON object or array as compact JSON. Blank strings and JSON `null` mean "no value" and
 * are left out, so both formats agree on what an absent value is. Undefined when nothing is left
 * (most rows), so examples without extra values carry no object at all.
 */
export function rowMetadata(entries: Iterable<readonly [string, unknown]>): Readonly<Record<string, string>> | undefined {
  const kept: [string, string][] = [];
  for (const [name, value] of entries) {
    const text = metadataText(value);
    if (text !== null) kept.push([name, text]);
  }
  // fromEntries defines own properties, so a column called "__proto__" stays a plain key.
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

function metadataText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return JSON.stringify(value);
}
