import { type Deck, DeckSchema, deckProblem, PRESET_DECKS, StatisticsSchema } from '@pokerroom/protocol';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStatistics } from '../../src/rooms/index.js';

const modified: Deck = PRESET_DECKS['modified-fibonacci'];
const tShirt: Deck = PRESET_DECKS['t-shirt'];
const answers: Deck = {
  kind: 'custom',
  cards: [
    { label: 'Yes', value: null },
    { label: 'No', value: null },
    { label: 'Maybe', value: null },
  ],
};

describe('computeStatistics, worked examples', () => {
  it('modified Fibonacci with ½, ? and ☕', () => {
    expect(computeStatistics(modified, ['½', '1', '?', '1', '2', '☕'])).toEqual({
      count: 6,
      numericCount: 4,
      mean: 1.125,
      median: 1,
      modes: ['1'],
      min: 0.5,
      max: 2,
      spread: 1.5,
      agreement: 0.5,
      consensus: false,
      suggestion: '1',
      distribution: [
        { label: '½', count: 1 },
        { label: '1', count: 2 },
        { label: '2', count: 1 },
      ],
      nonNumeric: [
        { label: '?', count: 1 },
        { label: '☕', count: 1 },
      ],
    });
  });

  it('takes the mean of the two middle values as the median of an even count', () => {
    expect(computeStatistics(modified, ['8', '3'])).toMatchObject({
      median: 5.5,
      suggestion: '5',
      mean: 5.5,
    });
  });

  it('suggests the larger card when two are equally near the median', () => {
    expect(computeStatistics(modified, ['2', '3']).suggestion).toBe('3');
    expect(computeStatistics(modified, ['0', '1']).suggestion).toBe('½');
  });

  it('lists tied modes in deck order', () => {
    expect(computeStatistics(modified, ['8', '3', '8', '3'])).toMatchObject({
      modes: ['3', '8'],
      agreement: 0.5,
    });
  });

  it('sees consensus in identical counted votes, whatever the non-numeric ones', () => {
    expect(computeStatistics(modified, ['5', '?', '5'])).toMatchObject({
      consensus: true,
      agreement: 1,
      spread: 0,
    });
  });

  it('has no numeric figures when only ? and ☕ were played', () => {
    expect(computeStatistics(modified, ['?', '☕', '?'])).toEqual({
      count: 3,
      numericCount: 0,
      mean: null,
      median: null,
      modes: [],
      min: null,
      max: null,
      spread: null,
      agreement: 0,
      consensus: false,
      suggestion: null,
      distribution: [],
      nonNumeric: [
        { label: '?', count: 2 },
        { label: '☕', count: 1 },
      ],
    });
  });

  it('counts T-shirt sizes by the points they stand for', () => {
    expect(computeStatistics(tShirt, ['XL', 'M', 'S', 'M'])).toMatchObject({
      numericCount: 4,
      mean: 4,
      median: 3,
      min: 2,
      max: 8,
      spread: 6,
      modes: ['M'],
      suggestion: 'M',
    });
  });

  it('counts every vote of a deck without numbers', () => {
    expect(computeStatistics(answers, ['No', 'Yes', 'No'])).toEqual({
      count: 3,
      numericCount: 0,
      mean: null,
      median: null,
      modes: ['No'],
      min: null,
      max: null,
      spread: null,
      agreement: 2 / 3,
      consensus: false,
      suggestion: null,
      distribution: [
        { label: 'Yes', count: 1 },
        { label: 'No', count: 2 },
      ],
      nonNumeric: [],
    });
  });

  it('is all zeros and nulls without votes', () => {
    expect(computeStatistics(modified, [])).toMatchObject({
      count: 0,
      agreement: 0,
      consensus: false,
      modes: [],
    });
  });

  it('counts labels the deck no longer has apart', () => {
    expect(computeStatistics(modified, ['5', 'XL']).nonNumeric).toEqual([{ label: 'XL', count: 1 }]);
  });
});

const label = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '');
const customDeck: fc.Arbitrary<Deck> = fc
  .uniqueArray(
    fc.record({ label, value: fc.option(fc.integer({ min: -1000, max: 1000 }).map((n) => n / 4)) }),
    {
      minLength: 2,
      maxLength: 24,
      selector: (card) => card.label,
    },
  )
  .map((cards) => ({ kind: 'custom', cards }));
const anyDeck = fc.oneof(fc.constantFrom<Deck>(...Object.values(PRESET_DECKS)), customDeck);
const deckAndVotes = anyDeck.chain((deck) =>
  fc.tuple(
    fc.constant(deck),
    fc.array(fc.constantFrom(...deck.cards.map((card) => card.label)), { maxLength: 30 }),
  ),
);

describe('computeStatistics, properties', () => {
  it('generates valid decks', () => {
    fc.assert(fc.property(customDeck, (deck) => Value.Check(DeckSchema, deck) && deckProblem(deck) === null));
  });

  it('matches the protocol schema', () => {
    fc.assert(
      fc.property(deckAndVotes, ([deck, votes]) =>
        Value.Check(StatisticsSchema, computeStatistics(deck, votes)),
      ),
    );
  });

  it('accounts for every vote exactly once', () => {
    fc.assert(
      fc.property(deckAndVotes, ([deck, votes]) => {
        const stats = computeStatistics(deck, votes);
        const sum = [...stats.distribution, ...stats.nonNumeric].reduce(
          (total, entry) => total + entry.count,
          0,
        );
        expect(sum).toBe(votes.length);
        expect(stats.count).toBe(votes.length);
      }),
    );
  });

  it('keeps mean and median between min and max', () => {
    fc.assert(
      fc.property(deckAndVotes, ([deck, votes]) => {
        const { mean, median, min, max, spread, numericCount } = computeStatistics(deck, votes);
        if (numericCount === 0) return mean === null && median === null && spread === null;
        if (mean === null || median === null || min === null || max === null) return false;
        return min <= mean && mean <= max && min <= median && median <= max && spread === max - min;
      }),
    );
  });

  it('does not depend on the order of the votes', () => {
    fc.assert(
      fc.property(
        deckAndVotes.chain(([deck, votes]) =>
          fc.tuple(
            fc.constant(deck),
            fc.constant(votes),
            fc.shuffledSubarray(votes, { minLength: votes.length }),
          ),
        ),
        ([deck, votes, shuffled]) => {
          expect(computeStatistics(deck, shuffled)).toEqual(computeStatistics(deck, votes));
        },
      ),
    );
  });

  it('agrees with itself on modes, agreement, consensus and suggestion', () => {
    fc.assert(
      fc.property(deckAndVotes, ([deck, votes]) => {
        const stats = computeStatistics(deck, votes);
        const counted = stats.distribution.reduce((total, entry) => total + entry.count, 0);
        const top = Math.max(0, ...stats.distribution.map((entry) => entry.count));
        expect(stats.modes).toEqual(stats.distribution.filter((e) => e.count === top).map((e) => e.label));
        expect(stats.agreement).toBe(counted === 0 ? 0 : top / counted);
        expect(stats.consensus).toBe(stats.distribution.length === 1);
        const numericLabels = deck.cards.filter((card) => card.value !== null).map((card) => card.label);
        if (stats.numericCount > 0) expect(numericLabels).toContain(stats.suggestion);
        else expect(stats.suggestion).toBeNull();
      }),
    );
  });
});

// Each case of the "Exactly" list in docs/protocol.md's Statistics section.
describe('computeStatistics, as the spec states it exactly', () => {
  const fibonacci = PRESET_DECKS.fibonacci;

  it('does not round', () => {
    expect(computeStatistics(fibonacci, ['3', '5', '8']).agreement).toBe(0.3333333333333333);
  });

  it('takes the mean of the two middle values for an even count, and the larger card on a tie', () => {
    expect(computeStatistics(fibonacci, ['3', '5'])).toMatchObject({ median: 4, suggestion: '5' });
  });

  it('lists every mode in deck order, agreement being the top count over the counted votes', () => {
    expect(computeStatistics(fibonacci, ['5', '3', '5', '3'])).toMatchObject({
      modes: ['3', '5'],
      agreement: 0.5,
    });
  });

  it('has no consensus, no mode and no agreement without a counted vote', () => {
    for (const cards of [[], ['?', '☕']]) {
      expect(computeStatistics(fibonacci, cards)).toMatchObject({
        consensus: false,
        modes: [],
        agreement: 0,
      });
    }
    expect(computeStatistics(fibonacci, ['5', '5', '?']).consensus).toBe(true);
  });

  it('counts a label the deck no longer has apart, after the deck cards', () => {
    expect(computeStatistics(fibonacci, ['XL', '?', '5']).nonNumeric).toEqual([
      { label: '?', count: 1 },
      { label: 'XL', count: 1 },
    ]);
  });
});
