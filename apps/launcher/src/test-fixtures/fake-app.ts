// Test fixture: a stand-in for a platform app, speaking the same contract as the real ones —
// env HOST/PORT, pino-style JSON lines on stdout, /health/live and /health/ready, exit 0 on
// SIGTERM. FAKE_APP_CRASH=<app name> makes that app exit 3 shortly after it became ready;
// FAKE_APP_STUBBORN=<app name> makes it ignore SIGTERM (so only SIGKILL stops it).
import http from 'node:http';

const name = process.env['FAKE_APP_NAME'] ?? 'fake';
const log = (msg: string, fields: Record<string, unknown> = {}, level = 30) =>
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), app: name, pid: process.pid, ...fields, msg })}\n`);

const server = http.createServer((request, response) => {
  const ok = request.url === '/health/live' || request.url === '/health/ready';
  response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ready' : 'missing', app: name, version: '0', checks: {} }));
});
server.listen(Number(process.env['PORT']), process.env['HOST'], () => {
  log(`${name} listening`, { queueBackend: process.env['QUEUE_BACKEND'], databaseUrl: process.env['DATABASE_URL'] });
  if (process.env['FAKE_APP_CRASH'] === name) {
    setTimeout(() => {
      log('something broke', { err: { type: 'Error', message: 'fake failure' } }, 50);
      process.exit(3);
    }, 1_500);
  }
});

const stop = () => {
  log(`${name} stopping`);
  server.close(() => process.exit(0));
};
if (process.env['FAKE_APP_STUBBORN'] === name) process.on('SIGTERM', () => log('ignoring SIGTERM'));
else process.once('SIGTERM', stop);
process.once('SIGINT', stop);
