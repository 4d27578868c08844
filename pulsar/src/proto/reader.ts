import { PulsarError } from '../errors.ts';

const TWO_32 = 4294967296;

/** Protobuf reader; a varint is read into `lo`/`hi` (unsigned 32-bit halves) to stay exact past 2^53. */
export class Reader {
  buf: Buffer;
  pos: number;
  end: number;
  lo = 0;
  hi = 0;

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new PulsarError('ProtocolError', 'truncated protobuf message');
    return this.buf[this.pos++] as number;
  }

  readVarint(): void {
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      b = this.byte();
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return this.set(lo, 0);
    }
    b = this.byte();
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >>> 4;
    if (b < 0x80) return this.set(lo, hi);
    for (let shift = 3; shift < 32; shift += 7) {
      b = this.byte();
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) return this.set(lo, hi);
    }
    throw new PulsarError('ProtocolError', 'varint longer than 10 bytes');
  }

  private set(lo: number, hi: number): void {
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  uint32(): number {
    this.readVarint();
    return this.lo;
  }

  int32(): number {
    this.readVarint();
    return this.lo | 0;
  }

  /** uint64 as a number (exact up to 2^53). */
  uint64(): number {
    this.readVarint();
    return this.hi * TWO_32 + this.lo;
  }

  /** int64 as a number (exact within ±2^53). */
  int64(): number {
    this.readVarint();
    return (this.hi | 0) * TWO_32 + this.lo;
  }

  bigint64(): bigint {
    this.readVarint();
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo));
  }

  bool(): boolean {
    this.readVarint();
    return this.lo !== 0;
  }

  /** Length-delimited field: returns its [start, end) range and moves past it. */
  span(): number {
    const len = this.uint32();
    const start = this.pos;
    if (start + len > this.end) throw new PulsarError('ProtocolError', 'length-delimited field past end of message');
    this.pos = start + len;
    return start;
  }

  bytes(): Buffer {
    const start = this.span();
    return this.buf.subarray(start, this.pos);
  }

  string(): string {
    const start = this.span();
    return this.buf.toString('utf8', start, this.pos);
  }

  skip(wireType: number): void {
    if (wireType === 0) this.readVarint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.span();
    else if (wireType === 5) this.pos += 4;
    else throw new PulsarError('ProtocolError', `unsupported protobuf wire type ${wireType}`);
  }
}
