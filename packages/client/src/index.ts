/**
 * The Poker Room client SDK: `connect()` to a room, read `room.state`, listen to typed events and
 * send commands. It reconnects by itself (by close code), resumes from the last `seq` so no event
 * is missed or applied twice, and queues commands while offline. Browsers and Node 20 (pass
 * `WebSocket` from `ws`).
 *
 * @example
 * ```ts
 * import { connect } from '@pokerroom/client';
 * const room = await connect({ url: wsUrl, token });
 * room.on('reveal', (event) => console.log(event.d.stats));
 * await room.vote('5');
 * ```
 *
 * @packageDocumentation
 * @module @pokerroom/client
 */
export { backoffDelay, DEFAULT_RECONNECT, type ReconnectPolicy } from './backoff.js';
export type { CommandResult } from './commands.js';
export { connect } from './connect.js';
export {
  CLIENT_ERROR_CODES,
  type ClientErrorCode,
  PokerRoomError,
  type PokerRoomErrorCode,
} from './errors.js';
export type {
  ParticipantEvent,
  RevealEvent,
  RoomEvents,
  RoomSettingsEvent,
  RoundEvent,
  StoryEvent,
  TimerEvent,
  VoteEvent,
} from './events.js';
export type { ConnectOptions, WebSocketConstructor } from './options.js';
export { applyEvent } from './reducer.js';
export { Room } from './room.js';
export { type ConnectionStatus, type RoomState, snapshotOf, stateFromWelcome } from './state.js';
