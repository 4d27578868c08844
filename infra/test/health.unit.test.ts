import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { instanceIdFor, probeHealth, waitForHealth } from '../src/health.ts';

const test = suite('health of the processes a run started');

async function serve(body: unknown, status = 200): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`, server };
}

test('an answer with our instance id counts; a 503 with it is not healthy yet', async () => {
  const instance = instanceIdFor('bff');
  const up = await serve({ status: 'up', instance });
  const down = await serve({ status: 'down', instance }, 503);
  try {
    assert.is(await probeHealth(up.url, instance), 'ours');
    assert.is(await probeHealth(down.url, instance), 'down');
  } finally {
    up.server.close();
    down.server.close();
  }
});

test('another program answering 200 on the port is never taken for ours, and the wait fails at once naming the port', async () => {
  const other = await serve({ status: 'up' });
  const started = Date.now();
  try {
    const answer = await probeHealth(other.url, instanceIdFor('contratos'));
    assert.type(answer, 'object');
    const error = await waitForHealth({
      what: 'contratos',
      url: other.url,
      instance: instanceIdFor('contratos'),
      timeoutMs: 30_000,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(error, 'the wait fails');
    assert.match(error.message, new URL(other.url).host);
    assert.match(error.message, /another program/);
    assert.ok(Date.now() - started < 10_000, 'at once, not at the timeout');
  } finally {
    other.server.close();
  }
});

test('instance ids differ per process and name it', () => {
  assert.is.not(instanceIdFor('bff'), instanceIdFor('saga'));
  assert.match(instanceIdFor('bff'), /^bff:/);
});

test.run();
