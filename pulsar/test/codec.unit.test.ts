import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeMessage, encodeMessage } from '../src/proto/codec.ts';
import { BaseCommand, MessageIdData, MessageMetadata } from '../src/proto/defs.ts';
import { Reader } from '../src/proto/reader.ts';
import { CommandType } from '../src/proto/types.ts';
import type { BaseCommand as Cmd, MessageMetadata as Meta } from '../src/proto/types.ts';
import { Writer } from '../src/proto/writer.ts';

const test = suite('protobuf codec');

function roundTrip<T extends object>(def: typeof BaseCommand, value: T): T {
  const w = new Writer(64);
  w.begin();
  encodeMessage(w, def, value);
  const bytes = w.finish();
  return decodeMessage<T>(def, Buffer.from(bytes));
}

test('varints match protobuf encodings', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [2 ** 31, '8080808008'],
    [2 ** 53 - 1, 'ffffffffffffff0f'],
    [-1, 'ffffffffffffffffff01'],
  ];
  for (const [n, hex] of cases) {
    const w = new Writer(16);
    w.begin();
    w.varint(n);
    assert.is(w.finish().toString('hex'), hex, `varint(${n})`);
  }
});

test('signed and unsigned 64-bit reads stay exact', () => {
  const r = new Reader(Buffer.from('ffffffffffffffffff01', 'hex'));
  assert.is(r.int64(), -1);
  const r2 = new Reader(Buffer.from('ffffffffffffff0f', 'hex'));
  assert.is(r2.uint64(), 2 ** 53 - 1);
  const r3 = new Reader(Buffer.from('ffffffffffffffffff01', 'hex'));
  assert.is(r3.int32(), -1);
});

test('message ids keep -1 partitions and 64-bit ack sets', () => {
  const id = {
    ledgerId: 12345678901,
    entryId: -1,
    partition: -1,
    batchIndex: 3,
    ackSet: [-1n, 0x7fffffffffffffffn, 5n],
  };
  const back = roundTrip(MessageIdData, id);
  assert.equal(back, id);
});

test('uint64 fields accept bigint (Long.MAX_VALUE for MessageId.latest)', () => {
  const back = roundTrip(MessageIdData, { ledgerId: 0x7fffffffffffffffn, entryId: 0x7fffffffffffffffn });
  assert.is(back.ledgerId, 2 ** 63);
});

test('BaseCommand with nested messages longer than 127 bytes', () => {
  const cmd: Cmd = {
    type: CommandType.PRODUCER,
    producer: {
      topic: `persistent://public/default/${'x'.repeat(300)}`,
      producerId: 7,
      requestId: 99,
      producerName: 'p-ü',
      schema: {
        name: 'S',
        schemaData: Buffer.from('{"type":"string"}'),
        type: 4,
        properties: [{ key: 'a', value: 'b' }],
      },
      epoch: 0,
      userProvidedProducerName: true,
      metadata: [],
    },
  };
  const back = roundTrip(BaseCommand, cmd);
  assert.is(back.type, CommandType.PRODUCER);
  assert.is(back.producer?.topic, cmd.producer?.topic);
  assert.is(back.producer?.producerName, 'p-ü');
  assert.is(Buffer.from(back.producer?.schema?.schemaData ?? []).toString(), '{"type":"string"}');
  assert.equal(back.producer?.schema?.properties, [{ key: 'a', value: 'b' }]);
  assert.is(back.producer?.userProvidedProducerName, true);
});

test('unknown fields are skipped', () => {
  const w = new Writer(64);
  w.begin();
  w.tag(99, 2);
  w.bytes(Buffer.from('ignored'));
  w.tag(1, 2);
  w.string('name');
  w.tag(2, 0);
  w.varint(42);
  w.tag(3, 0);
  w.varint(1700000000000);
  const meta = decodeMessage<Meta>(MessageMetadata, Buffer.from(w.finish()));
  assert.equal(meta, { producerName: 'name', sequenceId: 42, publishTime: 1700000000000 });
});

test('a growing writer keeps earlier regions intact', () => {
  const w = new Writer(16);
  w.begin();
  w.string('first');
  const first = w.finish();
  w.begin(8);
  w.raw(Buffer.alloc(100_000, 7));
  const second = w.finish();
  assert.is(first.toString('hex'), Buffer.concat([Buffer.from([5]), Buffer.from('first')]).toString('hex'));
  assert.is(second.length, 100_000);
});

test.run();
