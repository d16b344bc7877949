import { type Card, type Deck, PRESET_DECKS } from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve } from '../../src/rooms/evolve.js';
import { createRoom, sharedDeck } from '../../src/rooms/room-state.js';

const presetKinds = Object.keys(PRESET_DECKS) as (keyof typeof PRESET_DECKS)[];
// Labels and values near the presets' own, so that changed cards often differ in one field only.
const card: fc.Arbitrary<Card> = fc.record({
  label: fc.oneof(
    fc.constantFrom('0', '½', '1', '2', '3', '5', '8', 'M', '?', '☕'),
    fc.string({ minLength: 1, maxLength: 4 }),
  ),
  value: fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(0.5)), { nil: null }),
});
const anyDeck: fc.Arbitrary<Deck> = fc.oneof(
  fc.constantFrom(...presetKinds).map((kind): Deck => structuredClone(PRESET_DECKS[kind])),
  fc.record({
    kind: fc.constantFrom(...presetKinds, 'custom' as const),
    cards: fc.array(card, { minLength: 2, maxLength: 20 }),
  }),
  // A preset's cards with one of them changed.
  fc.tuple(fc.constantFrom(...presetKinds), fc.nat(), card).map(([kind, at, changed]): Deck => {
    const cards = structuredClone(PRESET_DECKS[kind].cards) as Card[];
    cards[at % cards.length] = changed;
    return { kind, cards };
  }),
);

describe('sharedDeck: rooms share the preset deck object instead of each keeping a copy', () => {
  it('gives the preset object for a copy of a preset', () => {
    for (const kind of presetKinds)
      expect(sharedDeck(structuredClone(PRESET_DECKS[kind]))).toBe(PRESET_DECKS[kind]);
  });

  it('never changes what the deck is: the same kind and cards, the preset only when they are its own', () => {
    fc.assert(
      fc.property(anyDeck, (deck) => {
        const shared = sharedDeck(deck);
        expect(shared).toEqual(deck);
        const preset = deck.kind === 'custom' ? undefined : PRESET_DECKS[deck.kind];
        expect(shared === preset).toBe(
          preset !== undefined && JSON.stringify(preset) === JSON.stringify(deck),
        );
      }),
    );
  });

  it('is what a room folded from its stored room.updated keeps', () => {
    const stored = structuredClone(PRESET_DECKS.fibonacci);
    const room = evolve(createRoom({ id: 'r_1', name: 'Loaded' }), {
      t: 'room.updated',
      d: { name: 'Loaded', deck: stored, settings: createRoom({ id: 'r_1', name: '' }).settings },
      at: 0,
    });
    expect(room.deck).toBe(PRESET_DECKS.fibonacci);
  });
});
