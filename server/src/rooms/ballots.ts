/**
 * A round's hidden votes: who voted, in the order they first voted, and their cards. Immutable, as
 * all of a room's state is: a vote gives a new `Ballots`.
 *
 * Two parallel arrays rather than a `Map`, because every vote folded into a room made a copy of
 * the ballots: a `Map`'s copy hashes every entry into a new table, an array's is one block copy
 * (docs/performance.md, "Fold"). A round never holds more than a room's hundred participants, so
 * a scan for an id stays short. `voters` is also the round's public `voted` list, the same array,
 * so the two can never disagree. Both fields are public so that deep equality (a replayed room
 * against a live one) compares the contents.
 *
 * @example
 * ```ts
 * const ballots = Ballots.none.with('p_1', '5').with('p_2', '8').with('p_1', '3');
 * ballots.get('p_1'); // '3'
 * ballots.voters; // ['p_1', 'p_2']: a changed vote keeps its place
 * ```
 */
export class Ballots {
  /** No votes: where every round starts. */
  static readonly none = new Ballots([], []);

  private constructor(
    /** Who voted, in the order they first voted (a changed vote keeps its place). */
    readonly voters: readonly string[],
    /** `cards[i]` is the card of `voters[i]`. */
    readonly cards: readonly string[],
  ) {}

  /** How many have voted. */
  get size(): number {
    return this.voters.length;
  }

  /** The participant's card, or `undefined` when they have not voted. */
  get(participantId: string): string | undefined {
    const index = this.voters.indexOf(participantId);
    return index < 0 ? undefined : this.cards[index];
  }

  /** Whether the participant has voted. */
  has(participantId: string): boolean {
    return this.voters.includes(participantId);
  }

  /** The ballots with this participant's card: a first vote goes last, a changed one stays in place. */
  with(participantId: string, card: string): Ballots {
    const index = this.voters.indexOf(participantId);
    if (index < 0) return new Ballots([...this.voters, participantId], [...this.cards, card]);
    if (this.cards[index] === card) return this;
    const cards = this.cards.slice();
    cards[index] = card;
    return new Ballots(this.voters, cards);
  }

  /** The ballots without these participants' votes; the same ballots when none of them voted. */
  without(participantIds: readonly string[]): Ballots {
    const kept = (id: string | undefined) => id === undefined || !participantIds.includes(id);
    const voters = this.voters.filter(kept);
    if (voters.length === this.voters.length) return this;
    return new Ballots(
      voters,
      this.cards.filter((_, index) => kept(this.voters[index])),
    );
  }
}
