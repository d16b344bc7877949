import type { PokerRoomStrings } from './strings.js';
import { currentStory, formatNumber, type RoomView } from './view-state.js';

/**
 * What the live region should say about a change of view: a reveal with its results, a new
 * round, a final estimate, a connection change. `null` when nothing worth saying happened.
 */
export function announcementFor(
  before: RoomView | null,
  after: RoomView,
  strings: PokerRoomStrings,
  statusMessage: (view: RoomView, strings: PokerRoomStrings) => string | null,
): string | null {
  const voting = votingChange(before, after, strings);
  if (voting !== null) return voting;
  const was = before?.room?.round ?? null;
  const round = after.room?.round ?? null;
  if (before?.room && after.room && round !== null) {
    const sameRound = was?.id === round.id;
    if (round.status === 'revealed' && (!sameRound || was?.status === 'voting') && round.stats) {
      const stats = round.stats;
      const summary = stats.consensus
        ? `${strings.announceConsensus(stats.modes[0] ?? '')} ${strings.announceSummary(stats.count, formatNumber(stats.median), stats.modes.join(', '))}`
        : strings.announceSummary(stats.count, formatNumber(stats.median), stats.modes.join(', ') || '–');
      return strings.announceRevealed(summary);
    }
    if (round.status === 'finalized' && was?.status !== 'finalized')
      return strings.announceFinalized(round.estimate ?? '');
    if (round.status === 'voting' && !sameRound) {
      return strings.announceNewRound(currentStory(after.room)?.title ?? strings.noStory);
    }
  }
  if (before !== null && before.status !== after.status && before.status !== 'idle') {
    const message = statusMessage(after, strings);
    if (message !== null) return strings.announceStatus(message);
  }
  return null;
}

/** A facilitator's own choice whether they vote, once the server has it. */
function votingChange(before: RoomView | null, after: RoomView, strings: PokerRoomStrings): string | null {
  const was = before?.you;
  const now = after.you;
  if (!was || !now || was.id !== now.id || now.role !== 'facilitator') return null;
  if ((was.votes === false) === (now.votes === false)) return null;
  return now.votes === false ? strings.announceVotingOff : strings.announceVotingOn;
}
