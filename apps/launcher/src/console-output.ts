import type { LogLinePrettifier } from '@ciclo/platform-observability';
import { appPalette, type Paint, type Style } from './terminal';

/**
 * Everything the launcher prints: its own messages and the apps' lines, each prefixed with a
 * name column (`chat-core │ …`) coloured per app.
 */
export class ConsoleOutput {
  readonly #paint: Paint;
  readonly #prettify: LogLinePrettifier;
  readonly #width: number;
  readonly #styles = new Map<string, Style>();
  readonly #out: NodeJS.WritableStream;
  readonly #err: NodeJS.WritableStream;

  constructor(options: {
    paint: Paint;
    /** How an app's stdout lines are shown (pino JSON made readable). */
    prettify: LogLinePrettifier;
    appNames: readonly string[];
    out: NodeJS.WritableStream;
    err: NodeJS.WritableStream;
  }) {
    this.#paint = options.paint;
    this.#prettify = options.prettify;
    this.#out = options.out;
    this.#err = options.err;
    this.#width = Math.max('ciclo'.length, ...options.appNames.map((n) => n.length));
    options.appNames.forEach((name, i) => this.#styles.set(name, appPalette[i % appPalette.length] ?? 'cyan'));
  }

  get paint(): Paint {
    return this.#paint;
  }

  /** A pino JSON line made readable; anything else as is. */
  prettyLine(line: string): string {
    return this.#prettify(line);
  }

  /** A line an app wrote: a pino JSON record prettified on one line, anything else shown as is. */
  appLine(app: string, line: string, stream: 'stdout' | 'stderr'): void {
    const text = stream === 'stdout' ? this.#prettify(line) : this.#paint('yellow', line);
    this.#out.write(`${this.#prefix(app, this.#styles.get(app) ?? 'white')}${text}\n`);
  }

  info(message: string): void {
    this.#write(this.#out, message);
  }

  success(message: string): void {
    this.#write(this.#out, this.#paint('green', message));
  }

  warn(message: string): void {
    this.#write(this.#err, this.#paint('yellow', message));
  }

  error(message: string): void {
    this.#write(this.#err, this.#paint(['bold', 'red'], message));
  }

  /** Lines printed without the prefix (the "platform is up" block). */
  block(lines: readonly string[]): void {
    this.#out.write(`${lines.join('\n')}\n`);
  }

  /** Resolves once everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    return Promise.all([this.#out, this.#err].map((s) => new Promise<void>((resolve) => s.write('', () => resolve())))).then(() => undefined);
  }

  #write(stream: NodeJS.WritableStream, message: string): void {
    const prefix = this.#prefix('ciclo', 'bold');
    stream.write(`${message.split('\n').map((line) => prefix + line).join('\n')}\n`);
  }

  #prefix(name: string, style: Style): string {
    return `${this.#paint(style, name.padEnd(this.#width))} ${this.#paint('gray', '│')} `;
  }
}
