import { assertNever } from './assert-never.js';
import {
  changeRole,
  chooseVoting,
  kickParticipant,
  renameParticipant,
  transferFacilitator,
} from './decide-participants.js';
import { updateRoom } from './decide-room.js';
import { finalizeRound, resetRound, startRound, startTimer, stopTimer } from './decide-rounds.js';
import { addStories, removeStory, reorderStories, updateStory } from './decide-stories.js';
import { castVote, nudgeVoters, retractVote, revealRound, sendReaction } from './decide-votes.js';
import { isAllowed } from './permissions.js';
import type { DecideContext, Decision, RoomClientCommand } from './room-command.js';
import { refuse } from './room-command.js';
import { findParticipant } from './room-queries.js';
import type { RoomParticipant, RoomState } from './room-state.js';

/**
 * A participant's command: the actor must be in the room and allowed by the permission table,
 * then the command's own rules apply.
 */
export function decideClient(
  state: RoomState,
  actorId: string,
  command: RoomClientCommand,
  ctx: DecideContext,
): Decision {
  const actor = findParticipant(state, actorId);
  if (actor === undefined) return refuse('forbidden', 'You are not a participant of this room.');
  const target = command.t === 'participant.rename' && (command.d.participantId ?? actorId) !== actorId;
  if (!isAllowed(actor.role, command.t, state.settings, target ? 'other' : 'self')) {
    return refuse('forbidden', `Your role (${actor.role}) may not send ${command.t} here.`);
  }
  return decideAs(state, actor, command, ctx);
}

/** Commands that only make sense from a person in the room: the integration can't send them. */
const PERSONAL = new Set<RoomClientCommand['t']>([
  'vote.cast',
  'vote.retract',
  'reaction.send',
  'round.nudge',
  'facilitator.transfer',
]);

/**
 * The integrating backend's command (REST API): it runs the room like a facilitator who is not a
 * participant, so it can't vote, react, nudge or hand over a role it doesn't hold, and renames
 * only others.
 */
export function decideIntegration(
  state: RoomState,
  command: RoomClientCommand,
  ctx: DecideContext,
): Decision {
  if (
    PERSONAL.has(command.t) ||
    (command.t === 'participant.rename' && command.d.participantId === undefined)
  ) {
    return refuse('forbidden', `The API can't send ${command.t}: it needs a participant of the room.`);
  }
  const integration: RoomParticipant = {
    id: INTEGRATION_ACTOR_ID,
    name: 'Integration',
    role: 'facilitator',
    presence: 'offline',
    joinedAt: 0,
    presenceSince: 0,
  };
  return decideAs(state, integration, command, ctx);
}

/** The actor id the integration acts under; never a participant's. */
export const INTEGRATION_ACTOR_ID = 'integration';

function decideAs(
  state: RoomState,
  actor: RoomParticipant,
  command: RoomClientCommand,
  ctx: DecideContext,
): Decision {
  switch (command.t) {
    case 'vote.cast':
      return castVote(state, actor, command.d, ctx);
    case 'vote.retract':
      return retractVote(state, actor, ctx);
    case 'round.start':
      return startRound(state, command.d, ctx);
    case 'round.reveal':
      return revealRound(state, ctx);
    case 'round.reset':
      return resetRound(state, ctx);
    case 'round.finalize':
      return finalizeRound(state, command.d, ctx);
    case 'round.nudge':
      return nudgeVoters(state, actor);
    case 'story.add':
      return addStories(state, [command.d], ctx);
    case 'story.import':
      return addStories(state, command.d.stories, ctx);
    case 'story.update':
      return updateStory(state, command.d, ctx);
    case 'story.remove':
      return removeStory(state, command.d, ctx);
    case 'story.reorder':
      return reorderStories(state, command.d, ctx);
    case 'room.update':
      return updateRoom(state, command.d, ctx);
    case 'participant.rename':
      return renameParticipant(state, actor, command.d, ctx);
    case 'participant.role':
      return changeRole(state, command.d, ctx);
    case 'participant.kick':
      return kickParticipant(state, actor, command.d, ctx);
    case 'participant.votes':
      return chooseVoting(state, actor, command.d, ctx);
    case 'facilitator.transfer':
      return transferFacilitator(state, actor, command.d, ctx);
    case 'timer.start':
      return startTimer(state, command.d, ctx);
    case 'timer.stop':
      return stopTimer(state, ctx);
    case 'reaction.send':
      return sendReaction(actor, command.d);
    default:
      return assertNever(command);
  }
}
