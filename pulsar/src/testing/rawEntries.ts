import { ConnectionPool } from '../connection/pool.ts';
import { lookupTopic } from '../connection/lookup.ts';
import { parseServiceUrl } from '../connection/socket.ts';
import { encodePayloadCommand } from '../frame.ts';
import { silentLogger } from '../logger.ts';
import { messageId } from '../messageId.ts';
import type { MessageId } from '../messageId.ts';
import { CommandType as T } from '../proto/types.ts';
import type { BaseCommand, MessageMetadata } from '../proto/types.ts';
import { Writer } from '../proto/writer.ts';
import { PulsarError, serverErrorCode } from '../errors.ts';

/** One entry exactly as a (possibly hostile) producer would write it: any metadata, any payload bytes. */
export interface RawEntry {
  metadata?: Partial<MessageMetadata>;
  payload: Uint8Array;
  /** Flips a payload byte after the checksum was computed. */
  corruptChecksum?: boolean;
}

export interface RawTarget {
  serviceUrl: string;
  topic: string;
  token?: string;
}

/**
 * Publishes entries byte for byte, bypassing the producer's checks, for the poison tests: a lying batch count,
 * a bomb, an unknown codec. Resolves with each entry's id, or the error the broker answered it with.
 */
export async function publishRaw(
  target: RawTarget,
  entries: readonly RawEntry[],
): Promise<(MessageId | PulsarError)[]> {
  const auth = target.token === undefined ? undefined : { token: () => target.token as string };
  const pool = new ConnectionPool({ auth, operationTimeoutMs: 30_000, keepAliveMs: 30_000, logger: silentLogger });
  try {
    const conn = await pool.get(await lookupTopic(pool, parseServiceUrl(target.serviceUrl), target.topic));
    const producerId = 1;
    const answers = new Map<number, (r: MessageId | PulsarError) => void>();
    conn.addProducer(producerId, {
      onFrame: ({ command: c }) => {
        if (c.sendReceipt) answers.get(c.sendReceipt.sequenceId)?.(receiptId(c.sendReceipt));
        if (c.sendError)
          answers.get(c.sendError.sequenceId)?.(
            new PulsarError(serverErrorCode(c.sendError.error), c.sendError.message),
          );
      },
      onDisconnect: () => {},
    });
    const requestId = conn.newRequestId();
    const ok = await conn.request(
      { type: T.PRODUCER, producer: { topic: target.topic, producerId, requestId } },
      requestId,
      'raw producer',
    );
    const producerName = ok.producerSuccess?.producerName ?? 'raw';
    const results: (MessageId | PulsarError)[] = [];
    for (const [i, e] of entries.entries()) {
      const sequenceId = i;
      const answer = new Promise<MessageId | PulsarError>((resolve) => answers.set(sequenceId, resolve));
      conn.write(rawFrame(e, producerId, { producerName, sequenceId, publishTime: Date.now(), ...e.metadata }));
      results.push(await answer);
    }
    return results;
  } finally {
    await pool.close();
  }
}

function rawFrame(e: RawEntry, producerId: number, meta: MessageMetadata): Buffer {
  const numMessages = meta.numMessagesInBatch ?? 1;
  const send = {
    producerId,
    sequenceId: meta.sequenceId,
    numMessages: Math.max(1, Math.min(numMessages, 2 ** 31 - 1)),
  };
  const frame = Buffer.from(
    encodePayloadCommand(new Writer(e.payload.length + 1024), { type: T.SEND, send }, meta, e.payload),
  );
  if (e.corruptChecksum) frame[frame.length - 1] = (frame[frame.length - 1] as number) ^ 0xff;
  return frame;
}

function receiptId(r: NonNullable<BaseCommand['sendReceipt']>): MessageId {
  return messageId(Number(r.messageId?.ledgerId ?? -1), Number(r.messageId?.entryId ?? -1), -1, -1);
}
