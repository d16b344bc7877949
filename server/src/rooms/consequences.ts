import { type DomainEvent, event } from './domain-event.js';
import { evolve } from './evolve.js';
import { toPublicParticipant } from './projection.js';
import type { RoomState } from './room-state.js';

/**
 * The decided events with every change they imply written out as events of its own, so that a
 * client folds the public events without the rules of the game (protocol v2, "every change is an
 * event"):
 *
 * - `facilitator.changed` is followed by `participant.updated` for each participant whose role it
 *   changed (the one who hands over and the one who takes over);
 * - `round.finalized` is followed by `story.updated` with the story estimated and its time spent;
 * - `round.revealed` with a countdown running is followed by `timer.stopped` (`round-ended`).
 *
 * Each added event folds to what the domain already did, so the room is the same with or without
 * them; a v1 client, which works these changes out itself, folds them to the same room too.
 *
 * @example
 * ```ts
 * const events = withConsequences(room, decision.events);
 * ```
 */
export function withConsequences(state: RoomState, events: readonly DomainEvent[]): readonly DomainEvent[] {
  // Most decisions (a vote above all) hold no event that implies another: then `events` itself is
  // the answer, nothing is folded here, and the room host folds the events once, not twice.
  if (!events.some((decided) => IMPLYING.has(decided.t))) return events;
  const out: DomainEvent[] = [];
  let room = state;
  for (const decided of events) {
    const before = room;
    room = evolve(room, decided);
    out.push(decided);
    for (const implied of impliedBy(decided, before, room)) {
      room = evolve(room, implied);
      out.push(implied);
    }
  }
  return out;
}

/** The events {@link impliedBy} may follow with others: the rest imply nothing. */
const IMPLYING: ReadonlySet<DomainEvent['t']> = new Set([
  'facilitator.changed',
  'round.finalized',
  'round.revealed',
]);

function impliedBy(decided: DomainEvent, before: RoomState, after: RoomState): DomainEvent[] {
  const at = decided.at;
  switch (decided.t) {
    case 'facilitator.changed':
      return after.participants.flatMap((participant) => {
        const was = before.participants.find((p) => p.id === participant.id);
        if (was === undefined || was.role === participant.role) return [];
        return [event('participant.updated', { participant: toPublicParticipant(participant) }, at)];
      });
    case 'round.finalized': {
      const story = after.stories.find((s) => s.id === decided.d.storyId);
      return story === undefined ? [] : [event('story.updated', { story }, at)];
    }
    case 'round.revealed':
      return after.timer === null ? [] : [event('timer.stopped', { reason: 'round-ended' }, at)];
    default:
      return [];
  }
}
