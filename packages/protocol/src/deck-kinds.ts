// The deck kinds apart from the deck schemas: a client that only lists the kinds (the element's
// settings) then leaves TypeBox, which building a schema needs, out of its bundle.

/**
 * The deck presets, plus `custom`.
 *
 * @example
 * ```ts
 * DECK_KINDS.includes('t-shirt'); // true
 * ```
 */
export const DECK_KINDS = ['fibonacci', 'modified-fibonacci', 't-shirt', 'powers-of-two', 'custom'] as const;
/** A kind of deck. */
export type DeckKind = (typeof DECK_KINDS)[number];
