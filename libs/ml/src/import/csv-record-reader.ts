/** Receives what {@link CsvRecordReader} finds, in file order. */
export interface CsvRecordHandler {
  /** A complete record; `line` is where it starts (1-based). Blank lines are not reported. */
  record(fields: string[], line: number): void;
  /** A record that cannot be split into fields; `reason` says what to fix. */
  malformed(line: number, reason: string): void;
}

// Parser states (plain numbers: const enums do not survive isolatedModules).
const START_FIELD = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just saw a quote inside a quoted field: either the first of `""` or the closing quote. */
const QUOTE_SEEN = 3;
/** The record is broken; skip to its end, then report it. */
const BROKEN = 4;

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * An incremental RFC 4180 reader: feed it text in chunks of any size (a record, a quote pair or a
 * CRLF may straddle two chunks) and it reports records with the line each starts on.
 *
 * Accepted: quoted fields with `""` for a quote, commas and line breaks inside quotes, LF, CRLF
 * or lone CR line ends, a UTF-8 BOM, no final line break. Lenient where files in the wild need
 * it: a quote inside an unquoted field is kept as a character (`5" screen`), and blank lines are
 * skipped. Strict where guessing would import the wrong text: anything but a comma or line end
 * after a closing quote breaks the record, and a quote still open at the end of the input is
 * reported at the line it opened; reading then resumes on the next line, so one stray quote
 * costs one row instead of the rest of the file.
 *
 * Fields are cut out with `slice` rather than built char by char, which keeps 10k rows in a few
 * milliseconds.
 *
 * Kept instead of csv-parse (issue #9), for two reasons. Behaviour: csv-parse cannot reject text
 * after a closing quote while keeping a quote inside an unquoted field (`relax_quotes` switches
 * both), an unterminated quote swallows the rest of the file instead of costing one row, and its
 * `info.lines` counts a CRLF inside quotes as two lines, so every later line number drifts.
 * Speed (bench/csv-import.bench.ts, 200k CRLF rows, 2 cores): csv-parse alone took 925 ms, more
 * than this whole import path (reader + collector, 831 ms); with the `raw` + `info` options that
 * rebuilding line numbers would need, 2,897 ms.
 */
export class CsvRecordReader {
  readonly #handler: CsvRecordHandler;
  #state = START_FIELD;
  #fields: string[] = [];
  /** The current field's text carried over from earlier chunks or before a `""`. */
  #field = '';
  /** The current record's raw text from earlier chunks, to re-read it after an unterminated quote. */
  #raw: string[] = [];
  #line = 1;
  #recordLine = 1;
  #previousWasCr = false;
  #brokenReason = '';
  #atStart = true;

  constructor(handler: CsvRecordHandler) {
    this.#handler = handler;
  }

  /**
   * The state machine's hot loop. It stays one function on purpose: the cursor locals
   * (`i`, `fieldStart`, `recordStart`) are shared by every state, and a call per character would
   * cost the speed the comment above measures.
   */
  push(chunk: string): void {
    const n = chunk.length;
    let i = this.#skipBom(chunk);
    let fieldStart = i;
    let recordStart = i;
    for (; i < n; i++) {
      const ch = chunk.charCodeAt(i);
      if (ch === LF && this.#previousWasCr) {
        // The LF of a CRLF: the CR already ended the record or counted the line.
        this.#previousWasCr = false;
        if (this.#state === START_FIELD && this.#fields.length === 0) recordStart = i + 1;
        continue;
      }
      this.#previousWasCr = ch === CR;
      switch (this.#state) {
        case START_FIELD:
          if (ch === QUOTE) {
            this.#state = QUOTED;
            fieldStart = i + 1;
          } else if (ch === COMMA) {
            this.#fields.push('');
          } else if (ch === LF || ch === CR) {
            this.#fields.push('');
            this.#endRecord();
            recordStart = i + 1;
          } else {
            this.#state = UNQUOTED;
            fieldStart = i;
          }
          break;
        case UNQUOTED:
          if (ch === COMMA) {
            this.#fields.push(this.#field + chunk.slice(fieldStart, i));
            this.#field = '';
            this.#state = START_FIELD;
          } else if (ch === LF || ch === CR) {
            this.#fields.push(this.#field + chunk.slice(fieldStart, i));
            this.#field = '';
            this.#endRecord();
            recordStart = i + 1;
          }
          break;
        case QUOTED:
          if (ch === QUOTE) {
            this.#field += chunk.slice(fieldStart, i);
            this.#state = QUOTE_SEEN;
          } else if (ch === LF || ch === CR) {
            this.#line++;
          }
          break;
        case QUOTE_SEEN:
          if (ch === QUOTE) {
            this.#field += '"';
            fieldStart = i + 1;
            this.#state = QUOTED;
          } else if (ch === COMMA) {
            this.#fields.push(this.#field);
            this.#field = '';
            this.#state = START_FIELD;
          } else if (ch === LF || ch === CR) {
            this.#fields.push(this.#field);
            this.#field = '';
            this.#endRecord();
            recordStart = i + 1;
          } else {
            this.#brokenReason = textAfterClosingQuote(this.#fields.length + 1);
            this.#state = BROKEN;
          }
          break;
        default: // BROKEN
          if (ch === LF || ch === CR) {
            this.#endBrokenRecord();
            recordStart = i + 1;
          }
      }
    }
    if (this.#state === UNQUOTED || this.#state === QUOTED) this.#field += chunk.slice(fieldStart, n);
    if (recordStart < n) this.#raw.push(chunk.slice(recordStart, n));
  }

  /** Flushes the last record. The reader can be fed again afterwards only by a new instance. */
  end(): void {
    // Each pass either finishes or skips one unterminated-quote record and re-reads what follows it.
    for (;;) {
      switch (this.#state) {
        case QUOTED: {
          const line = this.#recordLine;
          this.#handler.malformed(
            line,
            `unterminated quote: the quoted field that starts on line ${line} never closes; ` +
              'end it with " and write any quote inside it as ""',
          );
          const raw = this.#raw.join('');
          const lineEnd = raw.search(/[\r\n]/);
          this.#reset(line + 1);
          this.#previousWasCr = false;
          if (lineEnd < 0) return;
          const rest = raw.slice(raw.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd + 1);
          this.push(rest);
          continue;
        }
        case QUOTE_SEEN:
          this.#fields.push(this.#field);
          this.#endRecord();
          return;
        case UNQUOTED:
          this.#fields.push(this.#field);
          this.#endRecord();
          return;
        case START_FIELD:
          if (this.#fields.length > 0) {
            this.#fields.push('');
            this.#endRecord();
          }
          return;
        default:
          this.#endBrokenRecord();
          return;
      }
    }
  }

  /** 1 when this is the input's first chunk and it starts with a UTF-8 BOM, else 0. */
  #skipBom(chunk: string): number {
    if (!this.#atStart || chunk.length === 0) return 0;
    this.#atStart = false;
    return chunk.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  #endRecord(): void {
    const fields = this.#fields;
    // A blank line reads as one empty field; it is spacing, not a row.
    if (!(fields.length === 1 && fields[0] === '')) this.#handler.record(fields, this.#recordLine);
    this.#reset(this.#line + 1);
  }

  #endBrokenRecord(): void {
    this.#handler.malformed(this.#recordLine, this.#brokenReason);
    this.#reset(this.#line + 1);
  }

  #reset(nextLine: number): void {
    this.#fields = [];
    this.#field = '';
    this.#raw = [];
    this.#state = START_FIELD;
    this.#line = nextLine;
    this.#recordLine = nextLine;
  }
}

function textAfterClosingQuote(fieldNumber: number): string {
  return `text after the closing quote of field ${fieldNumber}; a quoted field must end right after its closing quote, and a quote inside it is written as ""`;
}
