// Test fixture: holds an embedded database until SIGTERM. Usage: <dataDir> <port> <logFile>
// Prints one JSON line { url, pid } once PostgreSQL is ready, and progress lines before it.
import { EmbeddedDatabase } from '../embedded-database';

const [dataDir, port, logFile] = process.argv.slice(2);
if (!dataDir || !port || !logFile) throw new Error('usage: embedded-database-holder <dataDir> <port> <logFile>');

const database = await EmbeddedDatabase.start({
  dataDir,
  port: Number(port),
  logFile,
  log: (message) => process.stdout.write(`log: ${message}\n`),
});
process.stdout.write(`${JSON.stringify({ url: database.url, pid: database.pid })}\n`);
process.once('SIGTERM', () => {
  void database.stop().then(() => process.exit(0));
});
