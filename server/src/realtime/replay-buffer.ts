/**
 * The last room event frames, already encoded, so a resume inside the window costs no query.
 * A ring: old frames fall out as new ones come in.
 */
export class ReplayBuffer {
  readonly #frames: (Uint8Array | undefined)[];
  #lastSeq = 0;

  constructor(private readonly size: number) {
    this.#frames = new Array(size);
  }

  /** Records the frame of event `seq`; seqs must come in order. */
  push(seq: number, frame: Uint8Array): void {
    this.#frames[seq % this.size] = frame;
    this.#lastSeq = seq;
  }

  /** Starts the buffer at `seq` (after loading a room), with nothing in it. */
  reset(seq: number): void {
    this.#frames.fill(undefined);
    this.#lastSeq = seq;
  }

  /** The frames after `afterSeq` up to `untilSeq`, or `null` when some of them are no longer held. */
  range(afterSeq: number, untilSeq: number): Uint8Array[] | null {
    if (untilSeq > this.#lastSeq || afterSeq > untilSeq) return null;
    if (untilSeq - afterSeq > this.size) return null;
    const frames: Uint8Array[] = [];
    for (let seq = afterSeq + 1; seq <= untilSeq; seq++) {
      const frame = this.#frames[seq % this.size];
      if (frame === undefined) return null;
      frames.push(frame);
    }
    return frames;
  }
}
