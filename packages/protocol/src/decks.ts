import { type Static, Type } from '@sinclair/typebox';
import { DECK_KINDS, type DeckKind } from './deck-kinds.js';
import { LIMITS } from './limits.js';
import { SafeText } from './safe-text.js';

/** A card: the label people see and, apart from it, the number it counts for (or `null`: `?`, `☕`). */
export const CardSchema = Type.Object(
  {
    label: SafeText({ minLength: 1, maxLength: LIMITS.cardLabelLength }),
    value: Type.Union([Type.Number(), Type.Null()]),
  },
  { additionalProperties: false, $id: 'Card' },
);
/** A card of a deck. */
export type Card = Static<typeof CardSchema>;

/** A deck: its kind and its cards in display order. */
export const DeckSchema = Type.Object(
  {
    kind: Type.Union(DECK_KINDS.map((kind) => Type.Literal(kind))),
    cards: Type.Array(CardSchema, { minItems: LIMITS.minDeckSize, maxItems: LIMITS.maxDeckSize }),
  },
  { additionalProperties: false, $id: 'Deck' },
);
/** A deck of cards. */
export type Deck = Static<typeof DeckSchema>;

const numeric = (...values: number[]): Card[] => values.map((value) => ({ label: String(value), value }));
const special: Card[] = [
  { label: '?', value: null },
  { label: '☕', value: null },
];

/**
 * The preset decks. `?` (unsure) and `☕` (break) have no value and stay out of the arithmetic.
 *
 * @example
 * ```ts
 * PRESET_DECKS['modified-fibonacci'].cards.map((card) => card.label);
 * // ['0', '½', '1', '2', '3', '5', '8', '13', '20', '40', '100', '?', '☕']
 * ```
 */
export const PRESET_DECKS = {
  fibonacci: { kind: 'fibonacci', cards: [...numeric(0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89), ...special] },
  'modified-fibonacci': {
    kind: 'modified-fibonacci',
    cards: [
      { label: '0', value: 0 },
      { label: '½', value: 0.5 },
      ...numeric(1, 2, 3, 5, 8, 13, 20, 40, 100),
      ...special,
    ],
  },
  't-shirt': {
    kind: 't-shirt',
    // Sizes count as the story points teams usually map them to, so a reveal can compute a median.
    cards: [
      { label: 'XS', value: 1 },
      { label: 'S', value: 2 },
      { label: 'M', value: 3 },
      { label: 'L', value: 5 },
      { label: 'XL', value: 8 },
      { label: 'XXL', value: 13 },
      ...special,
    ],
  },
  'powers-of-two': { kind: 'powers-of-two', cards: [...numeric(0, 1, 2, 4, 8, 16, 32, 64), ...special] },
} as const satisfies Record<Exclude<DeckKind, 'custom'>, Deck>;

/** The deck a new room gets. */
export const DEFAULT_DECK: Deck = PRESET_DECKS['modified-fibonacci'];
