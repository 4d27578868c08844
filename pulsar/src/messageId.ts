import { PulsarError } from './errors.ts';
import type { MessageIdData } from './proto/types.ts';

/** Where a message sits: ledger, entry, partition (-1: none), index inside a batch (-1: not batched). Plain data. */
export interface MessageId {
  readonly ledgerId: number;
  readonly entryId: number;
  readonly partition: number;
  readonly batchIndex: number;
}

export function messageId(ledgerId: number, entryId: number, partition = -1, batchIndex = -1): MessageId {
  return { ledgerId, entryId, partition, batchIndex };
}

/** `ledger:entry:partition:batchIndex`; `parseMessageId` reads it back. */
export function messageIdToString(id: MessageId): string {
  return `${id.ledgerId}:${id.entryId}:${id.partition}:${id.batchIndex}`;
}

export function parseMessageId(text: string): MessageId {
  const parts = text.split(':').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isSafeInteger(n))) {
    throw new PulsarError(
      'InvalidConfiguration',
      `invalid message id "${text}"; expected ledger:entry:partition:batchIndex`,
    );
  }
  const [l, e, p, b] = parts as [number, number, number, number];
  return messageId(l, e, p, b);
}

/** Orders ids of one topic partition: ledger, then entry, then batch index (-1, a whole entry, sorts last). */
export function compareMessageIds(a: MessageId, b: MessageId): number {
  if (a.partition !== b.partition) return a.partition - b.partition;
  if (a.ledgerId !== b.ledgerId) return a.ledgerId < b.ledgerId ? -1 : 1;
  if (a.entryId !== b.entryId) return a.entryId < b.entryId ? -1 : 1;
  const ai = a.batchIndex < 0 ? Number.MAX_SAFE_INTEGER : a.batchIndex;
  const bi = b.batchIndex < 0 ? Number.MAX_SAFE_INTEGER : b.batchIndex;
  return ai - bi;
}

export function fromIdData(d: MessageIdData, partition: number, batchIndex = -1): MessageId {
  return messageId(Number(d.ledgerId), Number(d.entryId), partition, batchIndex);
}

export function toIdData(id: MessageId): MessageIdData {
  const d: MessageIdData = { ledgerId: id.ledgerId, entryId: id.entryId };
  if (id.partition >= 0) d.partition = id.partition;
  if (id.batchIndex >= 0) d.batchIndex = id.batchIndex;
  return d;
}

/** Java's MessageId.earliest (-1, -1) and latest (Long.MAX_VALUE, Long.MAX_VALUE) for SUBSCRIBE/SEEK. */
export const EARLIEST_ID_DATA: MessageIdData = { ledgerId: -1, entryId: -1, partition: -1, batchIndex: -1 };
export const LATEST_ID_DATA: MessageIdData = {
  ledgerId: 0x7fffffffffffffffn,
  entryId: 0x7fffffffffffffffn,
  partition: -1,
  batchIndex: -1,
};
