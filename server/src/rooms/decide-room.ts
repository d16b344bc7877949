import type { ClientCommandPayload, Deck } from '@pokerroom/protocol';
import { deckProblem, PRESET_DECKS } from '@pokerroom/protocol';
import { type DomainEvent, event } from './domain-event.js';
import type { DecideContext, Decision, Refusal } from './room-command.js';
import { accept, refuse } from './room-command.js';
import type { RoomState } from './room-state.js';

type DeckInput = NonNullable<ClientCommandPayload<'room.update'>['deck']>;

/** The deck a `room.update` asks for: a preset by kind (its cards ignored), or a valid custom deck. */
function resolveDeck(input: DeckInput): Deck | Refusal {
  if (input.kind !== 'custom')
    return { kind: input.kind, cards: PRESET_DECKS[input.kind].cards.map((c) => ({ ...c })) };
  if (input.cards === undefined) return refuse('invalid_deck', 'A custom deck needs its cards.');
  const deck: Deck = { kind: 'custom', cards: input.cards };
  const problem = deckProblem(deck);
  return problem === null ? deck : refuse('invalid_deck', `The deck is not valid: ${problem}.`);
}

/**
 * Changes the room's name, deck or settings. A new deck while votes are cast in the open round
 * resets the round (`round.reset` first): those votes were for cards that may no longer exist, and
 * refusing would leave the facilitator to clear them by hand anyway. A revealed round keeps its
 * votes and statistics. A new `anonymous` setting applies from the next round on.
 */
export function updateRoom(
  state: RoomState,
  d: ClientCommandPayload<'room.update'>,
  ctx: DecideContext,
): Decision {
  const deck = d.deck === undefined ? state.deck : resolveDeck(d.deck);
  if ('ok' in deck) return deck;
  const name = d.name ?? state.name;
  const settings = { ...state.settings, ...d.settings };
  const deckChanged = JSON.stringify(deck) !== JSON.stringify(state.deck);
  if (!deckChanged && name === state.name && JSON.stringify(settings) === JSON.stringify(state.settings)) {
    return accept([]);
  }
  const events: DomainEvent[] = [];
  const round = state.round;
  if (deckChanged && round !== null && round.status === 'voting' && round.ballots.size > 0) {
    const { storyId, startedAt, anonymous } = round;
    const next = {
      id: ctx.newId('round'),
      storyId,
      status: 'voting' as const,
      startedAt,
      anonymous,
      voted: [],
    };
    events.push(event('round.reset', { round: next }, ctx.now));
  }
  events.push(event('room.updated', { name, deck, settings }, ctx.now));
  return accept(events);
}
