import {
  DECK_KINDS,
  DEFAULT_DECK,
  type Deck,
  DeckSchema,
  deckProblem,
  LIMITS,
  PRESET_DECKS,
} from '@pokerroom/protocol';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';

const custom = (...labels: string[]): Deck => ({
  kind: 'custom',
  cards: labels.map((label, index) => ({ label, value: index })),
});

describe('preset decks', () => {
  it('has a preset for every kind but custom', () => {
    expect(Object.keys(PRESET_DECKS).sort()).toEqual(DECK_KINDS.filter((kind) => kind !== 'custom').sort());
  });

  for (const [name, deck] of Object.entries(PRESET_DECKS)) {
    it(`${name} passes DeckSchema and deckProblem`, () => {
      expect(Value.Check(DeckSchema, deck)).toBe(true);
      expect(deckProblem(deck)).toBeNull();
      expect(deck.kind).toBe(name);
    });

    it(`${name} keeps ? and ☕ out of the arithmetic`, () => {
      const specials = deck.cards.filter((card) => card.value === null).map((card) => card.label);
      expect(specials).toEqual(['?', '☕']);
    });
  }

  it('gives new rooms the modified Fibonacci deck', () => {
    expect(DEFAULT_DECK).toBe(PRESET_DECKS['modified-fibonacci']);
    expect(DEFAULT_DECK.cards.map((card) => card.label)).toEqual([
      '0',
      '½',
      '1',
      '2',
      '3',
      '5',
      '8',
      '13',
      '20',
      '40',
      '100',
      '?',
      '☕',
    ]);
  });
});

describe('deckProblem', () => {
  it('accepts distinct labels', () => {
    expect(deckProblem(custom('S', 'M', 'L'))).toBeNull();
  });

  it('refuses a label that appears twice, naming it', () => {
    expect(deckProblem(custom('S', 'M', 'S'))).toBe('card label "S" appears twice');
  });

  it('refuses blank labels', () => {
    expect(deckProblem(custom('S', '  '))).toBe('card labels must not be blank');
    expect(deckProblem(custom('\t', 'S'))).toBe('card labels must not be blank');
  });

  it('refuses non-finite values', () => {
    const deck: Deck = {
      kind: 'custom',
      cards: [
        { label: 'a', value: 1 },
        { label: 'b', value: Number.POSITIVE_INFINITY },
      ],
    };
    expect(deckProblem(deck)).toBe('card "b" has a non-finite value');
    expect(deckProblem({ kind: 'custom', cards: [{ label: 'n', value: Number.NaN }] })).toBe(
      'card "n" has a non-finite value',
    );
  });

  it('treats labels that differ only in case as distinct', () => {
    expect(deckProblem(custom('s', 'S'))).toBeNull();
  });

  it('leaves size limits to the schema', () => {
    const tooMany = custom(...Array.from({ length: LIMITS.maxDeckSize + 1 }, (_, index) => `c${index}`));
    expect(deckProblem(tooMany)).toBeNull();
    expect(Value.Check(DeckSchema, tooMany)).toBe(false);
    expect(Value.Check(DeckSchema, custom('only'))).toBe(false);
  });
});
