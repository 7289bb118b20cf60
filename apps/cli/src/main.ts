#!/usr/bin/env node
// ciclo: the terminal client of the platform. Commands live in ./commands, one per file.
import { join, resolve } from 'node:path';
import { parseArgs, styleText } from 'node:util';
import { loadConfigOrExit } from '@ciclo/platform-config';
import { CliError } from './cli-error';
import { bootstrapCommand } from './commands/bootstrap';
import { importCheckCommand, isLabelCase } from './commands/import-check';
import { MODELS_USAGE, modelsCommand } from './commands/models';
import { assertHealthy, collectStatus, renderStatus } from './commands/status';
import { loadCliConfig } from './config';
import { readRuntimeInfo } from './runtime-file';

const USAGE = `Usage: ciclo <command> [options]

Commands:
  status [--json] [--timeout <ms>]   health of every app and a queue round trip
  bootstrap [--task <name>]… [--out <dir>] [--data <dir>] [--json]
                                     train the v1 intent and sentiment models from data/bootstrap
                                     (default output: $CICLO_HOME/models/bootstrap)
  import-check <file> [--json] [--label-case keep|lower|strict]
                                     check a labelled CSV/JSONL (text,label[,language], other
                                     columns kept as metadata) before training: what imports, what
                                     is skipped (line, reason), which duplicates are dropped;
                                     labels with capitals are kept unless --label-case says otherwise
${MODELS_USAGE}
  help                               this text

More commands (chat, train, feedback) arrive with their features.`;

async function main(argv: string[]): Promise<number> {
  const config = loadConfigOrExit(() => loadCliConfig(process.env, process.cwd(), process.stdout.isTTY === true));
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'status': {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false }, timeout: { type: 'string', default: '10000' } },
        strict: true,
      });
      const timeoutMs = Number(values.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new CliError('--timeout must be a positive whole number of milliseconds', 2);
      const runtime = await readRuntimeInfo(config.runtimeFile);
      const report = await collectStatus(runtime, timeoutMs);
      const paint = (ok: boolean, text: string) => (config.color ? styleText(ok ? 'green' : 'red', text) : text);
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderStatus(report, runtime, paint)}\n`);
      assertHealthy(report);
      return 0;
    }
    case 'bootstrap': {
      const { values } = parseArgs({
        args: rest,
        options: {
          task: { type: 'string', multiple: true },
          out: { type: 'string' },
          data: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
        strict: true,
      });
      await bootstrapCommand({
        outDir: values.out ? resolve(values.out) : join(config.homeDir, 'models', 'bootstrap'),
        ...(values.data ? { dataDir: values.data } : {}),
        ...(values.task ? { tasks: values.task } : {}),
        json: values.json,
      });
      return 0;
    }
    case 'import-check': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean', default: false }, 'label-case': { type: 'string', default: 'keep' } },
        allowPositionals: true,
        strict: true,
      });
      const [file, ...extra] = positionals;
      if (!file || extra.length > 0) throw new CliError('import-check takes exactly one file: ciclo import-check data.csv', 2);
      const labelCase = values['label-case'];
      if (!isLabelCase(labelCase)) throw new CliError(`--label-case must be keep, lower or strict, not "${labelCase}"`, 2);
      return importCheckCommand(resolve(file), { json: values.json, maxShown: 20, labelCase });
    }
    case 'models':
      return modelsCommand(rest, config, (text) => process.stdout.write(text));
    default:
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`, 2);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`ciclo: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`ciclo: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
