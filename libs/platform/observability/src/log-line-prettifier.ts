import { prettyFactory } from 'pino-pretty';

export interface LogLinePrettifierOptions {
  /** ANSI colours for the level, message and fields. */
  readonly colorize: boolean;
}

/** Turns one line an app wrote into what a person reads in a terminal. */
export type LogLinePrettifier = (line: string) => string;

/**
 * pino-pretty, set up for a console that interleaves many apps: one line per record
 * (`[12:03:04.567] INFO: message {"key":"value"}`, local time), without the fields every line
 * carries (`pid`, `hostname`, `app`, which the console's prefix already names) and without error
 * stacks (the raw JSON log keeps them). Anything that is not a JSON record is returned unchanged,
 * so plain `console.log` output and stack traces still show.
 */
export function createLogLinePrettifier(options: LogLinePrettifierOptions): LogLinePrettifier {
  const pretty = prettyFactory({
    colorize: options.colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    // Fastify's request lines keep method, url and status; where the request came from is noise here.
    ignore: 'pid,hostname,app,err.stack,error.stack,req.host,req.hostname,req.remoteAddress,req.remotePort',
    singleLine: true,
    // Not "error-like": printed inline as {type, message} instead of a multi-line block.
    errorLikeObjectKeys: [],
  });
  return (line) => {
    // pino-pretty only parses lines that look like JSON objects; it ends every result with EOL.
    const out: string = pretty(line);
    return out.endsWith('\n') ? out.slice(0, -1) : out;
  };
}
