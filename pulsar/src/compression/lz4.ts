import { PulsarError } from '../errors.ts';

// The LZ4 *block* format (github.com/lz4/lz4, doc/lz4_Block_format.md), which Pulsar's LZ4 codec uses with the
// size carried in the message metadata. Our own code rather than a package: the pure-JS decoders at hand
// do not check offsets and lengths against the input and output, and here the input is untrusted.
const MIN_MATCH = 4;
/** The last match must start at least 12 bytes before the end; the last 5 bytes are always literals. */
const MF_LIMIT = 12;
const LAST_LITERALS = 5;
const MAX_OFFSET = 65_535;

/** Compresses `src` into one LZ4 block (greedy matching over a 64 Ki-entry hash table). */
export function lz4Compress(src: Uint8Array): Uint8Array {
  const out = new Uint8Array(src.length + Math.ceil(src.length / 255) + 16);
  const table = new Int32Array(1 << 16).fill(-1);
  let anchor = 0;
  let i = 0;
  let o = 0;
  while (i < src.length - MF_LIMIT) {
    const seq = read32(src, i);
    const h = Math.imul(seq, 2654435761) >>> 16;
    const ref = table[h] as number;
    table[h] = i;
    if (ref < 0 || i - ref > MAX_OFFSET || read32(src, ref) !== seq) {
      i++;
      continue;
    }
    let len = MIN_MATCH;
    const maxLen = src.length - LAST_LITERALS - i;
    while (len < maxLen && src[i + len] === src[ref + len]) len++;
    o = writeSequence(out, o, src.subarray(anchor, i), { offset: i - ref, length: len });
    i += len;
    anchor = i;
  }
  o = writeSequence(out, o, src.subarray(anchor), undefined);
  return out.slice(0, o);
}

function writeSequence(
  out: Uint8Array,
  at: number,
  literals: Uint8Array,
  match: { offset: number; length: number } | undefined,
): number {
  let o = at;
  const lit = literals.length;
  const ml = match ? match.length - MIN_MATCH : 0;
  out[o++] = (Math.min(lit, 15) << 4) | Math.min(ml, 15);
  if (lit >= 15) o = writeLength(out, o, lit - 15);
  out.set(literals, o);
  o += lit;
  if (!match) return o;
  out[o++] = match.offset & 0xff;
  out[o++] = match.offset >>> 8;
  if (ml >= 15) o = writeLength(out, o, ml - 15);
  return o;
}

function writeLength(out: Uint8Array, at: number, n: number): number {
  let o = at;
  let rest = n;
  for (; rest >= 255; rest -= 255) out[o++] = 255;
  out[o++] = rest;
  return o;
}

function read32(b: Uint8Array, i: number): number {
  return (
    ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)) >>> 0
  );
}

/** Decodes one LZ4 block that must expand to exactly `size` bytes; every length and offset is checked. */
export function lz4Decompress(src: Uint8Array, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  const cursor = { i: 0 };
  let o = 0;
  while (cursor.i < src.length) {
    const token = src[cursor.i++] as number;
    const lit = extend(src, cursor, token >>> 4);
    if (cursor.i + lit > src.length || o + lit > size) throw corrupt('a literal run overflows');
    out.set(src.subarray(cursor.i, cursor.i + lit), o);
    cursor.i += lit;
    o += lit;
    if (cursor.i === src.length) break;
    if (cursor.i + 2 > src.length) throw corrupt('a match offset is cut off');
    const offset = (src[cursor.i] as number) | ((src[cursor.i + 1] as number) << 8);
    cursor.i += 2;
    const len = extend(src, cursor, token & 15) + MIN_MATCH;
    if (offset === 0 || offset > o || o + len > size) throw corrupt('a match points outside the output');
    for (let k = 0; k < len; k++, o++) out[o] = out[o - offset] as number;
  }
  if (o !== size) throw corrupt(`it expands to ${o} bytes, not the declared ${size}`);
  return out;
}

function extend(src: Uint8Array, cursor: { i: number }, nibble: number): number {
  if (nibble !== 15) return nibble;
  let n = nibble;
  for (;;) {
    if (cursor.i >= src.length) throw corrupt('a length is cut off');
    const b = src[cursor.i++] as number;
    n += b;
    if (b !== 255) return n;
  }
}

function corrupt(why: string): PulsarError {
  return new PulsarError('ProtocolError', `corrupt LZ4 block: ${why}`);
}
