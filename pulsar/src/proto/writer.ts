const SLAB_SIZE = 64 * 1024;
const TWO_32 = 4294967296;

/**
 * Protobuf/frame writer over a slab. Every finished region is handed out with `finish()` as a view
 * that is never written again (the slab only moves forward), so a socket may keep it until flushed.
 */
export class Writer {
  buf: Buffer;
  pos: number;
  private start: number;

  constructor(size = SLAB_SIZE) {
    this.buf = Buffer.allocUnsafe(size);
    this.pos = 0;
    this.start = 0;
  }

  /** Starts a new region, making room for at least `size` bytes without moving later. */
  begin(size = 256): void {
    if (this.buf.length - this.pos < size) {
      this.buf = Buffer.allocUnsafe(Math.max(SLAB_SIZE, size * 2));
      this.pos = 0;
    }
    this.start = this.pos;
  }

  /** The bytes written since `begin()`. */
  finish(): Buffer {
    const out = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    return out;
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // Same offsets in the bigger slab, so marks taken inside the current region stay valid.
    const next = Buffer.allocUnsafe(Math.max(SLAB_SIZE, (this.pos + n) * 2));
    this.buf.copy(next, this.start, this.start, this.pos);
    this.buf = next;
  }

  uint32BE(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
  }

  uint16BE(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
  }

  /** Unsigned varint for 0 ≤ v ≤ 2^53; negative values are written as 64-bit two's complement. */
  varint(v: number): void {
    if (v < 0) return this.varint64(v >>> 0, Math.floor(v / TWO_32) >>> 0);
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    while (v > 0x7fffffff) {
      b[p++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    while (v > 0x7f) {
      b[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[p++] = v;
    this.pos = p;
  }

  /** Varint of a 64-bit value given as unsigned 32-bit halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    while (hi !== 0 || lo > 0x7f) {
      b[p++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    b[p++] = lo;
    this.pos = p;
  }

  bigint(v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.varint64(Number(u & 0xffffffffn), Number(u >> 32n));
  }

  tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  bytes(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.raw(bytes);
  }

  string(s: string): void {
    const max = s.length * 3;
    if (max < 128) {
      this.ensure(max + 1);
      const n = this.buf.write(s, this.pos + 1);
      this.buf[this.pos] = n;
      this.pos += n + 1;
      return;
    }
    const n = Buffer.byteLength(s);
    this.varint(n);
    this.ensure(n);
    this.pos += this.buf.write(s, this.pos);
  }

  /** Reserves one byte for a length; `endLength(mark)` fills it in (moving the body if it needs more). */
  beginLength(): number {
    this.ensure(1);
    return this.pos++;
  }

  endLength(mark: number): void {
    const len = this.pos - mark - 1;
    if (len < 128) {
      this.buf[mark] = len;
      return;
    }
    let extra = 0;
    for (let v = len >>> 7; v > 0; v >>>= 7) extra++;
    this.ensure(extra);
    this.buf.copyWithin(mark + 1 + extra, mark + 1, this.pos);
    this.pos += extra;
    const end = this.pos;
    this.pos = mark;
    this.varint(len);
    this.pos = end;
  }

  /** Reserves 4 bytes for a big-endian length; `endSize32(mark)` fills it with the bytes written after it. */
  beginSize32(): number {
    this.ensure(4);
    const mark = this.pos;
    this.pos += 4;
    return mark;
  }

  endSize32(mark: number): void {
    this.buf.writeUInt32BE(this.pos - mark - 4, mark);
  }
}
