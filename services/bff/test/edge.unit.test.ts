// The public edge's pure parts: capabilities and tickets, the public view of a transition, stream caps, reader slots.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FastifyRequest } from 'fastify';
import type { EventoSaga } from '@alpes/contracts';
import { messageId } from '@alpes/pulsar';
import type { Message } from '@alpes/pulsar';
import { createAccess, TICKET_TTL_MS } from '../src/adapters/http/access.ts';
import { createStreamAdmission } from '../src/adapters/http/streamAdmission.ts';
import { createStaleResumes } from '../src/adapters/stream/catchUp.ts';
import { createReaderSlots } from '../src/adapters/stream/readerSlots.ts';
import { toStreamEvent } from '../src/adapters/stream/streamEvent.ts';

const test = suite('edge (pure)');
const secret = 's'.repeat(32);
const request = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  ({ headers, query }) as unknown as FastifyRequest;

test("a capability opens its own saga only, and only with the server's secret", () => {
  const access = createAccess({ secret, operatorToken: undefined });
  const token = access.capability('saga-1');
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(access.holdsCapability('saga-1', token));
  assert.not.ok(access.holdsCapability('saga-2', token));
  assert.not.ok(access.holdsCapability('saga-1', undefined));
  assert.not.ok(createAccess({ secret: 't'.repeat(32), operatorToken: undefined }).holdsCapability('saga-1', token));
});

test('operators: the bearer token, or a ticket until it expires; nobody when no token is configured', () => {
  let now = 1_000_000;
  const access = createAccess({ secret, operatorToken: 'o'.repeat(40), now: () => now });
  assert.ok(access.isOperator(request({ authorization: `Bearer ${'o'.repeat(40)}` })));
  assert.not.ok(access.isOperator(request({ authorization: 'Bearer wrong' })));
  assert.not.ok(access.isOperator(request({})));
  const { ticket } = access.ticket();
  assert.ok(access.isOperator(request({}, { ticket })));
  assert.not.ok(access.isOperator(request({}, { ticket: ticket.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) })));
  now += TICKET_TTL_MS + 1;
  assert.not.ok(access.isOperator(request({}, { ticket })), 'expired');
  const closed = createAccess({ secret, operatorToken: undefined });
  assert.not.ok(closed.isOperator(request({ authorization: 'Bearer anything' })));
  assert.not.ok(closed.operatorsEnabled);
});

test('the public view of a transition keeps codes and states, drops detalle, error and id_influencer', () => {
  const data = {
    id_correlacion: 'saga-1',
    id_influencer: 'ana-garcia',
    evento: 'PasoFallido',
    paso: 'contrato',
    index_paso: 2,
    estado_saga: 'compensando',
    estado_paso: 'fallido',
    comando: null,
    evento_origen: 'ErrorCreacionContrato',
    compensacion: null,
    error_codigo: 'CONTRATO_ACTIVO_EXISTENTE',
    error: 'ana@example.com ya tiene un contrato activo',
    exitosa: false,
    fecha_evento: '2026-12-03T00:00:00.000Z',
    detalle: JSON.stringify({ nombre: 'Ana García', email: 'ana@example.com', telefono: '+57 300 1234567' }),
  };
  const message = {
    messageId: messageId(5, 1),
    value: { data, message_id: 'm-1', occurred_at: 1 },
  } as unknown as Message<EventoSaga>;
  const event = toStreamEvent(message);
  assert.ok(event);
  const shown = JSON.parse(event.publicJson) as Record<string, unknown>;
  assert.is(shown['error_codigo'], 'CONTRATO_ACTIVO_EXISTENTE');
  assert.is(shown['estado_saga'], 'compensando');
  for (const hidden of ['detalle', 'error', 'id_influencer']) assert.not.ok(hidden in shown, hidden);
  for (const secretText of ['Ana', 'ana@', '300', 'ana-garcia'])
    assert.not.ok(event.publicJson.includes(secretText), secretText);
  assert.ok(event.json.includes('ana@example.com'), 'the full view keeps everything');
});

test('stream caps: per address, then in all; a release frees the place', () => {
  const admission = createStreamAdmission({ maxStreams: 3, maxStreamsPerAddress: 2 });
  assert.equal(
    ['a', 'a', 'a'].map((address) => admission.admit(address)),
    ['ok', 'ok', 'address'],
  );
  assert.is(admission.admit('b'), 'ok');
  assert.is(admission.admit('c'), 'full');
  admission.release('a');
  assert.is(admission.admit('c'), 'ok');
});

test('reader slots: at most N at once, the others served in turn', async () => {
  const slots = createReaderSlots(2);
  const first = await slots.acquire();
  await slots.acquire();
  let third = false;
  const waiting = slots.acquire().then((release) => {
    third = true;
    return release;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.not.ok(third, 'waits while both slots are held');
  first();
  first();
  (await waiting)();
  assert.ok(third);
});

test('stale resume points: remembered, the oldest forgotten past the bound', () => {
  const stale = createStaleResumes(2);
  for (const id of ['0:0:-1:-1', '1:0:-1:-1', '2:0:-1:-1']) stale.add(id);
  assert.equal(
    ['0:0:-1:-1', '1:0:-1:-1', '2:0:-1:-1'].map((id) => stale.has(id)),
    [false, true, true],
  );
});

test.run();
