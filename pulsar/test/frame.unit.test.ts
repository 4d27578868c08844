import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeMessage } from '../src/proto/codec.ts';
import { SingleMessageMetadata as SingleDef } from '../src/proto/defs.ts';
import { crc32c } from '../src/crc32c.ts';
import { encodeCommand, encodePayloadCommand, FrameDecoder } from '../src/frame.ts';
import type { Frame } from '../src/frame.ts';
import { compareMessageIds, messageId, parseMessageId, messageIdToString } from '../src/messageId.ts';
import { BatchBuilder, readBatch } from '../src/producer/batch.ts';
import { javaStringHash } from '../src/producer/producer.ts';
import { CommandType } from '../src/proto/types.ts';
import type { SingleMessageMetadata } from '../src/proto/types.ts';
import { Writer } from '../src/proto/writer.ts';

const test = suite('frames and batches');
const noop = { resolve: () => {}, reject: () => {} };

test('simple frame: [totalSize][commandSize][BaseCommand]', () => {
  const frame = encodeCommand(new Writer(), { type: CommandType.PING, ping: {} });
  assert.is(frame.readUInt32BE(0), frame.length - 4);
  assert.is(frame.readUInt32BE(4), frame.length - 8);
  assert.is(frame.subarray(8).toString('hex'), '0812' + '9201' + '00');
});

test('payload frame carries magic 0x0e01 and a CRC32C over metadata size, metadata and payload', () => {
  const payload = Buffer.from('hello avro');
  const frame = encodePayloadCommand(
    new Writer(),
    { type: CommandType.SEND, send: { producerId: 1, sequenceId: 5, numMessages: 1 } },
    { producerName: 'p', sequenceId: 5, publishTime: 1000 },
    payload,
  );
  const cmdEnd = 8 + frame.readUInt32BE(4);
  assert.is(frame.readUInt16BE(cmdEnd), 0x0e01);
  assert.is(frame.readUInt32BE(cmdEnd + 2), crc32c(frame, cmdEnd + 6));
  assert.ok(frame.subarray(frame.length - payload.length).equals(payload));
  const frames: Frame[] = [];
  new FrameDecoder(1 << 20).push(frame, (f) => frames.push(f));
  assert.is(frames[0]?.checksumOk, true);
  assert.is(frames[0]?.metadata?.sequenceId, 5);
  assert.is(frames[0]?.payload?.toString(), 'hello avro');
});

test('the decoder joins frames split across chunks and splits coalesced ones', () => {
  const w = new Writer();
  const a = encodeCommand(w, { type: CommandType.FLOW, flow: { consumerId: 3, messagePermits: 1000 } });
  const b = encodeCommand(w, { type: CommandType.PONG, pong: {} });
  const all = Buffer.concat([a, b, a]);
  for (const cut of [1, 3, 5, a.length, a.length + 2, all.length - 1]) {
    const got: number[] = [];
    const d = new FrameDecoder(1 << 20);
    d.push(all.subarray(0, cut), (f) => got.push(f.command.type));
    d.push(all.subarray(cut), (f) => got.push(f.command.type));
    assert.equal(got, [CommandType.FLOW, CommandType.PONG, CommandType.FLOW], `cut ${cut}`);
  }
});

test('a corrupted payload fails the checksum', () => {
  const frame = encodePayloadCommand(
    new Writer(),
    { type: CommandType.SEND, send: { producerId: 1, sequenceId: 1 } },
    { producerName: 'p', sequenceId: 1, publishTime: 1 },
    Buffer.from('data'),
  );
  frame.writeUInt8(frame.readUInt8(frame.length - 1) ^ 0xff, frame.length - 1);
  let ok: boolean | undefined;
  new FrameDecoder(1 << 20).push(frame, (f) => (ok = f.checksumOk));
  assert.is(ok, false);
});

test('batch layout: repeat([4-byte size][SingleMessageMetadata][payload])', () => {
  const b = new BatchBuilder();
  b.add(
    { payload: Buffer.from('one'), key: 'k', properties: [{ key: 'a', value: '1' }], eventTime: 42, sequenceId: 10 },
    noop,
  );
  b.add({ payload: Buffer.from('two!'), key: 'k', properties: undefined, eventTime: undefined, sequenceId: 11 }, noop);
  assert.not.ok(
    b.accepts(
      { payload: Buffer.alloc(1), key: 'other', properties: undefined, eventTime: undefined, sequenceId: 12 },
      true,
    ),
  );
  const batch = b.take();
  assert.is(batch.count, 2);
  assert.is(batch.firstSequenceId, 10);
  assert.is(batch.lastSequenceId, 11);
  const smmSize = batch.payload.readUInt32BE(0);
  const first = decodeMessage<SingleMessageMetadata>(SingleDef, batch.payload, 4, 4 + smmSize);
  assert.equal(first, {
    properties: [{ key: 'a', value: '1' }],
    partitionKey: 'k',
    payloadSize: 3,
    eventTime: 42,
    sequenceId: 10,
  });
  const items = [
    ...readBatch(batch.payload, 2, (buf, s, e) => decodeMessage<SingleMessageMetadata>(SingleDef, buf, s, e)),
  ];
  assert.equal(
    items.map(([m, p]) => [m.sequenceId, p.toString()]),
    [
      [10, 'one'],
      [11, 'two!'],
    ],
  );
});

test('javaStringHash equals Java String.hashCode() & Integer.MAX_VALUE', () => {
  assert.is(javaStringHash('hello'), 99162322);
  assert.is(javaStringHash(''), 0);
  assert.is(javaStringHash('polygenelubricants'), 0x7fffffff & -2147483648);
  assert.is(javaStringHash('Aa'), javaStringHash('BB'));
});

test('message ids serialize and order', () => {
  const id = messageId(12, 5, 2, 3);
  assert.equal(parseMessageId(messageIdToString(id)), id);
  assert.ok(compareMessageIds(messageId(12, 5, 2, 3), messageId(12, 5, 2, 4)) < 0);
  assert.ok(compareMessageIds(messageId(12, 5, 2, 9), messageId(12, 5, 2, -1)) < 0);
  assert.ok(compareMessageIds(messageId(11, 99), messageId(12, 0)) < 0);
  assert.throws(() => parseMessageId('1:2'));
});

test.run();
