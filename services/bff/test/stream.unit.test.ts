// Pure parts of the stream: event names, the replay ring, SSE framing.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { messageId } from '@alpes/pulsar';
import { eventNameOf, matchesCorrelation } from '../src/domain/streamEvent.ts';
import { createReplayBuffer } from '../src/adapters/stream/replayBuffer.ts';
import { sseFrame } from '../src/adapters/stream/streamEvent.ts';

const test = suite('stream (pure)');

test('failures and compensations are `error`, everything else `nuevo_evento`', () => {
  for (const evento of ['PasoFallido', 'CompensacionIniciada', 'PasoCompensado', 'SagaCompensada', 'SagaFallida'])
    assert.is(eventNameOf(evento), 'error', evento);
  for (const evento of ['SagaIniciada', 'PasoIniciado', 'PasoCompletado', 'SagaCompletada', 'Desconocido'])
    assert.is(eventNameOf(evento), 'nuevo_evento', evento);
  assert.is(eventNameOf(null), 'nuevo_evento');
});

test('the correlation filter', () => {
  assert.ok(matchesCorrelation(undefined, 'a'));
  assert.ok(matchesCorrelation('a', 'a'));
  assert.not.ok(matchesCorrelation('a', 'b'));
  assert.not.ok(matchesCorrelation('a', null));
});

test('the replay buffer keeps the last N, oldest first', () => {
  const buffer = createReplayBuffer<number>(3);
  assert.equal(buffer.items(), []);
  for (let i = 1; i <= 7; i++) buffer.append(i);
  assert.equal(buffer.items(), [5, 6, 7]);
  assert.is(buffer.size, 3);
  const none = createReplayBuffer<number>(0);
  none.append(1);
  assert.equal(none.items(), []);
  assert.throws(() => createReplayBuffer(-1), /whole number/);
});

test('an SSE frame: id, event, one data line, blank line', () => {
  const json = JSON.stringify({ error: 'línea 1\nlínea 2\r\n' });
  const event = {
    id: '12:3:-1:-1',
    messageId: messageId(12, 3),
    name: 'error',
    idCorrelacion: null,
    json,
    publicJson: '{}',
  } as const;
  const frame = sseFrame(event, 'full');
  assert.is(frame, `id: 12:3:-1:-1\nevent: error\ndata: ${json}\n\n`);
  assert.is(sseFrame(event, 'public'), 'id: 12:3:-1:-1\nevent: error\ndata: {}\n\n');
  assert.is(frame.split('\n').length, 5, 'line breaks inside values are escaped by JSON');
});

test.run();
