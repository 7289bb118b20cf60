import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];
/** Colours text, or returns it unchanged when colour is off. */
export type Paint = (style: Style, text: string) => string;

/**
 * Colour only for a person at a terminal: never when `NO_COLOR` is set, always when
 * `FORCE_COLOR` is, otherwise when the stream is a TTY.
 */
export function colourEnabled(stream: { readonly isTTY?: boolean }, noColor: boolean, forceColor: boolean): boolean {
  if (noColor) return false;
  if (forceColor) return true;
  return stream.isTTY === true;
}

export function createPaint(enabled: boolean): Paint {
  // validateStream: false — the decision above is ours; styleText's own TTY check differs
  // between Node versions.
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

/** Colours handed to apps in table order; distinct from the level colours (red, yellow, gray). */
export const appPalette: readonly Style[] = ['cyan', 'magenta', 'green', 'blue', 'yellowBright', 'cyanBright', 'magentaBright', 'greenBright'];
