// Resuming GET /stream with Last-Event-ID: from the in-memory buffer, beyond it through a Pulsar reader, on
// another BFF instance, with a filter; and a slow client is dropped instead of growing memory.
import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EventSource } from 'eventsource';
import { startBff, TEST_OPERATOR_TOKEN } from './support/bff.ts';
import { sagaEventProducer } from './support/sagaEvents.ts';
import { openSse } from './support/sseReader.ts';
import type { SseReader } from './support/sseReader.ts';

const paso = (id_correlacion: string, index_paso: number) => ({ id_correlacion, evento: 'PasoCompletado', index_paso });
const sixOf = (id: string) => Array.from({ length: 6 }, (_, i) => paso(id, i));

/** Waits until `watcher` has `total` events: then the BFF has them too, before another client resumes. */
async function settled(watcher: SseReader, total: number): Promise<void> {
  await watcher.waitForEvents(total);
}

async function expectNoMore(reader: SseReader, count: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.is(reader.events.length, count, `unexpected extra events: ${JSON.stringify(reader.events.slice(count))}`);
}

const test = suite('GET /stream: Last-Event-ID resume');

test('from the buffer: exactly the missed events, then live', async () => {
  const bff = await startBff({ stream: { bufferSize: 100 } });
  const saga = await sagaEventProducer(bff.client, bff.topics.stream);
  const watcher = await openSse(`${bff.url}/stream`);
  const id = randomUUID();
  const ids = await saga.sendAll(sixOf(id));
  await settled(watcher, 6);
  const resumed = await openSse(`${bff.url}/stream`, { 'last-event-id': ids[2] as string });
  assert.equal(
    (await resumed.waitForEvents(3)).map((e) => e.id),
    ids.slice(3),
  );
  const live = await saga.send(paso(id, 6));
  assert.equal(
    (await resumed.waitForEvents(4)).map((e) => e.id),
    [...ids.slice(3), live],
  );
  await expectNoMore(resumed, 4);
  for (const r of [watcher, resumed]) r.close();
  await saga.close();
  await bff.close();
});

test('beyond the buffer: the older ones from a Pulsar reader, the rest from the buffer, no gap, no repeat', async () => {
  const bff = await startBff({ stream: { bufferSize: 2 } });
  const saga = await sagaEventProducer(bff.client, bff.topics.stream);
  const watcher = await openSse(`${bff.url}/stream`);
  const id = randomUUID();
  const ids = await saga.sendAll(sixOf(id));
  await settled(watcher, 6);
  const resumed = await openSse(`${bff.url}/stream`, { 'last-event-id': ids[0] as string });
  assert.equal(
    (await resumed.waitForEvents(5)).map((e) => e.id),
    ids.slice(1),
  );
  const live = await saga.send(paso(id, 6));
  assert.equal(
    (await resumed.waitForEvents(6)).map((e) => e.id),
    [...ids.slice(1), live],
  );
  await expectNoMore(resumed, 6);

  const other = randomUUID();
  const mixed = await saga.sendAll([
    paso(other, 0),
    paso(id, 7),
    paso(other, 1),
    paso(id, 8),
    paso(other, 2),
    paso(id, 9),
  ]);
  await settled(watcher, 13);
  const filtered = await openSse(`${bff.url}/stream?id_correlacion=${other}`, { 'last-event-id': mixed[0] as string });
  assert.equal(
    (await filtered.waitForEvents(2)).map((e) => e.id),
    [mixed[2], mixed[4]],
  );
  await expectNoMore(filtered, 2);
  for (const r of [watcher, resumed, filtered]) r.close();
  await saga.close();
  await bff.close();
});

test('on another BFF instance that started later (empty buffer), through the reader; then live', async () => {
  const first = await startBff();
  const saga = await sagaEventProducer(first.client, first.topics.stream);
  const id = randomUUID();
  const watcher = await openSse(`${first.url}/stream`);
  const ids = await saga.sendAll(sixOf(id));
  await settled(watcher, 6);
  const second = await startBff({ topics: first.topics });
  const resumed = await openSse(`${second.url}/stream`, { 'last-event-id': ids[1] as string });
  assert.equal(
    (await resumed.waitForEvents(4)).map((e) => e.id),
    ids.slice(2),
  );
  const live = await saga.send(paso(id, 6));
  assert.equal(
    (await resumed.waitForEvents(5)).map((e) => e.id),
    [...ids.slice(2), live],
  );
  assert.equal(
    (await watcher.waitForEvents(7)).map((e) => e.id),
    [...ids, live],
    'same ids on both instances',
  );
  await expectNoMore(resumed, 5);
  for (const r of [watcher, resumed]) r.close();
  await saga.close();
  await Promise.all([first.close(), second.close()]);
});

test('the eventsource package sends our ids back: resuming with it delivers the missed events', async () => {
  const bff = await startBff({ stream: { bufferSize: 3 } });
  const saga = await sagaEventProducer(bff.client, bff.topics.stream);
  const watcher = await openSse(`${bff.url}/stream`);
  const ids = await saga.sendAll(sixOf(randomUUID()));
  await settled(watcher, 6);
  const source = new EventSource(`${bff.url}/stream`, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, 'last-event-id': ids[0] as string } }),
  });
  const got: string[] = [];
  source.addEventListener('nuevo_evento', (e) => got.push(e.lastEventId));
  const deadline = Date.now() + 10_000;
  while (got.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  source.close();
  assert.equal(got, ids.slice(1));
  watcher.close();
  await saga.close();
  await bff.close();
});

test('a client that stops reading is dropped (bounded memory) while the others get everything', async () => {
  const bff = await startBff({ stream: { maxBufferedBytes: 64 * 1024 } });
  const saga = await sagaEventProducer(bff.client, bff.topics.stream);
  // Operators get `detalle`, so the frames are large enough to fill the socket (strangers' are small).
  const operator = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` };
  const reading = await openSse(`${bff.url}/stream`, operator);
  const stuck = await openSse(`${bff.url}/stream`, operator);
  stuck.response.pause();
  const detalle = JSON.stringify({ relleno: 'x'.repeat(40 * 1024) });
  const id = randomUUID();
  const total = 400;
  for (let i = 0; i < total; i++) await saga.send({ ...paso(id, i), detalle });
  await reading.waitForEvents(total, 30_000);
  const metrics = (await bff.app.inject({ method: 'GET', url: '/metrics' })).body;
  assert.match(metrics, /bff_sse_clients_closed_total\{reason="slow",service="bff"\} 1/);
  stuck.response.resume();
  await stuck.ended();
  assert.ok(stuck.events.length < total, `the stuck client got ${stuck.events.length} of ${total}`);
  assert.match(metrics, /bff_sse_clients\{service="bff"\} 1\b/);
  reading.close();
  await saga.close();
  await bff.close();
});

test.run();
