import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { DECK_KINDS } from './deck-kinds.js';
import { CardSchema } from './decks.js';
import { LIMITS } from './limits.js';
import { AssignableRoleSchema, IdSchema, RoomSettingsSchema, StoryInputSchema } from './model.js';
import { SafeText } from './safe-text.js';
import type { ProtocolVersion } from './version.js';

const Empty = Type.Object({}, { additionalProperties: false });
const CardLabel = SafeText({ minLength: 1, maxLength: LIMITS.cardLabelLength });
const Strict = { additionalProperties: false } as const;

/**
 * The payload schema of every client → server command, keyed by its type `t`. All since v1.
 * Every command carries a request `id`; the server answers it with an `ack` or an `error` that echoes it.
 */
export const CLIENT_COMMANDS = {
  /** A voter casts or changes their vote in the open round. Others learn only that they voted. */
  'vote.cast': Type.Object({ card: CardLabel }, Strict),
  /** A voter takes their vote back before the reveal. */
  'vote.retract': Empty,
  /** A facilitator opens a new round, optionally for a story of the queue. */
  'round.start': Type.Object({ storyId: Type.Optional(Type.Union([IdSchema, Type.Null()])) }, Strict),
  /** Shows every vote and the statistics. Facilitators, or any voter if the room allows it. */
  'round.reveal': Empty,
  /** A facilitator clears the votes for a re-vote on the same story. */
  'round.reset': Empty,
  /** A facilitator closes the revealed round with the chosen estimate, which becomes the story's. */
  'round.finalize': Type.Object(
    { estimate: SafeText({ minLength: 1, maxLength: LIMITS.estimateLength }) },
    Strict,
  ),
  /** A facilitator reminds voters who haven't voted yet. */
  'round.nudge': Empty,
  /** A facilitator adds a story at the end of the queue. */
  'story.add': StoryInputSchema,
  /** A facilitator edits a story; only the given fields change. */
  'story.update': Type.Object(
    {
      storyId: IdSchema,
      title: Type.Optional(SafeText({ minLength: 1, maxLength: LIMITS.titleLength })),
      description: Type.Optional(SafeText({ maxLength: LIMITS.descriptionLength })),
      externalId: Type.Optional(SafeText({ minLength: 1, maxLength: LIMITS.externalIdLength })),
      url: Type.Optional(SafeText({ minLength: 1, maxLength: LIMITS.urlLength })),
    },
    Strict,
  ),
  /** A facilitator removes a story from the queue. */
  'story.remove': Type.Object({ storyId: IdSchema }, Strict),
  /** A facilitator puts the queue in a new order: every story id, once each. */
  'story.reorder': Type.Object(
    { storyIds: Type.Array(IdSchema, { maxItems: LIMITS.maxStories, uniqueItems: true }) },
    Strict,
  ),
  /** A facilitator appends many stories at once, as an issue tracker would send them. */
  'story.import': Type.Object(
    { stories: Type.Array(StoryInputSchema, { minItems: 1, maxItems: LIMITS.maxImportStories }) },
    Strict,
  ),
  /** A facilitator changes the room's name, deck or settings; only the given fields change. */
  'room.update': Type.Object(
    {
      name: Type.Optional(SafeText({ minLength: 1, maxLength: LIMITS.nameLength })),
      deck: Type.Optional(
        Type.Object(
          {
            kind: Type.Union(DECK_KINDS.map((kind) => Type.Literal(kind))),
            /** Required for `custom`, ignored for presets. */
            cards: Type.Optional(
              Type.Array(CardSchema, { minItems: LIMITS.minDeckSize, maxItems: LIMITS.maxDeckSize }),
            ),
          },
          Strict,
        ),
      ),
      settings: Type.Optional(Type.Partial(RoomSettingsSchema, Strict)),
    },
    Strict,
  ),
  /** Renames yourself, or (facilitators) anyone. */
  'participant.rename': Type.Object(
    {
      participantId: Type.Optional(IdSchema),
      name: SafeText({ minLength: 1, maxLength: LIMITS.nameLength }),
    },
    Strict,
  ),
  /**
   * A facilitator changes someone's role between voter and observer. Facilitation is handed over
   * with `facilitator.transfer`: `role: "facilitator"` is refused with `invalid_payload`.
   */
  'participant.role': Type.Object({ participantId: IdSchema, role: AssignableRoleSchema }, Strict),
  /** A facilitator removes someone from the room; their connection closes with `kicked`. */
  'participant.kick': Type.Object({ participantId: IdSchema }, Strict),
  /**
   * A facilitator chooses whether they vote themselves (`votes: false`: they run the room only, and
   * a vote they cast in the open round is taken back). Remembered for the room until they choose
   * again or hand the role over. Since v2.
   */
  'participant.votes': Type.Object({ votes: Type.Boolean() }, Strict),
  /** A facilitator hands the facilitator role to someone else and becomes a voter. */
  'facilitator.transfer': Type.Object({ participantId: IdSchema }, Strict),
  /** A facilitator starts a countdown for the open round. */
  'timer.start': Type.Object(
    { seconds: Type.Integer({ minimum: LIMITS.minTimerSeconds, maximum: LIMITS.maxTimerSeconds }) },
    Strict,
  ),
  /** A facilitator stops the countdown. */
  'timer.stop': Empty,
  /** Anyone sends an emoji reaction to the room. */
  'reaction.send': Type.Object({ emoji: SafeText({ minLength: 1, maxLength: LIMITS.emojiLength }) }, Strict),
  /** Keeps the connection and presence alive; the ack carries the server's clock. */
  ping: Empty,
  /**
   * Asks for the room events after `lastSeq` up to the `seq` of this connection's welcome, when the
   * client kept state from an earlier connection. Send it right after the welcome.
   */
  resume: Type.Object({ lastSeq: Type.Integer({ minimum: 0 }) }, Strict),
} as const satisfies Record<string, TSchema>;

/** The type `t` of a client command. */
export type ClientCommandType = keyof typeof CLIENT_COMMANDS;

/** The payload of a client command of type `T`. */
export type ClientCommandPayload<T extends ClientCommandType> = Static<(typeof CLIENT_COMMANDS)[T]>;

/**
 * A client → server frame. One member per command type, discriminated by `t`.
 *
 * @example
 * ```ts
 * const message: ClientMessage = { v: 1, t: 'vote.cast', id: 7, d: { card: '5' } };
 * ```
 */
export type ClientMessage = {
  [T in ClientCommandType]: {
    /** Protocol major. */
    readonly v: ProtocolVersion;
    /** Command type. */
    readonly t: T;
    /** Request id, echoed by the `ack` or `error` that answers the command. */
    readonly id: number;
    /** Payload. */
    readonly d: ClientCommandPayload<T>;
  };
}[ClientCommandType];

/** Every client command type. */
export const CLIENT_COMMAND_TYPES = Object.keys(CLIENT_COMMANDS) as ClientCommandType[];
