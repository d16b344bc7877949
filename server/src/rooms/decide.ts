import { assertNever } from './assert-never.js';
import { withConsequences } from './consequences.js';
import { decideClient, decideIntegration } from './decide-client.js';
import { decideClose, decideJoin, decidePresence, decideTick } from './decide-host.js';
import { NO_EVENTS } from './domain-event.js';
import { foldEach } from './evolve.js';
import { followQueue, openingRound } from './opening-round.js';
import type { DecideContext, Decision, RoomCommand } from './room-command.js';
import { refuse } from './room-command.js';
import { isAutoRevealDue, revealEvent } from './room-queries.js';
import type { RoomState } from './room-state.js';

/**
 * Decides what a command does to the room: checks the room is open, the actor's permission and
 * the room's state, and returns the events to append (or a refusal with a stable code). Pure:
 * time and ids come from `ctx`. Never throws for user input. When the events complete an
 * auto-reveal round (every online voter has voted), `round.revealed` with `auto: true` follows them.
 * Every change the events imply is an event too (see `withConsequences`).
 * The room stays ready to vote: a room without a round opens one first, and until the first vote
 * stories queued move the opening round onto the first of them (see `opening-round.ts`).
 *
 * @example
 * ```ts
 * const decision = decide(room, { kind: 'client', actorId, command }, ctx);
 * if (decision.ok) room = decision.events.reduce(evolve, room);
 * ```
 */
export function decide(state: RoomState, command: RoomCommand, ctx: DecideContext): Decision {
  if (state.closed) return refuse('room_closed', 'The room is closed.');
  // A room from before rooms opened a round at creation opens it now, before the command.
  const opening = command.kind === 'close' ? NO_EVENTS : openingRound(state, ctx);
  const openingStates = foldEach(state, opening);
  const base = openingStates.at(-1) ?? state;
  const decision = decideCommand(base, command, ctx);
  if (!decision.ok || (decision.events.length === 0 && opening.length === 0)) return decision;
  const decidedStates = foldEach(base, decision.events);
  const decided = decidedStates.at(-1) ?? base;
  const followed = followQueue(decided, decision.events, ctx);
  const followedStates = foldEach(decided, followed);
  const after = followedStates.at(-1) ?? decided;
  const reveal = isAutoRevealDue(after) ? revealEvent(after, true, ctx.now) : null;
  // Most decisions (a vote above all) add nothing before or after the command's own events: those
  // are then the answer as they are, with no array copied (a vote's allocations are what the
  // server's garbage collection pays for, under load).
  const alone = opening.length === 0 && followed.length === 0 && reveal === null;
  const events = alone
    ? decision.events
    : [...opening, ...decision.events, ...followed, ...(reveal === null ? [] : [reveal])];
  const withImplied = withConsequences(state, events);
  // A reveal, and events that imply others, are rarer: whoever applies those folds them itself.
  if (reveal !== null || withImplied !== events) return { ...decision, events: withImplied };
  const states = alone ? decidedStates : [...openingStates, ...decidedStates, ...followedStates];
  // A literal when there is nothing else to carry (a vote): in Node 20 a spread that adds a
  // property its source lacks gets a hidden class of its own each time, and takes V8's slow path
  // (752 ns a call against 12; docs/performance.md, "Fold").
  if (decision.result === undefined && decision.ephemeral === undefined) return { ok: true, events, states };
  return { ...decision, events, states };
}

function decideCommand(state: RoomState, command: RoomCommand, ctx: DecideContext): Decision {
  switch (command.kind) {
    case 'client':
      return decideClient(state, command.actorId, command.command, ctx);
    case 'join':
      return decideJoin(state, command.participant, ctx);
    case 'presence':
      return decidePresence(state, command.participantId, command.presence, ctx);
    case 'tick':
      return decideTick(state, ctx);
    case 'close':
      return decideClose(state, ctx);
    case 'integration':
      return decideIntegration(state, command.command, ctx);
    default:
      return assertNever(command);
  }
}
