import { crc32c } from './crc32c.ts';
import { PulsarError } from './errors.ts';
import { decodeMessage, encodeMessage } from './proto/codec.ts';
import { BaseCommand as BaseCommandDef, MessageMetadata as MetadataDef } from './proto/defs.ts';
import type { BaseCommand, MessageMetadata } from './proto/types.ts';
import type { Writer } from './proto/writer.ts';

// Framing per the binary protocol spec: sizes are 4-byte big-endian; a payload frame adds
// [0x0e01][crc32c][metadataSize][metadata][payload] (and optionally a 0x0e02 broker-entry-metadata block first).
const MAGIC_CRC32C = 0x0e01;
const MAGIC_BROKER_ENTRY_METADATA = 0x0e02;

export interface Frame {
  command: BaseCommand;
  metadata?: MessageMetadata;
  /** The bytes after the metadata: one message, or a whole batch. */
  payload?: Buffer;
  checksumOk?: boolean;
}

export function encodeCommand(w: Writer, cmd: BaseCommand): Buffer {
  w.begin();
  const total = w.beginSize32();
  const size = w.beginSize32();
  encodeMessage(w, BaseCommandDef, cmd);
  w.endSize32(size);
  w.endSize32(total);
  return w.finish();
}

/** A payload frame; `payload` may be a whole batch. The checksum covers metadata size, metadata and payload. */
export function encodePayloadCommand(
  w: Writer,
  cmd: BaseCommand,
  metadata: MessageMetadata,
  payload: Uint8Array,
): Buffer {
  w.begin(payload.length + 512);
  const total = w.beginSize32();
  const size = w.beginSize32();
  encodeMessage(w, BaseCommandDef, cmd);
  w.endSize32(size);
  w.uint16BE(MAGIC_CRC32C);
  const crcAt = w.beginSize32();
  const metaSize = w.beginSize32();
  encodeMessage(w, MetadataDef, metadata);
  w.endSize32(metaSize);
  w.raw(payload);
  w.buf.writeUInt32BE(crc32c(w.buf, crcAt + 4, w.pos), crcAt);
  w.endSize32(total);
  return w.finish();
}

/** Splits a byte stream into frames; chunks are joined only once a whole frame has arrived. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private length = 0;
  private readonly maxFrameSize: number;

  constructor(maxFrameSize: number) {
    this.maxFrameSize = maxFrameSize;
  }

  push(chunk: Buffer, onFrame: (frame: Frame) => void): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length < 4) return;
    if ((this.chunks[0] as Buffer).length < 4) this.join();
    const size = (this.chunks[0] as Buffer).readUInt32BE(0);
    if (size > this.maxFrameSize) throw new PulsarError('ProtocolError', `frame of ${size} bytes exceeds the maximum`);
    if (this.length < size + 4) return;
    const buf = this.join();
    let pos = 0;
    while (buf.length - pos >= 4) {
      const need = buf.readUInt32BE(pos) + 4;
      if (buf.length - pos < need) break;
      onFrame(decodeFrame(buf, pos, pos + need));
      pos += need;
    }
    this.chunks = pos < buf.length ? [buf.subarray(pos)] : [];
    this.length = buf.length - pos;
  }

  private join(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] as Buffer;
  }
}

export function decodeFrame(buf: Buffer, start: number, end: number): Frame {
  const cmdSize = buf.readUInt32BE(start + 4);
  const cmdEnd = start + 8 + cmdSize;
  const command = decodeMessage<BaseCommand>(BaseCommandDef, buf, start + 8, cmdEnd);
  if (cmdEnd >= end) return { command };
  let pos = cmdEnd;
  if (buf.readUInt16BE(pos) === MAGIC_BROKER_ENTRY_METADATA) pos += 6 + buf.readUInt32BE(pos + 2);
  let checksumOk = true;
  if (buf.readUInt16BE(pos) === MAGIC_CRC32C) {
    checksumOk = crc32c(buf, pos + 6, end) === buf.readUInt32BE(pos + 2);
    pos += 6;
  }
  const metaSize = buf.readUInt32BE(pos);
  const metadata = decodeMessage<MessageMetadata>(MetadataDef, buf, pos + 4, pos + 4 + metaSize);
  return { command, metadata, payload: buf.subarray(pos + 4 + metaSize, end), checksumOk };
}
