import type { Frame } from '../frame.ts';
import { messageId } from '../messageId.ts';
import type { MessageId } from '../messageId.ts';
import { decodeMessage } from '../proto/codec.ts';
import { SingleMessageMetadata as SingleMetadataDef } from '../proto/defs.ts';
import type { KeyValue, MessageMetadata, SingleMessageMetadata } from '../proto/types.ts';
import type { Schema } from '../schema.ts';
import { readBatch } from '../producer/batch.ts';
import type { Acker } from './acks.ts';
import { ReceivedMessage } from './message.ts';
import { checkBatchCount, openPayload } from './openPayload.ts';
import type { MessageFields, MessageOwner } from './message.ts';

export interface UnpackContext<T> {
  topic: string;
  partition: number;
  schema: Schema<T>;
  owner: MessageOwner<T>;
  acker: Acker;
  /** The broker's maximum message size: no entry expands past it. */
  maxMessageSize: number;
  /** Reader start position: messages at or before it are dropped (after it only, unless inclusive). */
  skipUntil?: { id: MessageId; inclusive: boolean };
}

export interface Unpacked<T> {
  messages: ReceivedMessage<T>[];
  /** Messages in the entry that were not delivered (already acked, or before the reader's start). */
  skipped: number;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

function toRecord(kvs: KeyValue[] | undefined): Readonly<Record<string, string>> {
  if (!kvs || kvs.length === 0) return EMPTY;
  const out: Record<string, string> = {};
  for (const kv of kvs) out[kv.key] = kv.value;
  return out;
}

/** Checks, decompresses and splits a MESSAGE frame into messages (one per batch index). */
export function unpack<T>(f: Frame, ctx: UnpackContext<T>): Unpacked<T> {
  const cmd = f.command.message as NonNullable<Frame['command']['message']>;
  const meta = f.metadata as MessageMetadata;
  const ledger = Number(cmd.messageId.ledgerId);
  const entry = Number(cmd.messageId.entryId);
  const payload = openPayload(f, meta, ctx.maxMessageSize);
  const base = {
    publishTime: meta.publishTime,
    redeliveryCount: cmd.redeliveryCount ?? 0,
    producerName: meta.producerName,
    schemaVersionBytes: meta.schemaVersion,
    topic: ctx.topic,
  };
  if (meta.numMessagesInBatch === undefined) {
    const id = messageId(ledger, entry, ctx.partition, -1);
    if (skip(id, ctx)) return { messages: [], skipped: 1 };
    const fields: MessageFields = {
      ...base,
      data: payload,
      key: meta.partitionKey,
      properties: toRecord(meta.properties),
      eventTime: meta.eventTime || undefined,
      messageId: id,
      sequenceId: meta.sequenceId,
      batch: undefined,
    };
    return { messages: [new ReceivedMessage(fields, ctx.schema, ctx.owner)], skipped: 0 };
  }
  const n = meta.numMessagesInBatch;
  checkBatchCount(n, payload.length);
  // Every member is read (and checked) before the entry gets a tracker, so a bad entry leaves nothing behind.
  const members = [...readBatch(payload, n, decodeSingle)];
  const tracker = ctx.acker.tracker(ledger, entry, n, cmd.ackSet);
  const messages: ReceivedMessage<T>[] = [];
  let i = 0;
  for (const [smm, data] of members) {
    const id = messageId(ledger, entry, ctx.partition, i);
    if (!tracker.isAcked(i) && !smm.compactedOut && !skip(id, ctx)) {
      const fields: MessageFields = {
        ...base,
        data,
        key: smm.partitionKey,
        properties: toRecord(smm.properties),
        eventTime: smm.eventTime || undefined,
        messageId: id,
        sequenceId: smm.sequenceId ?? meta.sequenceId + i,
        batch: tracker,
      };
      messages.push(new ReceivedMessage(fields, ctx.schema, ctx.owner));
    }
    i++;
  }
  return { messages, skipped: n - messages.length };
}

function decodeSingle(buf: Buffer, start: number, end: number): SingleMessageMetadata {
  return decodeMessage<SingleMessageMetadata>(SingleMetadataDef, buf, start, end);
}

function skip(id: MessageId, ctx: UnpackContext<unknown>): boolean {
  const s = ctx.skipUntil;
  if (!s) return false;
  const a = id;
  const b = s.id;
  if (a.ledgerId !== b.ledgerId) return a.ledgerId < b.ledgerId;
  if (a.entryId !== b.entryId) return a.entryId < b.entryId;
  if (b.batchIndex < 0) return !s.inclusive;
  return s.inclusive ? a.batchIndex < b.batchIndex : a.batchIndex <= b.batchIndex;
}
