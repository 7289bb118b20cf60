// The CLI's registry error lines, unchanged since its hand-written client: the derived client
// against a real HTTP server that answers as the registry, a proxy or a crashed upstream would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRegistryClient } from '@ciclo/platform-clients';
import { runTsEntry } from '@ciclo/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryCliError } from './registry-errors';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

/** status, content-type (none when null) and body, by the path asked for. */
const answers: Record<string, [number, string | null, string]> = {
  '/v1/models': [502, 'application/json', '<html><body>502 Bad Gateway</body></html>'],
  '/v1/models/plain': [500, 'text/plain', 'upstream exploded'],
  '/v1/models/bad-key': [401, 'application/json', JSON.stringify({ error: { code: 'CICLO_ERR_AUTH_INVALID_KEY', message: 'Invalid API key', requestId: 'r' } })],
  '/v1/models/other-json': [418, 'application/json', JSON.stringify({ teapot: true })],
  '/v1/models/off-contract': [200, 'application/json', JSON.stringify({ name: 'off-contract' })],
};

describe('registryCliError', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const [status, type, body] = answers[request.url ?? ''] ?? [404, 'text/plain', 'no'];
      response.writeHead(status, type === null ? {} : { 'content-type': type }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function cliMessage(call: (client: ReturnType<typeof createRegistryClient>) => Promise<unknown>): Promise<string> {
    const error = await call(createRegistryClient({ baseUrl, apiKey: 'k' })).catch((e: unknown) => e);
    return (registryCliError(error, `${baseUrl}/`) as Error).message;
  }

  it('says the body is not JSON, with the status, whatever the content-type claims', async () => {
    expect(await cliMessage((c) => c.listModels())).toBe('The model registry answered HTTP 502 with a body that is not JSON');
    expect(await cliMessage((c) => c.getModel({ params: { name: 'plain' } }))).toBe('The model registry answered HTTP 500 with a body that is not JSON');
  });

  it('shows the registry code and message, with the hint on 401, or the status and route', async () => {
    expect(await cliMessage((c) => c.getModel({ params: { name: 'bad-key' } }))).toBe(
      'CICLO_ERR_AUTH_INVALID_KEY: Invalid API key\nCheck CICLO_API_KEY (a revoked or mistyped key gets 401).',
    );
    expect(await cliMessage((c) => c.getModel({ params: { name: 'other-json' } }))).toBe('HTTP 418 from GET /v1/models/other-json');
  });

  it('names the route and the first schema issue of an answer off-contract', async () => {
    expect(await cliMessage((c) => c.getModel({ params: { name: 'off-contract' } }))).toBe(
      'Unexpected answer from GET /v1/models/off-contract: Invalid input: expected string, received undefined',
    );
  });

  it('says how to start the platform when the registry does not answer', async () => {
    const error = await createRegistryClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k' }).listModels().catch((e: unknown) => e);
    expect((registryCliError(error, 'http://127.0.0.1:9') as Error).message).toMatch(
      /^Cannot reach the model registry at http:\/\/127\.0\.0\.1:9 \(.+\)\. Is the platform running\? Start it with: npm start$/,
    );
  });

  it('prints the same line from the command itself', async () => {
    const result = await runTsEntry(entry, { args: ['models', 'ls'], env: { CICLO_REGISTRY_URL: baseUrl, CICLO_API_KEY: 'ciclo_x' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The model registry answered HTTP 502 with a body that is not JSON');
  });
});
