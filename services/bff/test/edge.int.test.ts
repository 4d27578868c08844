// The public edge against the real broker and database: per-address rate limit, stream caps, Last-Event-ID
// bounds, the registrant's capability stream (replayed from the saga's start), the operator ticket, the reset.
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFor } from '@alpes/infra';
import { createAccess } from '../src/adapters/http/access.ts';
import { fetchFrom, openFrom } from './support/fromAddress.ts';
import { sagaEventProducer } from './support/sagaEvents.ts';
import { openSse } from './support/sseReader.ts';
import { startBff, TEST_OPERATOR_TOKEN, TEST_SECRET } from './support/bff.ts';
import type { TestBff } from './support/bff.ts';

const registro = () =>
  JSON.stringify({
    id_influencer: randomUUID(),
    nombre: 'Rita Límite',
    email: 'rita@example.com',
    categorias: ['moda'],
  });
const json = { 'content-type': 'application/json' };
const capability = (saga: string) => createAccess({ secret: TEST_SECRET, operatorToken: undefined }).capability(saga);

const limits = suite('edge: rate limit and stream caps per address');
let bff: TestBff;
limits.before(async () => {
  bff = await startBff({ limits: { registrationsPerWindow: 10, maxStreams: 3, maxStreamsPerAddress: 2 } });
});
limits.after(async () => {
  await bff.close();
});

limits(
  '300 POSTs from one address: 10 accepted, then 429 problem+json with Retry-After; another address is still accepted',
  async () => {
    const statuses: number[] = [];
    let refused;
    for (let i = 0; i < 300; i += 1) {
      const answer = await fetchFrom('127.0.0.1', `${bff.url}/influencers`, {
        method: 'POST',
        body: registro(),
        headers: json,
      });
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    assert.is(statuses.filter((s) => s === 202).length, 10);
    assert.is(statuses.filter((s) => s === 429).length, 290);
    assert.ok(refused);
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
    assert.match(String(refused.headers['retry-after']), /^[1-9][0-9]*$/);
    assert.is((JSON.parse(refused.body) as { code: string }).code, 'DEMASIADAS_SOLICITUDES');
    const other = await fetchFrom('127.0.0.2', `${bff.url}/influencers`, {
      method: 'POST',
      body: registro(),
      headers: json,
    });
    assert.is(other.status, 202, other.body);
  },
);

limits(
  'streams: 2 per address (then 429), 3 in all (then 503), each with Retry-After; a closed one frees its place',
  async () => {
    const a1 = await openFrom('127.0.0.1', `${bff.url}/stream`);
    const a2 = await openFrom('127.0.0.1', `${bff.url}/stream`);
    const a3 = await fetchFrom('127.0.0.1', `${bff.url}/stream`);
    const b1 = await openFrom('127.0.0.2', `${bff.url}/stream`);
    const c1 = await fetchFrom('127.0.0.3', `${bff.url}/stream?id_correlacion=${randomUUID()}`, {
      headers: { origin: 'https://dashboard.example' },
    });
    assert.equal([a1.status, a2.status, a3.status, b1.status, c1.status], [200, 200, 429, 200, 503]);
    // Refused before Fastify (load shedding): the same problem, helmet's and the CORS headers as any answer.
    for (const [refused, code] of [
      [a3, 'DEMASIADOS_STREAMS'],
      [c1, 'STREAMS_AGOTADOS'],
    ] as const) {
      assert.match(String(refused.headers['retry-after']), /^[1-9][0-9]*$/);
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      assert.is((JSON.parse(refused.body) as { code: string }).code, code);
      assert.match(String(refused.headers['content-security-policy']), /default-src 'self'/);
      assert.is(refused.headers['x-content-type-options'], 'nosniff');
      assert.is(refused.headers['access-control-allow-origin'], '*');
    }
    const metrics = (await fetchFrom('127.0.0.9', `${bff.url}/metrics`)).body;
    assert.match(metrics, /^bff_sse_refused_total\{cap="full"[^}]*\} 1$/m);
    assert.match(metrics, /^bff_sse_refused_total\{cap="address"[^}]*\} 1$/m);
    a1.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const c2 = await openFrom('127.0.0.3', `${bff.url}/stream`);
    assert.is(c2.status, 200);
    for (const open of [a2, b1, c2]) open.close();
    // The next test needs free places: wait until the BFF has seen every stream close.
    await waitFor({
      what: 'the streams released',
      timeoutMs: 5000,
      probe: async () =>
        /^bff_sse_clients(\{[^}]*\})? 0$/m.test((await fetchFrom('127.0.0.9', `${bff.url}/metrics`)).body),
    });
  },
);

limits('Last-Event-ID: numbers above 2^53 or malformed are a 400 naming the header; a plain one resumes', async () => {
  for (const bad of ['99999999999999999999:0:-1:-1', '1:2:3', 'abc']) {
    const answer = await fetchFrom('127.0.0.4', `${bff.url}/stream`, { headers: { 'last-event-id': bad } });
    assert.is(answer.status, 400, `${bad}: ${answer.body}`);
    assert.ok(answer.body.includes('last-event-id'), answer.body);
  }
  const ok = await openFrom('127.0.0.4', `${bff.url}/stream`, { 'last-event-id': '0:0:-1:-1' });
  assert.is(ok.status, 200);
  ok.close();
});
limits.run();

const access = suite('edge: who sees what on the stream');
let saga: Awaited<ReturnType<typeof sagaEventProducer>>;
access.before(async () => {
  bff = await startBff();
  saga = await sagaEventProducer(bff.client, bff.topics.stream);
});
access.after(async () => {
  await saga.close();
  await bff.close();
});

const detalle = JSON.stringify({ nombre: 'Zoe Privada', email: 'zoe.privada@example.com' });

access(
  "a saga stream needs its token (401 without, 404 with another saga's) and replays that saga from its start, in full",
  async () => {
    const [mine, other] = [randomUUID(), randomUUID()];
    await saga.sendAll([
      { id_correlacion: mine, evento: 'SagaIniciada', detalle },
      { id_correlacion: other, evento: 'SagaIniciada' },
      { id_correlacion: mine, evento: 'PasoCompletado', paso: 'influencer', detalle },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.is((await fetchFrom('127.0.0.1', `${bff.url}/stream?saga=${mine}`)).status, 401);
    assert.is((await fetchFrom('127.0.0.1', `${bff.url}/stream?saga=${mine}&token=${capability(other)}`)).status, 404);
    const reader = await openSse(`${bff.url}/stream?saga=${mine}&token=${capability(mine)}`);
    const events = await reader.waitForEvents(2);
    await saga.send({ id_correlacion: mine, evento: 'SagaCompletada', estado_saga: 'completada' });
    await reader.waitForEvents(3);
    reader.close();
    assert.equal(
      reader.events.map((e) => (JSON.parse(e.data) as { evento: string }).evento),
      ['SagaIniciada', 'PasoCompletado', 'SagaCompletada'],
    );
    assert.ok(events[0]?.data.includes('zoe.privada@example.com'), 'the registrant sees its own data');
  },
);

access(
  'an operator trades the token for a ticket; the ticket opens the whole stream in full; strangers get the public view',
  async () => {
    assert.is((await bff.app.inject({ method: 'POST', url: '/operator/tickets' })).statusCode, 401);
    const issued = await bff.app.inject({
      method: 'POST',
      url: '/operator/tickets',
      headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
    });
    assert.is(issued.statusCode, 201, issued.body);
    const { stream_url } = issued.json<{ stream_url: string }>();
    assert.is((await fetchFrom('127.0.0.1', `${bff.url}/stream?ticket=1.${'x'.repeat(43)}`)).status, 401);
    const operator = await openSse(`${bff.url}${stream_url}`);
    const stranger = await openSse(`${bff.url}/stream`);
    await saga.send({
      id_correlacion: randomUUID(),
      evento: 'PasoCompletado',
      detalle,
      error: 'zoe.privada@example.com algo',
    });
    const [seen] = await operator.waitForEvents(1);
    const [shown] = await stranger.waitForEvents(1);
    operator.close();
    stranger.close();
    assert.ok(seen?.data.includes('zoe.privada@example.com'));
    assert.not.ok(shown?.data.includes('zoe') || shown?.data.includes('Zoe'), shown?.data);
  },
);
access.run();

const reset = suite('edge: a resume older than the replay window gets event: reset, then live events');
reset('a window of 2 messages and no buffer: resuming from the start of 5 messages is a reset', async () => {
  const small = await startBff({ limits: { replayWindow: 2 }, stream: { bufferSize: 0 } });
  const producer = await sagaEventProducer(small.client, small.topics.stream);
  try {
    const id = randomUUID();
    await producer.sendAll(Array.from({ length: 5 }, () => ({ id_correlacion: id, evento: 'PasoIniciado' })));
    // Let the hub read them first: live copies arriving during the catch-up would follow the reset.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reader = await openSse(`${small.url}/stream`, { 'last-event-id': '0:0:-1:-1' });
    // The window's worth is replayed, then the reset instead of the rest.
    const replayed = await reader.waitForEvents(3);
    assert.equal(
      replayed.map((e) => e.event),
      ['nuevo_evento', 'nuevo_evento', 'reset'],
    );
    await producer.send({ id_correlacion: id, evento: 'SagaCompletada' });
    const events = await reader.waitForEvents(4);
    reader.close();
    assert.is((JSON.parse(events[3]?.data ?? '{}') as { evento: string }).evento, 'SagaCompletada');
  } finally {
    await producer.close();
    await small.close();
  }
});
reset(
  'a resume point older than the replay window (by age) is a reset at once, and so is the next one (remembered)',
  async () => {
    const small = await startBff({ limits: { replayWindowMs: 200 }, stream: { bufferSize: 0 } });
    const producer = await sagaEventProducer(small.client, small.topics.stream);
    try {
      const id = randomUUID();
      await producer.sendAll(Array.from({ length: 3 }, () => ({ id_correlacion: id, evento: 'PasoIniciado' })));
      await new Promise((resolve) => setTimeout(resolve, 600));
      for (const round of [1, 2]) {
        const reader = await openSse(`${small.url}/stream`, { 'last-event-id': '0:0:-1:-1' });
        const [first] = await reader.waitForEvents(1);
        reader.close();
        assert.is(first?.event, 'reset', `round ${round}: nothing replayed, a reset`);
      }
    } finally {
      await producer.close();
      await small.close();
    }
  },
);
reset.run();
