import type { CardCount, Deck, Statistics } from '@pokerroom/protocol';

/**
 * The statistics of a reveal, as the protocol's `StatisticsSchema` documents them. Cards with a
 * value are counted; `?`, `☕` and labels no longer in the deck are counted apart in `nonNumeric`.
 * In a deck without any numeric card every vote is counted (modes, agreement, distribution) and
 * the numeric figures are `null`. Computed once at reveal and carried by the event, so a later
 * deck change never rewrites history.
 *
 * @example
 * ```ts
 * computeStatistics(PRESET_DECKS['modified-fibonacci'], ['3', '5', '5', '?']);
 * // { count: 4, numericCount: 3, median: 5, modes: ['5'], suggestion: '5', nonNumeric: [{ label: '?', count: 1 }], … }
 * ```
 */
export function computeStatistics(deck: Deck, cards: readonly string[]): Statistics {
  const cardValue = new Map(deck.cards.map((card) => [card.label, card.value]));
  const labelOnly = deck.cards.every((card) => card.value === null);
  const isCounted = (label: string) => labelOnly || typeof cardValue.get(label) === 'number';

  const tally = countLabels(deck, cards);
  const distribution = tally.filter((entry) => isCounted(entry.label));
  const nonNumeric = tally.filter((entry) => !isCounted(entry.label));
  const countedVotes = distribution.reduce((sum, entry) => sum + entry.count, 0);
  const top = Math.max(0, ...distribution.map((entry) => entry.count));

  const values = labelOnly
    ? []
    : cards.flatMap((label) => {
        const value = cardValue.get(label);
        return typeof value === 'number' ? [value] : [];
      });
  const numbers = describeNumbers(values);

  return {
    count: cards.length,
    numericCount: values.length,
    mean: numbers?.mean ?? null,
    median: numbers?.median ?? null,
    modes: distribution.filter((entry) => entry.count === top).map((entry) => entry.label),
    min: numbers?.min ?? null,
    max: numbers?.max ?? null,
    spread: numbers === null ? null : numbers.max - numbers.min,
    agreement: countedVotes === 0 ? 0 : top / countedVotes,
    consensus: countedVotes > 0 && distribution.length === 1,
    suggestion: numbers === null ? null : nearestCard(deck, numbers.median),
    distribution,
    nonNumeric,
  };
}

/** Votes per label: deck cards in deck order, then labels the deck no longer has, by first vote. */
function countLabels(deck: Deck, cards: readonly string[]): CardCount[] {
  const counts = new Map<string, number>();
  for (const label of cards) counts.set(label, (counts.get(label) ?? 0) + 1);
  const inDeck = new Set(deck.cards.map((card) => card.label));
  const order = [
    ...deck.cards.map((card) => card.label),
    ...[...counts.keys()].filter((l) => !inDeck.has(l)),
  ];
  return order.flatMap((label) => {
    const count = counts.get(label) ?? 0;
    return count > 0 ? [{ label, count }] : [];
  });
}

function describeNumbers(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === undefined || max === undefined) return null;
  const middle = sorted.length / 2;
  const upper = sorted[Math.floor(middle)] ?? max;
  const lower = sorted[Math.ceil(middle) - 1] ?? min;
  const median = (lower + upper) / 2;
  // Summing offsets from the minimum and clamping keeps floating-point error from leaving [min, max].
  const mean = min + sorted.reduce((sum, value) => sum + (value - min), 0) / sorted.length;
  return { min, max, median, mean: Math.min(max, Math.max(min, mean)) };
}

/** The label of the deck card whose value is nearest `target`; on a tie, the larger value wins. */
function nearestCard(deck: Deck, target: number): string | null {
  let best: { label: string; value: number } | null = null;
  for (const card of deck.cards) {
    if (card.value === null) continue;
    const distance = Math.abs(card.value - target);
    const bestDistance = best === null ? Number.POSITIVE_INFINITY : Math.abs(best.value - target);
    if (best === null || distance < bestDistance || (distance === bestDistance && card.value > best.value)) {
      best = { label: card.label, value: card.value };
    }
  }
  return best?.label ?? null;
}
