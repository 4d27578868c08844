import type { Frame } from '../frame.ts';
import type { MessageId } from '../messageId.ts';
import type { BaseCommand } from '../proto/types.ts';
import type { UnopenedEntry } from './deadLetter.ts';

/** What is dead-lettered of an entry that could not be opened: its payload as received, key and properties. */
export function unopenedEntry(
  f: Frame,
  cmd: NonNullable<BaseCommand['message']>,
  topic: string,
  partition: number,
): UnopenedEntry {
  const id: MessageId = {
    ledgerId: Number(cmd.messageId.ledgerId),
    entryId: Number(cmd.messageId.entryId),
    partition,
    batchIndex: -1,
  };
  const meta = f.metadata;
  const properties: Record<string, string> = {};
  for (const kv of meta?.properties ?? []) properties[kv.key] = kv.value;
  // The codec and sizes as declared, so an operator can tell a bomb from an unknown codec without the bytes.
  if (meta?.compression) properties['alpes-original-compression'] = String(meta.compression);
  if (meta?.uncompressedSize !== undefined)
    properties['alpes-original-uncompressed-size'] = String(meta.uncompressedSize);
  if (meta?.numMessagesInBatch !== undefined)
    properties['alpes-original-batch-count'] = String(meta.numMessagesInBatch);
  return { topic, id, payload: f.payload ?? Buffer.alloc(0), key: meta?.partitionKey, properties };
}

/** Permits an entry took from the flow window, as the broker counted them (its metadata's batch count). */
export function permitsOf(f: Frame): number {
  const n = f.metadata?.numMessagesInBatch ?? 1;
  return Number.isInteger(n) && n > 0 ? Math.min(n, 2 ** 31 - 1) : 1;
}
