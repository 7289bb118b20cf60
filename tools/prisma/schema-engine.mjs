#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded on machines
// without internet. The stock Prisma CLI is pointed at this file via PRISMA_SCHEMA_ENGINE_BINARY
// (tools/prisma/prisma.mjs does that) and talks to it exactly as it talks to the binary:
//
//   schema-engine --version                                  → prints the engine version
//   schema-engine --datasource <json> cli <command>          → one-shot database commands
//   schema-engine --datamodels <file>… [--datasource <json>] → JSON-RPC 2.0, one message per line
//                                                              on stdin/stdout, logs on stderr
//
// Migrations, diffs and introspection run in the WebAssembly build of the same engine
// (@prisma/schema-engine-wasm, pinned to the CLI's engine commit) over a `pg` driver adapter.
// Three things differ from the native engine and are patched here:
//   1. adapter-pg cannot type PostgreSQL's one-byte `"char"` (oid 18, e.g. pg_class.relkind) that
//      introspection reads: such columns are reported as `bpchar`, which it maps to text.
//   2. adapter-pg's `executeScript` splits scripts on every `;`, which breaks functions, string
//      literals and comments inside migrations: scripts are sent whole (simple query protocol,
//      one implicit transaction per script — what the native engine does).
//   3. adapter-pg's shadow-database pool inherits the main connection string, which overrides the
//      database name, so "the shadow database" was the main one: it gets its own URL here.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const PG_CHAR_OID = 18;
const PG_BPCHAR_OID = 1042;

main().catch((error) => {
  logError(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

async function main() {
  const args = parseArgs(process.argv.slice(2));
  installPanicRegistry();
  const wasm = await loadWasmEngine();

  if (args.version) {
    process.stdout.write(`schema-engine-cli ${wasm.version()}\n`);
    return;
  }
  patchPgCharType();
  if (args.cliCommand) {
    await runCliCommand(args.cliCommand, args.datasource);
    return;
  }
  await serveJsonRpc(wasm, args);
}

// ─── arguments ───────────────────────────────────────────────────────────────

function parseArgs(argv) {
  const args = { version: false, datamodels: [], datasource: {}, cliCommand: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--version' || arg === '-V') args.version = true;
    else if (arg === '--datamodels') args.datamodels.push(argv[++i]);
    else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i] ?? '{}');
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++;
    else if (arg === 'cli') args.cliCommand = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('Prisma schema engine (WebAssembly) for the Prisma CLI; see tools/prisma/schema-engine.mjs\n');
      process.exit(0);
    }
  }
  return args;
}

// ─── the WebAssembly engine ──────────────────────────────────────────────────

/** wasm-bindgen reports panics through this global; without it a panic hides the real message. */
function installPanicRegistry() {
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    message: '',
    set_message(message) {
      this.message = `RuntimeError: ${message}`;
    },
  };
}

async function loadWasmEngine() {
  // Node 20 cannot `import` a .wasm file, so the bindings are wired to the module by hand, the
  // way the Prisma CLI's own loader does it.
  const bindingsUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = await import(bindingsUrl);
  const bytes = await readFile(new URL('./schema_engine_bg.wasm', bindingsUrl));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}

function patchPgCharType() {
  const addFields = pg.Result.prototype.addFields;
  pg.Result.prototype.addFields = function (fieldDescriptions) {
    for (const field of fieldDescriptions) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_BPCHAR_OID;
    }
    return addFields.call(this, fieldDescriptions);
  };
}

// ─── driver adapter ──────────────────────────────────────────────────────────

function adapterOptions(url) {
  const schema = new URL(url).searchParams.get('schema');
  return schema ? { schema } : undefined;
}

/** pg rejects Prisma-only URL parameters such as `schema`; strip them before connecting. */
function pgConnectionString(url) {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  return parsed.toString();
}

async function connectAdapter(url) {
  const adapter = await new PrismaPg({ connectionString: pgConnectionString(url) }, adapterOptions(url)).connect();
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

function migrationAwareAdapterFactory(datasource) {
  const url = requireUrl(datasource);
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectAdapter(url),
    async connectToShadowDb() {
      if (datasource.shadowDatabaseUrl) return connectAdapter(datasource.shadowDatabaseUrl);
      // Like the native engine: a throwaway database beside the main one, dropped afterwards.
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE "${name}"`));
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const adapter = await connectAdapter(shadowUrl.toString());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      };
      return adapter;
    },
  };
}

async function bindAdapterFactory(factory) {
  // Resolved through adapter-pg so the versions always match (it is adapter-pg's dependency).
  const utilsUrl = import.meta.resolve('@prisma/driver-adapter-utils', import.meta.resolve('@prisma/adapter-pg'));
  const { bindMigrationAwareSqlAdapterFactory } = await import(utilsUrl);
  return bindMigrationAwareSqlAdapterFactory(factory);
}

function requireUrl(datasource) {
  if (!datasource?.url) {
    throw new EngineFailure('P1012', 'No datasource URL: set `datasource.url` in prisma.config.ts (DATABASE_URL).');
  }
  return datasource.url;
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: pgConnectionString(url) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// ─── `schema-engine cli <command>` ──────────────────────────────────────────

async function runCliCommand(command, datasource) {
  // The CLI skips the first stderr line (the native engine's start-up log) when looking for errors.
  log('INFO', { message: 'Starting schema engine CLI', command });
  const url = requireUrl(datasource);
  const database = decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  try {
    switch (command) {
      case 'can-connect-to-database':
        await withClient(url, (client) => client.query('SELECT 1'));
        return;
      case 'create-database':
        await withClient(adminUrl.toString(), (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`));
        return;
      case 'drop-database':
        await withClient(adminUrl.toString(), (client) =>
          client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`),
        );
        return;
      default:
        throw new EngineFailure(undefined, `Unknown schema engine cli command: ${command}`);
    }
  } catch (error) {
    const failure = error instanceof EngineFailure ? error : pgErrorToFailure(error, url);
    logError(failure.message, failure.code);
    process.exit(1);
  }
}

class EngineFailure extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Maps connection failures to the Prisma error codes the CLI understands (P1003 → create it). */
function pgErrorToFailure(error, url) {
  const { hostname, port, pathname } = new URL(url);
  const at = `${hostname}:${port || 5432}`;
  const database = decodeURIComponent(pathname.slice(1));
  switch (error?.code) {
    case '3D000':
      return new EngineFailure('P1003', `Database \`${database}\` does not exist on the database server at \`${at}\`.`);
    case '28P01':
    case '28000':
      return new EngineFailure('P1000', `Authentication failed against database server at \`${at}\`: ${error.message}`);
    case '42P04':
      return new EngineFailure('P1009', `Database \`${database}\` already exists on the database server at \`${at}\``);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new EngineFailure('P1001', `Can't reach database server at \`${at}\``);
    default:
      return new EngineFailure(undefined, error instanceof Error ? error.message : String(error));
  }
}

/** One tracing-style JSON log line, the format the CLI parses from the native engine's stderr. */
function logError(message, errorCode) {
  log('ERROR', errorCode ? { message, error_code: errorCode } : { message });
}

function log(level, fields) {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: 'schema_engine::logger' })}\n`);
}

// ─── JSON-RPC over stdio ─────────────────────────────────────────────────────

async function serveJsonRpc(wasm, args) {
  const datamodels = await Promise.all(args.datamodels.map(async (path) => [path, await readFile(path, 'utf8')]));
  const factory = await bindAdapterFactory(migrationAwareAdapterFactory(args.datasource));
  const enginePromise = wasm.SchemaEngine.new(
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    (log) => process.stderr.write(`${log}\n`),
    factory,
  );
  // Never left unhandled: the first request reports a failed start as its error.
  enginePromise.catch(() => {});

  let nextOwnRequestId = 1_000_000_000;
  const ownRequests = new Map();
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  // The native engine prints `migrate diff` output through a `print` request to the CLI.
  const print = (content) =>
    new Promise((resolve) => {
      const id = nextOwnRequestId++;
      ownRequests.set(id, resolve);
      send({ jsonrpc: '2.0', id, method: 'print', params: { content } });
    });

  const handle = async (request) => {
    try {
      const engine = await enginePromise;
      const result = await dispatch(engine, wasm, args.datasource, request, print);
      send({ jsonrpc: '2.0', id: request.id, result: result ?? {} });
    } catch (error) {
      send({ jsonrpc: '2.0', id: request.id, error: toRpcError(error, factory.errorRegistry) });
    }
  };

  // Requests are handled one at a time, in order, as the native engine does.
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (message.method === undefined) {
      ownRequests.get(message.id)?.();
      ownRequests.delete(message.id);
      return;
    }
    queue = queue.then(() => handle(message));
  });
  await new Promise((resolve) => lines.once('close', resolve));
  await queue;
  // Open pools would keep the process alive after the CLI hung up.
  process.exit(0);
}

async function dispatch(engine, wasm, datasource, { method, params }, print) {
  switch (method) {
    case 'getDatabaseVersion':
      return engine.version(params ?? null);
    case 'version':
      return wasm.version();
    case 'createDatabase': {
      const url = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : requireUrl(datasource);
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      const adminUrl = new URL(url);
      adminUrl.pathname = '/postgres';
      await withClient(adminUrl.toString(), (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
      return { databaseName: name };
    }
    case 'diff': {
      const { stdout, ...rest } = await engine.diff(params);
      if (stdout) await print(stdout.replace(/\n$/, ''));
      return rest;
    }
    case 'debugPanic':
      return engine.debugPanic();
    case 'getDatabaseDescription':
      throw new EngineFailure(undefined, 'getDatabaseDescription is not supported by the WebAssembly schema engine.');
    default:
      if (typeof engine[method] !== 'function' || method === 'free' || method.startsWith('_')) {
        return Promise.reject(Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 }));
      }
      return engine[method](params);
  }
}

function toRpcError(error, errorRegistry) {
  if (error?.rpcCode) return { code: error.rpcCode, message: error.message };

  const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY.message;
  if (error instanceof WebAssembly.RuntimeError || panic) {
    const message = panic || String(error);
    globalThis.PRISMA_WASM_PANIC_REGISTRY.message = '';
    return { code: 4466, message, data: { is_panic: true, message, backtrace: error?.stack ?? null } };
  }

  const adapterError = lookUpAdapterError(error, errorRegistry);
  const code = error?.code ?? adapterError?.code;
  const message = adapterError?.message ?? error?.message ?? String(error);
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: { is_panic: false, message, meta: error?.meta ?? null, error_code: code ?? null },
  };
}

/** Errors thrown inside the driver adapter reach the engine as registry ids; bring them back. */
function lookUpAdapterError(error, errorRegistry) {
  const id = error?.id ?? error?.cause?.id;
  if (typeof id !== 'number' || !errorRegistry) return undefined;
  const record = errorRegistry.consumeError(id);
  if (!record) return undefined;
  const original = record.error;
  return { message: original?.message ?? String(original), code: undefined };
}
