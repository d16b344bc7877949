/**
 * The Poker Room realtime protocol, v1: message schemas and types, the MessagePack codec,
 * error and close codes, decks, limits and version negotiation. Server, SDK and element all
 * depend on this package; it depends on nothing of ours.
 *
 * @packageDocumentation
 */
export { closeAction, CLOSE_CODES, type CloseAction, type CloseCode } from './close-codes.js';
export { decodeClientMessage, decodeServerMessage, encode } from './codec.js';
export {
  CLIENT_COMMAND_TYPES,
  CLIENT_COMMANDS,
  type ClientCommandPayload,
  type ClientCommandType,
  type ClientMessage,
} from './commands.js';
export {
  CardSchema,
  DECK_KINDS,
  DEFAULT_DECK,
  DeckSchema,
  deckProblem,
  PRESET_DECKS,
  type Card,
  type Deck,
  type DeckKind,
} from './decks.js';
export {
  ERROR_CODE_LIST,
  ERROR_CODES,
  ERROR_KINDS,
  isErrorCode,
  type ErrorCode,
  type ErrorCodeInfo,
  type ErrorKind,
} from './error-codes.js';
export {
  isRoomEvent,
  ROOM_EVENT_TYPES,
  ROOM_EVENTS,
  SESSION_EVENT_TYPES,
  SESSION_EVENTS,
  type RoomEvent,
  type RoomEventPayload,
  type RoomEventType,
  type ServerMessage,
  type ServerMessageType,
  type SessionEventPayload,
  type SessionEventType,
  type SessionMessage,
} from './events.js';
export { LIMITS } from './limits.js';
export {
  CardCountSchema,
  DEFAULT_SETTINGS,
  IdSchema,
  ParticipantSchema,
  PRESENCES,
  PresenceSchema,
  REVEAL_POLICIES,
  RevealedVoteSchema,
  ROLES,
  RoleSchema,
  RoomSettingsSchema,
  RoomSnapshotSchema,
  ROUND_STATUSES,
  RoundSchema,
  STORY_STATUSES,
  StatisticsSchema,
  StoryInputSchema,
  StorySchema,
  TimerSchema,
  type CardCount,
  type Participant,
  type Presence,
  type RevealedVote,
  type RevealPolicy,
  type Role,
  type RoomSettings,
  type RoomSnapshot,
  type Round,
  type RoundStatus,
  type Statistics,
  type Story,
  type StoryInput,
  type StoryStatus,
  type Timer,
} from './model.js';
export { ProtocolError } from './protocol-error.js';
export {
  negotiateVersion,
  PROTOCOL_VERSION,
  SUBPROTOCOLS,
  SUPPORTED_VERSIONS,
  subprotocolName,
  type NegotiatedVersion,
  type ProtocolVersion,
} from './version.js';
