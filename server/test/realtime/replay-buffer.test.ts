import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from '../../src/realtime/replay-buffer.js';

const frameOf = (seq: number) => Uint8Array.of(seq & 0xff, (seq >> 8) & 0xff, (seq >> 16) & 0xff);

describe('ReplayBuffer', () => {
  it('answers every range inside the window with exactly its frames, and null for anything older', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 20 }),
        (size, startSeq, pushes, queries) => {
          const buffer = new ReplayBuffer(size);
          buffer.reset(startSeq);
          for (let seq = startSeq + 1; seq <= startSeq + pushes; seq++) buffer.push(seq, frameOf(seq));
          const lastSeq = startSeq + pushes;
          const oldestHeld = Math.max(startSeq, lastSeq - size);
          for (const [a, b] of queries) {
            const until = lastSeq - (b % (pushes + 1));
            const after = until - (a % (size + 3));
            const frames = buffer.range(after, until);
            if (after >= oldestHeld) {
              const expected = Array.from({ length: until - after }, (_, i) => frameOf(after + 1 + i));
              expect(frames).toEqual(expected);
            } else {
              // Older than the window (or before the load): never a partial or wrong answer.
              if (frames !== null)
                expect(frames).toEqual(
                  Array.from({ length: until - after }, (_, i) => frameOf(after + 1 + i)),
                );
            }
          }
          expect(buffer.range(lastSeq, lastSeq + 1)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds nothing from before a reset or a jump in seq', () => {
    const buffer = new ReplayBuffer(8);
    buffer.reset(0);
    for (let seq = 1; seq <= 5; seq++) buffer.push(seq, frameOf(seq));
    buffer.push(9, frameOf(9));
    expect(buffer.range(4, 9)).toBeNull();
    expect(buffer.range(8, 9)).toEqual([frameOf(9)]);
    buffer.reset(20);
    expect(buffer.range(8, 9)).toBeNull();
    expect(buffer.range(20, 20)).toEqual([]);
  });
});
