/**
 * The last room event frames (for a room host, each encoded once per protocol version in use), so
 * a resume inside the window costs no query.
 * It holds at least the last `size` frames. The array grows with the room's events rather than
 * being allocated at full size: most rooms see far fewer events than the window holds, and a
 * preallocated 2,048-slot ring cost 16 KB per room in memory (1.6 KB per connection in rooms of
 * ten), more than the connections themselves.
 */
export class ReplayBuffer<Frame> {
  /** Frames of consecutive events, the first being event `#firstSeq`. */
  #frames: Frame[] = [];
  #firstSeq = 1;
  #lastSeq = 0;
  /** Frames past the window kept before the oldest are dropped in one go (amortised O(1) pushes). */
  readonly #slack: number;

  constructor(private readonly size: number) {
    this.#slack = Math.max(16, size >> 2);
  }

  /** Records the frame of event `seq`; seqs come in order. After a jump, only frames from `seq` on are held. */
  push(seq: number, frame: Frame): void {
    if (seq !== this.#lastSeq + 1) this.reset(seq - 1);
    this.#frames.push(frame);
    this.#lastSeq = seq;
    if (this.#frames.length >= this.size + this.#slack) {
      this.#frames = this.#frames.slice(-this.size);
      this.#firstSeq = seq - this.size + 1;
    }
  }

  /** Starts the buffer at `seq` (after loading a room), with nothing in it. */
  reset(seq: number): void {
    this.#frames = [];
    this.#firstSeq = seq + 1;
    this.#lastSeq = seq;
  }

  /** The frames after `afterSeq` up to `untilSeq`, or `null` when some of them are no longer held. */
  range(afterSeq: number, untilSeq: number): Frame[] | null {
    if (untilSeq > this.#lastSeq || afterSeq > untilSeq) return null;
    if (untilSeq - afterSeq > this.size || afterSeq + 1 < this.#firstSeq) return null;
    return this.#frames.slice(afterSeq + 1 - this.#firstSeq, untilSeq + 1 - this.#firstSeq);
  }
}
