// GET /operator/dead-letters: operators only (401 otherwise), the depths of the relay's `pulsar_dead_letter_messages`
// gauge (served here by a real prom-client registry, as the relay's /metrics serves it), 502 when the relay is away.
// The dashboard test reads the real relay of a running system.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge, Registry } from 'prom-client';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startBff, TEST_OPERATOR_TOKEN } from './support/bff.ts';
import type { TestBff } from './support/bff.ts';

const dlq = 'persistent://public/default/eventos-campanas-saga-sub-eventos-campanas-DLQ';

/** A relay's /metrics: the gauge with the relay's name and labels, exposed by prom-client. */
async function relayMetrics(): Promise<Server> {
  const registry = new Registry();
  const gauge = new Gauge({
    name: 'pulsar_dead_letter_messages',
    help: 'dead letters',
    labelNames: ['topic', 'subscription', 'original_topic'],
    registers: [registry],
  });
  gauge.set(
    {
      topic: dlq,
      subscription: 'saga-sub-eventos-campanas-DLQ',
      original_topic: 'persistent://public/default/eventos-campanas',
    },
    3,
  );
  gauge.set({ topic: 'persistent://public/default/with "quotes"\\-DLQ', subscription: 's-DLQ', original_topic: '' }, 0);
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') return res.writeHead(404).end();
    void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let bff: TestBff;
let relay: Server;

const test = suite('GET /operator/dead-letters');
test.before(async () => {
  relay = await relayMetrics();
  bff = await startBff({ relayUrl: `http://127.0.0.1:${(relay.address() as AddressInfo).port}` });
});
test.after(async () => {
  await bff.close();
  relay.close();
});

test('401 without the operator token, with a wrong one, or with a stream ticket only', async () => {
  const ticket = (
    await bff.app.inject({
      method: 'POST',
      url: '/operator/tickets',
      headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
    })
  ).json<{ ticket: string }>().ticket;
  for (const request of [
    { url: '/operator/dead-letters', headers: {} },
    { url: '/operator/dead-letters', headers: { authorization: `Bearer ${'x'.repeat(40)}` } },
    { url: `/operator/dead-letters?ticket=${ticket}`, headers: {} },
  ]) {
    const answer = await bff.app.inject({ method: 'GET', ...request });
    assert.is(answer.statusCode, 401, request.url);
    assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
    assert.is(answer.json<{ code: string }>().code, 'OPERADOR_NO_AUTORIZADO');
  }
});

test("the operator gets every dead-letter topic and its depth from the relay's gauge", async () => {
  const answer = await bff.app.inject({
    method: 'GET',
    url: '/operator/dead-letters',
    headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
  });
  assert.is(answer.statusCode, 200);
  const body = answer.json<{
    total: number;
    topics: { topic: string; depth: number; original_topic: string; subscription: string }[];
  }>();
  assert.is(body.total, 3);
  const sorted = [...body.topics].sort((a, b) => b.depth - a.depth);
  assert.equal(sorted[0], {
    topic: dlq,
    subscription: 'saga-sub-eventos-campanas-DLQ',
    original_topic: 'persistent://public/default/eventos-campanas',
    depth: 3,
  });
  assert.is(sorted[1]?.topic, 'persistent://public/default/with "quotes"\\-DLQ', 'escaped label values are read back');
});

test('502 RELAY_NO_DISPONIBLE when the relay does not answer', async () => {
  const away = await startBff({ relayUrl: 'http://127.0.0.1:9', waitUntilReading: false });
  try {
    const answer = await away.app.inject({
      method: 'GET',
      url: '/operator/dead-letters',
      headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
    });
    assert.is(answer.statusCode, 502);
    assert.is(answer.json<{ code: string }>().code, 'RELAY_NO_DISPONIBLE');
  } finally {
    await away.close();
  }
});

test.run();
