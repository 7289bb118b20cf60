/**
 * A one-line progress bar for long operations. Written by hand because it is twenty lines and
 * the CLI otherwise has no dependencies; on a non-TTY (CI logs) it prints one line per update
 * at most every `minIntervalMs`, so logs stay readable.
 */
export class ProgressBar {
  #lastPrint = 0;
  #open = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly label: string,
    private readonly minIntervalMs = 1_000,
  ) {}

  update(done: number, total: number, detail = ''): void {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    if (this.out.isTTY) {
      const width = 24;
      const filled = Math.round(fraction * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      this.out.write(`\r${this.label} ${bar} ${String(Math.round(fraction * 100)).padStart(3)}% ${detail}\u001b[K`);
      this.#open = true;
      return;
    }
    const now = Date.now();
    if (now - this.#lastPrint >= this.minIntervalMs || done >= total) {
      this.out.write(`${this.label} ${Math.round(fraction * 100)}% ${detail}\n`);
      this.#lastPrint = now;
    }
  }

  done(message: string): void {
    this.out.write(`${this.#open ? '\r\u001b[K' : ''}${message}\n`);
    this.#open = false;
  }
}
