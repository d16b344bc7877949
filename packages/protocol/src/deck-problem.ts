import type { Deck } from './decks.js';

// Apart from the schemas in decks.ts, so that the codec can check decks without pulling TypeBox
// into a browser bundle.

/**
 * Checks what the schema can't: labels unique and not blank. Returns a message, or `null` when valid.
 *
 * @example
 * ```ts
 * deckProblem({ kind: 'custom', cards: [{ label: 'S', value: 1 }, { label: 'S', value: 2 }] });
 * // 'card label "S" appears twice'
 * ```
 */
export function deckProblem(deck: Deck): string | null {
  const seen = new Set<string>();
  for (const card of deck.cards) {
    if (card.label.trim() === '') return 'card labels must not be blank';
    if (seen.has(card.label)) return `card label "${card.label}" appears twice`;
    if (card.value !== null && !Number.isFinite(card.value))
      return `card "${card.label}" has a non-finite value`;
    seen.add(card.label);
  }
  return null;
}
