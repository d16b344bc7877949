import type {
  Deck,
  Participant,
  RevealedVote,
  RoomSettings,
  Round,
  Statistics,
  Story,
  Timer,
} from '@pokerroom/protocol';
import { DEFAULT_DECK, DEFAULT_SETTINGS, PRESET_DECKS } from '@pokerroom/protocol';
import type { Ballots } from './ballots.js';

/**
 * A participant as the room keeps them: the public fields plus the times the hand-over rule needs
 * (who joined first, since when someone has been in their current presence).
 */
export interface RoomParticipant extends Participant {
  /** When the participant first joined the room (ms since epoch). */
  readonly joinedAt: number;
  /** When the participant's presence last changed (ms since epoch). */
  readonly presenceSince: number;
}

/**
 * The current round with the hidden votes. The public fields are those of the protocol's `Round`;
 * `ballots` holds the cards, which only a reveal may show to others.
 */
export interface RoundState {
  readonly id: string;
  readonly storyId: string | null;
  readonly status: Round['status'];
  readonly startedAt: number;
  readonly anonymous: boolean;
  /** Who voted, in the order they first voted (a changed vote keeps its place): `ballots.voters`. */
  readonly voted: readonly string[];
  /** participantId → card label. Hidden before the reveal; kept afterwards for `voteOf`. */
  readonly ballots: Ballots;
  /** The votes as revealed (with participant ids even in anonymous rounds: projections strip them). */
  readonly votes?: readonly RevealedVote[];
  readonly stats?: Statistics;
  readonly estimate?: string;
}

/** The same as {@link RoundState}; the name the room state's `round` field is known by elsewhere. */
export type RoomRound = RoundState;

/**
 * The whole room, private parts included. Built only by {@link createRoom} and `evolve`, so that
 * the event log alone reproduces it.
 */
export interface RoomState {
  readonly id: string;
  readonly name: string;
  readonly deck: Deck;
  readonly settings: RoomSettings;
  readonly closed: boolean;
  /** In join order. */
  readonly participants: readonly RoomParticipant[];
  /** In queue order. */
  readonly stories: readonly Story[];
  readonly round: RoundState | null;
  readonly timer: Timer | null;
  /**
   * Since when someone has been online without any facilitator online; `null` while a facilitator
   * is online or nobody is. A `tick` after the grace period hands the role over.
   */
  readonly facilitatorAbsentSince: number | null;
  /**
   * Whether anyone has voted in this room yet. Until then the room's opening round follows the
   * queue: stories queued before the first vote put it on the first of them.
   */
  readonly anyVoteCast: boolean;
  /**
   * The facilitator who lost the role only because they were away (an `absent` hand-over), until
   * someone hands the role over by hand. When they come back, they are the facilitator again.
   */
  readonly absentFacilitator: string | null;
  /** Seq of the last event folded in; 0 for a new room. */
  readonly seq: number;
}

/**
 * The preset deck itself when `deck` has a preset's kind and exactly its cards, else `deck`. A room
 * folded from its stored log would otherwise keep its own copy of the preset (about 0.4 KB a room),
 * and most rooms use one.
 *
 * @example
 * ```ts
 * sharedDeck(structuredClone(PRESET_DECKS['t-shirt'])) === PRESET_DECKS['t-shirt']; // true
 * ```
 */
export function sharedDeck(deck: Deck): Deck {
  if (deck.kind === 'custom') return deck;
  const preset: Deck = PRESET_DECKS[deck.kind];
  const same =
    preset.cards.length === deck.cards.length &&
    preset.cards.every(
      (card, i) => card.label === deck.cards[i]?.label && card.value === deck.cards[i]?.value,
    );
  return same ? preset : deck;
}

/**
 * A new, empty room. Missing settings take the protocol defaults; the deck defaults to modified
 * Fibonacci. Creating a room is not an event: the host stores the room row, and the log starts
 * with the room's settings and its opening round (see `openingEvents`).
 *
 * @example
 * ```ts
 * const room = createRoom({ id: 'r_1', name: 'Sprint 12', settings: { autoReveal: true } });
 * ```
 */
export function createRoom(init: {
  id: string;
  name: string;
  deck?: Deck;
  settings?: Partial<RoomSettings>;
}): RoomState {
  return {
    id: init.id,
    name: init.name,
    deck: init.deck ?? DEFAULT_DECK,
    settings: { ...DEFAULT_SETTINGS, ...init.settings },
    closed: false,
    participants: [],
    stories: [],
    round: null,
    timer: null,
    facilitatorAbsentSince: null,
    anyVoteCast: false,
    absentFacilitator: null,
    seq: 0,
  };
}
