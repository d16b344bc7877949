/**
 * `<poker-room>`: planning poker as one HTML tag. Importing this module registers the element.
 *
 * @example
 * ```ts
 * import '@pokerroom/element';
 * const room = document.createElement('poker-room');
 * room.server = 'https://poker.example.com';
 * room.token = await fetch('/api/poker-token').then((r) => r.text());
 * room.addEventListener('pokerroom-finalize', (event) => console.log(event.detail.estimate));
 * document.body.append(room);
 * ```
 *
 * @packageDocumentation
 * @module @pokerroom/element
 */
export type {
  ErrorEventDetail,
  FinalizeEventDetail,
  PokerRoomEventMap,
  RevealEventDetail,
  RoundEventDetail,
  StatusEventDetail,
  VoteEventDetail,
} from './events.js';
export { PokerRoomElement } from './poker-room.js';
export { DEFAULT_STRINGS, type PokerRoomStrings } from './strings.js';
export { roomOfToken, roomSocketUrl } from './token.js';
export type { ClosedReason, ConnectionStatus, RoomView } from './view-state.js';
