import { assertNever } from './assert-never.js';
import { decideClient, decideIntegration } from './decide-client.js';
import { decideClose, decideJoin, decidePresence, decideTick } from './decide-host.js';
import { evolve } from './evolve.js';
import type { DecideContext, Decision, RoomCommand } from './room-command.js';
import { refuse } from './room-command.js';
import { isAutoRevealDue, revealEvent } from './room-queries.js';
import type { RoomState } from './room-state.js';

/**
 * Decides what a command does to the room: checks the room is open, the actor's permission and
 * the room's state, and returns the events to append (or a refusal with a stable code). Pure:
 * time and ids come from `ctx`. Never throws for user input. When the events complete an
 * auto-reveal round (every online voter has voted), `round.revealed` with `auto: true` follows them.
 *
 * @example
 * ```ts
 * const decision = decide(room, { kind: 'client', actorId, command }, ctx);
 * if (decision.ok) room = decision.events.reduce(evolve, room);
 * ```
 */
export function decide(state: RoomState, command: RoomCommand, ctx: DecideContext): Decision {
  if (state.closed) return refuse('room_closed', 'The room is closed.');
  const decision = decideCommand(state, command, ctx);
  if (!decision.ok || decision.events.length === 0) return decision;
  const after = decision.events.reduce(evolve, state);
  const reveal = isAutoRevealDue(after) ? revealEvent(after, true, ctx.now) : null;
  return reveal === null ? decision : { ...decision, events: [...decision.events, reveal] };
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
