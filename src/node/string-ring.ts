/**
 * A single-producer, single-consumer queue of strings in a SharedArrayBuffer, with a doorbell flag:
 * a handler worker writes its replies here and posts a (tiny) message only when the host has read
 * everything and waits, so a busy host reads many replies per message instead of one message each.
 *
 * Layout: Int32 words [0] head (bytes written, a wrapping counter), [1] tail (bytes read), [2] armed
 * (1 = the consumer waits for a doorbell); data from byte 16. A record is a u32 length and the UTF-8
 * bytes, padded to 4; a length of 0xFFFFFFFF marks the rest of the buffer as skipped (wrap-around).
 */
const HEAD = 0;
const TAIL = 1;
const ARMED = 2;
const DATA = 16;
const WRAP = 0xffffffff;

export class StringRing {
  private readonly words: Int32Array;
  private readonly bytes: Buffer;
  private readonly view: DataView;
  private readonly capacity: number;

  /** A ring with `capacity` data bytes (a power of two); the consumer starts armed. */
  static create(capacity: number): StringRing {
    if (capacity < 16 || (capacity & (capacity - 1)) !== 0)
      throw new Error(`StringRing capacity must be a power of two, got ${capacity}`);
    const ring = new StringRing(new SharedArrayBuffer(DATA + capacity));
    Atomics.store(ring.words, ARMED, 1);
    return ring;
  }

  constructor(readonly buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer, 0, 4);
    this.bytes = Buffer.from(buffer, DATA);
    this.view = new DataView(buffer, DATA);
    this.capacity = buffer.byteLength - DATA;
  }

  /**
   * Producer: appends `text`; false when it does not fit now (the caller sends it another way).
   * Returns 'ring' when the consumer was armed: the caller must then ring its doorbell.
   */
  write(text: string): false | 'written' | 'ring' {
    const length = Buffer.byteLength(text, 'utf8');
    const need = 4 + ((length + 3) & ~3);
    let head = Atomics.load(this.words, HEAD);
    const free = this.capacity - ((head - Atomics.load(this.words, TAIL)) >>> 0);
    let pos = head & (this.capacity - 1);
    const contiguous = this.capacity - pos;
    if (need > contiguous) {
      if (contiguous + need > free) return false;
      this.view.setUint32(pos, WRAP, true);
      head += contiguous;
      pos = 0;
    } else if (need > free) {
      return false;
    }
    this.view.setUint32(pos, length, true);
    this.bytes.write(text, pos + 4, length, 'utf8');
    Atomics.store(this.words, HEAD, (head + need) | 0);
    return Atomics.exchange(this.words, ARMED, 0) === 1 ? 'ring' : 'written';
  }

  /** Producer, when a write did not fit: waits up to `ms` for the consumer to read. */
  waitForSpace(ms: number): void {
    Atomics.wait(this.words, TAIL, Atomics.load(this.words, TAIL), ms);
  }

  /** Consumer: the next string, or null when the ring is empty. */
  read(): string | null {
    let tail = Atomics.load(this.words, TAIL);
    if (tail === Atomics.load(this.words, HEAD)) return null;
    let pos = tail & (this.capacity - 1);
    let length = this.view.getUint32(pos, true);
    if (length === WRAP) {
      tail += this.capacity - pos;
      pos = 0;
      length = this.view.getUint32(0, true);
    }
    const text = this.bytes.toString('utf8', pos + 4, pos + 4 + length);
    Atomics.store(this.words, TAIL, (tail + 4 + ((length + 3) & ~3)) | 0);
    return text;
  }

  /**
   * Consumer, after reading everything: waits for the doorbell again. Returns true when a record
   * arrived meanwhile and the consumer should read on (no doorbell will come for it).
   */
  arm(): boolean {
    Atomics.store(this.words, ARMED, 1);
    if (Atomics.load(this.words, TAIL) === Atomics.load(this.words, HEAD)) return false;
    // Written before the producer saw the flag: take the flag back, unless the producer took it (its doorbell is on the way).
    return Atomics.exchange(this.words, ARMED, 0) === 1;
  }
}
