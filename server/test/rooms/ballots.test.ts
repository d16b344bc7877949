import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ballots } from '../../src/rooms/ballots.js';

const id = fc.constantFrom('p_a', 'p_b', 'p_c', 'p_d', 'p_e');
const card = fc.constantFrom('1', '2', '3', '5', '8', '?');
const step = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constant('with' as const), id, card) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('without' as const), fc.uniqueArray(id, { maxLength: 3 })) },
);

describe('Ballots', () => {
  it('holds what a Map would, in the order of the first votes', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let ballots = Ballots.none;
        const model = new Map<string, string>();
        for (const [op, who, what] of steps) {
          if (op === 'with') {
            ballots = ballots.with(who, what);
            model.set(who, what);
          } else {
            ballots = ballots.without(who);
            for (const gone of who) model.delete(gone);
          }
          expect(ballots.voters).toEqual([...model.keys()]);
          expect(ballots.cards).toEqual([...model.values()]);
          expect(ballots.size).toBe(model.size);
          for (const someone of ['p_a', 'p_b', 'p_c', 'p_d', 'p_e']) {
            expect(ballots.get(someone)).toBe(model.get(someone));
            expect(ballots.has(someone)).toBe(model.has(someone));
          }
        }
      }),
    );
  });

  it('never changes the ballots it was made from', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const seen: { ballots: Ballots; voters: string[]; cards: string[] }[] = [];
        let ballots = Ballots.none;
        for (const [op, who, what] of steps) {
          seen.push({ ballots, voters: [...ballots.voters], cards: [...ballots.cards] });
          ballots = op === 'with' ? ballots.with(who, what) : ballots.without(who);
        }
        for (const before of seen) {
          expect(before.ballots.voters).toEqual(before.voters);
          expect(before.ballots.cards).toEqual(before.cards);
        }
      }),
    );
  });

  it('gives back the same ballots when nothing changes', () => {
    const ballots = Ballots.none.with('p_a', '5');
    expect(ballots.with('p_a', '5')).toBe(ballots);
    expect(ballots.without(['p_b'])).toBe(ballots);
  });

  it('keeps a changed vote in its place and its voters list unchanged', () => {
    const ballots = Ballots.none.with('p_a', '5').with('p_b', '8');
    const changed = ballots.with('p_a', '3');
    expect(changed.voters).toBe(ballots.voters);
    expect(changed.cards).toEqual(['3', '8']);
  });
});
