// The operator's stream also carries the contract events (issue 18), injected through `npm run send-events`'s own
// code path (`run` of @alpes/send-events, the original's "reportes" script as the `contrato` preset): an operator
// gets them as `contrato` / `contrato_error` without an `id:`, so its saga resume point stays right; the public
// view and a registrant's saga stream never get them (they carry influencer emails).
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EventSource } from 'eventsource';
import { contratoOriginal, run } from '@alpes/send-events';
import { testInfra } from '@alpes/infra/testing';
import { createAccess } from '../src/adapters/http/access.ts';
import { startBff, TEST_OPERATOR_TOKEN, TEST_SECRET } from './support/bff.ts';
import type { TestBff } from './support/bff.ts';
import { rawStream } from './support/rawStream.ts';
import type { RawStream } from './support/rawStream.ts';
import { sagaEventProducer } from './support/sagaEvents.ts';
import { openSse } from './support/sseReader.ts';

let bff: TestBff;
let saga: Awaited<ReturnType<typeof sagaEventProducer>>;
const operator = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` };
const ID_CONTRATO = contratoOriginal().data?.id_contrato ?? '';
const EMAIL_DE_ERROR = 'ana.garcia@gmail.com';
const capability = (sagaId: string) =>
  createAccess({ secret: TEST_SECRET, operatorToken: undefined }).capability(sagaId);

const test = suite('operator stream: contract events');
test.before(async () => {
  bff = await startBff();
  saga = await sagaEventProducer(bff.client, bff.topics.stream);
});
test.after(async () => {
  await saga.close();
  await bff.close();
});

/** `npm run send-events -- <argv>`, in-process, against the test's broker. */
async function sendEvents(argv: readonly string[]): Promise<void> {
  const io = {
    env: { PULSAR_URL: testInfra().pulsarUrl },
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: process.stderr,
  };
  assert.is(await run(argv, io), 0, `send-events ${argv.join(' ')}`);
}

test('an injected EventoContratoCreado and an error reach the operator, never the public view nor a saga stream', async () => {
  const publico: RawStream = await rawStream(`${bff.url}/stream`);
  const sagaId = randomUUID();
  const registrante = await rawStream(`${bff.url}/stream?saga=${sagaId}&token=${capability(sagaId)}`);
  const operador = await openSse(`${bff.url}/stream`, operator);
  await sendEvents(['contrato', '--topic', bff.topics.contracts]);
  await sendEvents(['--topic', bff.topics.contractErrors, '--schema-of', 'eventos-contratos-error']);
  const [creado, fallido] = await operador.waitForEvents(2, 20_000);
  assert.equal([creado?.event, fallido?.event].sort(), ['contrato', 'contrato_error']);
  const byName = Object.fromEntries(
    operador.events.map((e) => [e.event, { id: e.id, data: JSON.parse(e.data) as Record<string, unknown> }]),
  );
  assert.is(byName['contrato']?.data['id_contrato'], ID_CONTRATO);
  assert.is(byName['contrato']?.data['message_type'], 'ContratoCreado');
  assert.is(byName['contrato']?.data['topico'], 'eventos-contratos');
  assert.is(byName['contrato_error']?.data['error_codigo'], 'CONTRATO_EMAIL_DUPLICADO');
  assert.match(String(byName['contrato_error']?.data['error_detalle']), EMAIL_DE_ERROR);
  assert.is(byName['contrato']?.id, undefined, 'a contract frame has no id: line');
  assert.is(byName['contrato_error']?.id, undefined, 'a contract frame has no id: line');
  // The hub hands each event to every listener at once: by now the other streams had theirs, if any.
  for (const stream of [publico, registrante]) {
    assert.not.match(stream.text(), ID_CONTRATO);
    assert.not.match(stream.text(), EMAIL_DE_ERROR);
    assert.not.match(stream.text(), 'event: contrato');
    stream.close();
  }
  operador.close();
});

test('a contract frame leaves the resume point on the saga transition: a reconnecting EventSource misses nothing, repeats nothing', async () => {
  // Every connection's Last-Event-ID is recorded; ending the current body makes the EventSource reconnect
  // (an aborted fetch would not: the package takes an AbortError for its own close()).
  const resumedFrom: (string | null)[] = [];
  let drop = new AbortController();
  const source = new EventSource(`${bff.url}/stream`, {
    fetch: async (url, init) => {
      resumedFrom.push(new Headers(init?.headers).get('last-event-id'));
      drop = new AbortController();
      return endable(await fetch(url, { ...init, headers: { ...init?.headers, ...operator } }), drop.signal);
    },
  });
  const seen: { type: string; id: string }[] = [];
  for (const type of ['nuevo_evento', 'contrato'])
    source.addEventListener(type, (e) => {
      seen.push({ type, id: e.lastEventId });
    });
  await new Promise((resolve) => source.addEventListener('open', resolve));
  const id = randomUUID();
  const [primero] = await saga.sendAll([{ id_correlacion: id, evento: 'SagaIniciada' }]);
  await until(() => seen.length >= 1);
  await sendEvents(['contrato', '--topic', bff.topics.contracts]);
  await until(() => seen.length >= 2);
  drop.abort();
  await until(() => resumedFrom.length >= 2);
  const [segundo] = await saga.sendAll([{ id_correlacion: id, evento: 'PasoIniciado', paso: 'influencer' }]);
  await until(() => seen.length >= 3);
  source.close();
  assert.equal(resumedFrom, [null, primero]);
  assert.equal(
    seen.map((e) => e.type),
    ['nuevo_evento', 'contrato', 'nuevo_evento'],
  );
  assert.equal([seen[0]?.id, seen[2]?.id], [primero, segundo]);
});

/** The response with a body that ends (as a dropped connection does) when `end` fires. */
function endable(response: Response, end: AbortSignal): Response {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let ended = false;
  const body = new ReadableStream<Uint8Array>({
    start: (controller) =>
      end.addEventListener('abort', () => {
        ended = true;
        controller.close();
        void reader.cancel();
      }),
    pull: async (controller) => {
      const { done, value } = await reader.read();
      if (ended) return;
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

async function until(ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test.run();
