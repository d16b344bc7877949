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
