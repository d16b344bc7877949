import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { CLIENT_COMMANDS } from './commands.js';
import { DeckSchema } from './decks.js';
import { ERROR_CODE_LIST } from './error-codes.js';
import { LIMITS } from './limits.js';
import {
  IdSchema,
  ParticipantSchema,
  PresenceSchema,
  RevealedVoteSchema,
  RoomSettingsSchema,
  RoomSnapshotSchema,
  RoundSchema,
  StatisticsSchema,
  StorySchema,
} from './model.js';
import type { ProtocolVersion } from './version.js';

const Strict = { additionalProperties: false } as const;

/** What an `error` frame concerns (its `scope`, since v2). */
export const ERROR_SCOPES = ['command', 'frame', 'connection'] as const;
/** What an `error` frame concerns. */
export type ErrorScope = (typeof ERROR_SCOPES)[number];
const Seq = Type.Integer({ minimum: 0 });
const Timestamp = Type.Integer({ minimum: 0 });

/**
 * Room events: the server broadcasts each to every participant of the room with a per-room `seq`
 * (gap-free, the same on every node). Folding them in order over a welcome snapshot gives the room.
 * All since v1.
 */
export const ROOM_EVENTS = {
  /** Someone joined the room for the first time. */
  'participant.joined': Type.Object({ participant: ParticipantSchema }, Strict),
  /** Someone was removed from the room (`kicked`) or left it for good (`left`). */
  'participant.left': Type.Object(
    { participantId: IdSchema, reason: Type.Union([Type.Literal('kicked'), Type.Literal('left')]) },
    Strict,
  ),
  /** Someone's name or role changed. */
  'participant.updated': Type.Object({ participant: ParticipantSchema }, Strict),
  /** Someone came online, went away, or went offline (after a grace period, so reloads don't flap). */
  'participant.presence': Type.Object({ participantId: IdSchema, presence: PresenceSchema }, Strict),
  /** The facilitator role moved: handed over, or given to someone present when the facilitator was gone too long. */
  'facilitator.changed': Type.Object(
    {
      from: Type.Union([IdSchema, Type.Null()]),
      to: IdSchema,
      reason: Type.Union([Type.Literal('transfer'), Type.Literal('absent')]),
    },
    Strict,
  ),
  /** Someone voted or changed their vote. The value stays hidden until the reveal. */
  'vote.cast': Type.Object({ participantId: IdSchema }, Strict),
  /** Someone took their vote back. */
  'vote.retracted': Type.Object({ participantId: IdSchema }, Strict),
  /** A new round opened for votes. */
  'round.started': Type.Object({ round: RoundSchema }, Strict),
  /** The votes are shown, with statistics. `auto` tells whether the room revealed by itself. */
  'round.revealed': Type.Object(
    {
      roundId: IdSchema,
      votes: Type.Array(RevealedVoteSchema),
      stats: StatisticsSchema,
      auto: Type.Boolean(),
    },
    Strict,
  ),
  /** The votes were cleared for a re-vote; the round starts over under a new id. */
  'round.reset': Type.Object({ round: RoundSchema }, Strict),
  /** The round closed with a final estimate; the story (if any) is now estimated. */
  'round.finalized': Type.Object(
    {
      roundId: IdSchema,
      storyId: Type.Union([IdSchema, Type.Null()]),
      estimate: Type.String({ minLength: 1, maxLength: LIMITS.estimateLength }),
      /** Milliseconds the round lasted, added to the story's time spent. */
      durationMs: Type.Integer({ minimum: 0 }),
    },
    Strict,
  ),
  /** Stories were appended to the queue (one by `story.add`, many by `story.import`). */
  'story.added': Type.Object({ stories: Type.Array(StorySchema, { minItems: 1 }) }, Strict),
  /** A story changed. */
  'story.updated': Type.Object({ story: StorySchema }, Strict),
  /** A story left the queue. */
  'story.removed': Type.Object({ storyId: IdSchema }, Strict),
  /** The queue has a new order. */
  'story.reordered': Type.Object({ storyIds: Type.Array(IdSchema) }, Strict),
  /** The room's name, deck or settings changed; all three are sent whole. */
  'room.updated': Type.Object(
    {
      name: Type.String({ maxLength: LIMITS.nameLength }),
      deck: DeckSchema,
      settings: RoomSettingsSchema,
    },
    Strict,
  ),
  /** The room was closed; every connection closes after this with `room_closed`. */
  'room.closed': Type.Object({}, Strict),
  /** A countdown started. */
  'timer.started': Type.Object(
    { startedAt: Timestamp, endsAt: Timestamp, seconds: Type.Integer({ minimum: 1 }) },
    Strict,
  ),
  /** The countdown stopped: by a facilitator, at zero, or because the round ended. */
  'timer.stopped': Type.Object(
    { reason: Type.Union([Type.Literal('stopped'), Type.Literal('expired'), Type.Literal('round-ended')]) },
    Strict,
  ),
} as const satisfies Record<string, TSchema>;

/**
 * Session messages: sent to one connection (or, for reactions and nudges, broadcast without a
 * `seq` because they are not room state). All since v1.
 */
export const SESSION_EVENTS = {
  /** First frame of every connection: who you are, the whole room, and the `seq` it is at. */
  welcome: Type.Object(
    {
      sessionId: IdSchema,
      you: ParticipantSchema,
      /** Your own vote in the open round, which only you may see before the reveal. */
      yourVote: Type.Union([Type.String({ minLength: 1, maxLength: LIMITS.cardLabelLength }), Type.Null()]),
      room: RoomSnapshotSchema,
      /** The `seq` of the last room event folded into `room`. */
      seq: Seq,
      /** The server's clock, to correct timers for clock skew. */
      serverTime: Timestamp,
    },
    Strict,
  ),
  /** A command succeeded. `result` carries what the command produced, if anything. */
  ack: Type.Object(
    {
      id: Type.Integer({ minimum: 0, maximum: LIMITS.maxRequestId }),
      /** The type `t` of the command answered. Since v2, where it is always present; never sent in v1. */
      command: Type.Optional(
        Type.Union(Object.keys(CLIENT_COMMANDS).map((t) => Type.Literal(t as keyof typeof CLIENT_COMMANDS))),
      ),
      result: Type.Optional(
        Type.Object(
          {
            /** Ids of stories the command created, in order. */
            storyIds: Type.Optional(Type.Array(IdSchema)),
            /** For `resume`: how many events were replayed before this ack. */
            replayed: Type.Optional(Type.Integer({ minimum: 0 })),
            /** For `resume`: `replay` when the events followed, `snapshot` when the gap was too old (keep the welcome's room). */
            resume: Type.Optional(Type.Union([Type.Literal('replay'), Type.Literal('snapshot')])),
            /** For `ping`: the server's clock. */
            serverTime: Type.Optional(Timestamp),
          },
          Strict,
        ),
      ),
    },
    Strict,
  ),
  /** A command failed, or (without `id`) the connection has a problem. */
  error: Type.Object(
    {
      code: Type.Union(ERROR_CODE_LIST.map((code) => Type.Literal(code))),
      message: Type.String({ maxLength: LIMITS.errorMessageLength }),
      retryable: Type.Boolean(),
      id: Type.Optional(Type.Integer({ minimum: 0, maximum: LIMITS.maxRequestId })),
      /**
       * What the error concerns: `command` (the one named by `id`), `frame` (a frame that could not be
       * read far enough to name its command) or `connection` (this connection as a whole). Since v2,
       * where it is always present; never sent in v1.
       */
      scope: Type.Optional(Type.Union(ERROR_SCOPES.map((scope) => Type.Literal(scope)))),
      /**
       * For `overloaded` and `rate_limited`: how long to wait before sending the command again, in
       * milliseconds. Added within v1: clients that do not know it back off on their own.
       */
      retryAfterMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
    },
    Strict,
  ),
  /** Someone reacted with an emoji. Not room state: no `seq`, not replayed. */
  reaction: Type.Object(
    { participantId: IdSchema, emoji: Type.String({ minLength: 1, maxLength: LIMITS.emojiLength }) },
    Strict,
  ),
  /** A facilitator nudged the voters who haven't voted. Not room state: no `seq`, not replayed. */
  nudge: Type.Object({ from: IdSchema, participantIds: Type.Array(IdSchema) }, Strict),
} as const satisfies Record<string, TSchema>;

/** The type `t` of a room event. */
export type RoomEventType = keyof typeof ROOM_EVENTS;
/** The type `t` of a session message. */
export type SessionEventType = keyof typeof SESSION_EVENTS;
/** The type `t` of any server → client frame. */
export type ServerMessageType = RoomEventType | SessionEventType;

/** The payload of a room event of type `T`. */
export type RoomEventPayload<T extends RoomEventType> = Static<(typeof ROOM_EVENTS)[T]>;
/** The payload of a session message of type `T`. */
export type SessionEventPayload<T extends SessionEventType> = Static<(typeof SESSION_EVENTS)[T]>;

/**
 * A room event frame: broadcast with its per-room `seq`.
 *
 * @example
 * ```ts
 * const event: RoomEvent = { v: 1, t: 'vote.cast', seq: 42, d: { participantId: 'p_1' } };
 * ```
 */
export type RoomEvent = {
  [T in RoomEventType]: {
    /** Protocol major. */
    readonly v: ProtocolVersion;
    /** Event type. */
    readonly t: T;
    /** Per-room sequence number: gap-free, starting at 1. */
    readonly seq: number;
    /** Payload. */
    readonly d: RoomEventPayload<T>;
  };
}[RoomEventType];

/** A session message frame: sent without `seq`. */
export type SessionMessage = {
  [T in SessionEventType]: {
    /** Protocol major. */
    readonly v: ProtocolVersion;
    /** Message type. */
    readonly t: T;
    /** Payload. */
    readonly d: SessionEventPayload<T>;
  };
}[SessionEventType];

/** Any server → client frame. */
export type ServerMessage = RoomEvent | SessionMessage;

/** Every room event type. */
export const ROOM_EVENT_TYPES = Object.keys(ROOM_EVENTS) as RoomEventType[];
/** Every session message type. */
export const SESSION_EVENT_TYPES = Object.keys(SESSION_EVENTS) as SessionEventType[];
