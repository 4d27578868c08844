import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:net';
import { freePort, isListening } from '../src/ports.ts';
import { portHolder } from '../src/portHolder.ts';

test('freePort never hands out the same port twice in one process, even before anything binds it', async () => {
  const ports = await Promise.all(Array.from({ length: 300 }, () => freePort()));
  assert.is(new Set(ports).size, ports.length);
  for (const port of ports) assert.ok(port > 0 && port < 65_536, `port ${port}`);
});

test('isListening tells a bound port from a free one', async () => {
  const port = await freePort();
  assert.is(await isListening(port), false);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    assert.is(await isListening(port), true);
  } finally {
    server.close();
  }
});

test('portHolder names the process listening on a port, and nothing for a free one', async () => {
  const port = await freePort();
  assert.is(portHolder(port), undefined);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  try {
    assert.is(portHolder(port)?.startsWith(`pid ${process.pid} (`), true, portHolder(port));
  } finally {
    server.close();
  }
});

test.run();
