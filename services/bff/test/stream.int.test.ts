// GET /stream with real HTTP clients (the `eventsource` package and a hand-written parser): framing, fan-out,
// filter, heartbeats. The test produces the `eventos-saga` messages itself, on a topic of its own.
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EventSource } from 'eventsource';
import { startBff } from './support/bff.ts';
import type { TestBff } from './support/bff.ts';
import { sagaEventProducer } from './support/sagaEvents.ts';
import type { Transicion } from './support/sagaEvents.ts';
import { openSse } from './support/sseReader.ts';

let bff: TestBff;
let saga: Awaited<ReturnType<typeof sagaEventProducer>>;

const test = suite('GET /stream');
test.before(async () => {
  bff = await startBff({ stream: { heartbeatMs: 200 } });
  saga = await sagaEventProducer(bff.client, bff.topics.stream);
});
test.after(async () => {
  await saga.close();
  await bff.close();
});

interface Received {
  readonly type: string;
  readonly id: string;
  readonly data: Record<string, unknown>;
}

test('an EventSource gets nuevo_evento for progress and error for failures and compensations, with the message id', async () => {
  const source = new EventSource(`${bff.url}/stream`);
  const received: Received[] = [];
  const take = (type: string) => (e: { data?: string; lastEventId: string }) => {
    if (e.data) received.push({ type, id: e.lastEventId, data: JSON.parse(e.data) as Record<string, unknown> });
  };
  source.addEventListener('nuevo_evento', take('nuevo_evento'));
  source.addEventListener('error', take('error') as unknown as (e: Event) => void);
  await new Promise((resolve) => source.addEventListener('open', resolve));
  const id = randomUUID();
  const eventos = [
    'SagaIniciada',
    'PasoIniciado',
    'PasoFallido',
    'CompensacionIniciada',
    'PasoCompensado',
    'SagaCompensada',
    'SagaFallida',
    'PasoCompletado',
    'SagaCompletada',
  ];
  const ids = await saga.sendAll(
    eventos.map((evento) => ({
      id_correlacion: id,
      evento,
      paso: 'campana',
      error: evento === 'PasoFallido' ? 'sin presupuesto' : null,
    })),
  );
  await until(() => received.length >= eventos.length);
  source.close();
  assert.equal(
    received.map((r) => r.id),
    ids,
  );
  assert.equal(
    received.map((r) => r.data['evento']),
    eventos,
  );
  assert.equal(
    received.map((r) => r.type),
    ['nuevo_evento', 'nuevo_evento', 'error', 'error', 'error', 'error', 'error', 'nuevo_evento', 'nuevo_evento'],
  );
  const fallo = received[2]?.data ?? {};
  // An anonymous stream is the public view: codes and states, no free text (issue 16).
  assert.equal([fallo['id_correlacion'], fallo['paso'], fallo['estado_saga']], [id, 'campana', 'en_curso']);
  assert.not.ok('error' in fallo || 'detalle' in fallo, JSON.stringify(fallo));
  assert.type(fallo['message_id'], 'string');
});

test('headers, retry and heartbeat comments on the wire', async () => {
  const reader = await openSse(`${bff.url}/stream`, { origin: 'http://dashboard.example' });
  assert.is(reader.response.statusCode, 200);
  assert.is(reader.response.headers['content-type'], 'text/event-stream; charset=utf-8');
  assert.match(String(reader.response.headers['cache-control']), /no-cache/);
  assert.is(reader.response.headers['access-control-allow-origin'], '*');
  await until(() => reader.comments.filter((c) => c === 'heartbeat').length >= 2);
  assert.is(reader.retry, 2000);
  reader.close();
});

test('two clients both receive every event, in order', async () => {
  const [a, b] = await Promise.all([openSse(`${bff.url}/stream`), openSse(`${bff.url}/stream`)]);
  const sagas = [randomUUID(), randomUUID()];
  const transiciones: Transicion[] = Array.from({ length: 20 }, (_, i) => ({
    id_correlacion: sagas[i % 2] as string,
    evento: 'PasoIniciado',
    index_paso: i,
  }));
  const ids = await saga.sendAll(transiciones);
  const [gotA, gotB] = await Promise.all([a.waitForEvents(20), b.waitForEvents(20)]);
  assert.equal(
    gotA.map((e) => e.id),
    ids,
  );
  assert.equal(gotB, gotA);
  a.close();
  b.close();
});

test('?id_correlacion= streams one saga only', async () => {
  const [mine, other] = [randomUUID(), randomUUID()];
  const reader = await openSse(`${bff.url}/stream?id_correlacion=${mine}`);
  const ids = await saga.sendAll(
    [other, mine, other, mine, mine, other].map((id_correlacion) => ({ id_correlacion, evento: 'PasoIniciado' })),
  );
  const marker = await saga.send({ id_correlacion: mine, evento: 'SagaCompletada', estado_saga: 'completada' });
  const got = await reader.waitForEvents(4);
  assert.equal(
    got.map((e) => e.id),
    [ids[1], ids[3], ids[4], marker],
  );
  assert.ok(got.every((e) => (JSON.parse(e.data) as { id_correlacion: string }).id_correlacion === mine));
  reader.close();
});

test('a bad filter or a bad Last-Event-ID is a 400 problem', async () => {
  const badFilter = await bff.app.inject({ method: 'GET', url: '/stream?id_correlacion=nope' });
  assert.is(badFilter.statusCode, 400);
  assert.equal(
    badFilter.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
    ['id_correlacion'],
  );
  const badId = await bff.app.inject({ method: 'GET', url: '/stream', headers: { 'last-event-id': 'yesterday' } });
  assert.is(badId.statusCode, 400);
  assert.equal(
    badId.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
    ['last-event-id'],
  );
});

test.run();

async function until(ready: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
