import type { RevealedVote, Statistics } from '@pokerroom/protocol';
import type { ConnectionStatus } from './view-state.js';

/** Detail of `pokerroom-vote`: the viewer's vote was accepted by the server (`card: null`: taken back). */
export interface VoteEventDetail {
  readonly roundId: string;
  readonly card: string | null;
}

/** Detail of `pokerroom-reveal`: a round was revealed. */
export interface RevealEventDetail {
  readonly roundId: string;
  readonly storyId: string | null;
  readonly votes: readonly RevealedVote[];
  readonly stats: Statistics;
}

/** Detail of `pokerroom-finalize`: a round closed with a final estimate. */
export interface FinalizeEventDetail {
  readonly roundId: string;
  readonly storyId: string | null;
  readonly estimate: string;
}

/** Detail of `pokerroom-round`: a new round opened for votes. */
export interface RoundEventDetail {
  readonly roundId: string;
  readonly storyId: string | null;
}

/** Detail of `pokerroom-status`: the connection changed. */
export interface StatusEventDetail {
  readonly status: ConnectionStatus;
  readonly previous: ConnectionStatus;
  /** Why, when `status` is `closed`. */
  readonly reason: string | null;
}

/** Detail of `pokerroom-error`: a command the viewer sent was refused. */
export interface ErrorEventDetail {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

/**
 * The DOM events `<poker-room>` dispatches. All bubble and cross shadow roots (`composed`).
 *
 * @example
 * ```ts
 * document.addEventListener('pokerroom-finalize', (event) => saveEstimate(event.detail.storyId, event.detail.estimate));
 * ```
 */
export interface PokerRoomEventMap {
  'pokerroom-vote': CustomEvent<VoteEventDetail>;
  'pokerroom-reveal': CustomEvent<RevealEventDetail>;
  'pokerroom-finalize': CustomEvent<FinalizeEventDetail>;
  'pokerroom-round': CustomEvent<RoundEventDetail>;
  'pokerroom-status': CustomEvent<StatusEventDetail>;
  'pokerroom-error': CustomEvent<ErrorEventDetail>;
}

/** Creates one of the element's events: bubbling and composed, so host pages hear it anywhere. */
export function pokerRoomEvent<K extends keyof PokerRoomEventMap>(
  type: K,
  detail: PokerRoomEventMap[K]['detail'],
): PokerRoomEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as PokerRoomEventMap[K];
}

declare global {
  interface HTMLElementEventMap extends PokerRoomEventMap {}
}
