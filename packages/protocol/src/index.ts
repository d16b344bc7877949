/**
 * The Poker Room realtime protocol (v2, and v1 beside it): message schemas and types, the MessagePack codec,
 * error and close codes, decks, limits and version negotiation. Server, SDK and element all
 * depend on this package; it depends on nothing of ours.
 *
 * @packageDocumentation
 * @module @pokerroom/protocol
 */
export { CLOSE_CODES, type CloseAction, type CloseCode, closeAction } from './close-codes.js';
export { decodeClientMessage, decodeServerMessage, encode } from './codec.js';
export { COMMAND_SINCE, commandTypesOf } from './command-versions.js';
export {
  CLIENT_COMMAND_TYPES,
  CLIENT_COMMANDS,
  type ClientCommandPayload,
  type ClientCommandType,
  type ClientMessage,
} from './commands.js';
export { DECK_KINDS, type DeckKind } from './deck-kinds.js';
export { deckProblem } from './deck-problem.js';
export {
  type Card,
  CardSchema,
  DEFAULT_DECK,
  type Deck,
  DeckSchema,
  PRESET_DECKS,
} from './decks.js';
export {
  ERROR_CODE_LIST,
  ERROR_CODES,
  ERROR_KINDS,
  type ErrorCode,
  type ErrorCodeInfo,
  type ErrorKind,
  isErrorCode,
} from './error-codes.js';
export {
  ERROR_SCOPES,
  type ErrorScope,
  ROOM_EVENT_TYPES,
  ROOM_EVENTS,
  type RoomEvent,
  type RoomEventPayload,
  type RoomEventType,
  SESSION_EVENT_TYPES,
  SESSION_EVENTS,
  type ServerMessage,
  type ServerMessageType,
  type SessionEventPayload,
  type SessionEventType,
  type SessionMessage,
} from './events.js';
export { foldRoomEvent, foldRoomEventV1, type PublicRoomEvent, publicVotes } from './fold.js';
export { isRoomEvent } from './is-room-event.js';
export { LIMITS } from './limits.js';
export {
  ASSIGNABLE_ROLES,
  type AssignableRole,
  AssignableRoleSchema,
  type CardCount,
  CardCountSchema,
  DEFAULT_SETTINGS,
  IdSchema,
  type Participant,
  ParticipantSchema,
  PRESENCES,
  type Presence,
  PresenceSchema,
  REVEAL_POLICIES,
  type RevealedVote,
  RevealedVoteSchema,
  type RevealPolicy,
  ROLES,
  ROUND_STATUSES,
  type Role,
  RoleSchema,
  type RoomSettings,
  RoomSettingsSchema,
  type RoomSnapshot,
  RoomSnapshotSchema,
  type Round,
  RoundSchema,
  type RoundStatus,
  STORY_STATUSES,
  type Statistics,
  StatisticsSchema,
  type Story,
  type StoryInput,
  StoryInputSchema,
  StorySchema,
  type StoryStatus,
  type Timer,
  TimerSchema,
} from './model.js';
export { peekRequestId } from './plain-msgpack.js';
export { clipErrorMessage, ProtocolError, quoteInput } from './protocol-error.js';
export {
  findUnsafeText,
  isSafeText,
  SAFE_TEXT_MESSAGE,
  SAFE_TEXT_PATTERN,
  SafeText,
  unsafeTextReason,
} from './safe-text.js';
export {
  type NegotiatedVersion,
  negotiateVersion,
  PROTOCOL_VERSION,
  PROTOCOL_VERSIONS,
  type ProtocolVersion,
  type ProtocolVersionInfo,
  SUBPROTOCOLS,
  SUPPORTED_VERSIONS,
  subprotocolName,
  versionOfSubprotocol,
} from './version.js';
export { readVoteCast } from './vote-cast-frame.js';
export { toWireForm } from './wire-form.js';
