import { type Static, Type } from '@sinclair/typebox';
import { DeckSchema } from './decks.js';
import { LIMITS } from './limits.js';
import { SafeText } from './safe-text.js';

const Id = SafeText({ minLength: 1, maxLength: LIMITS.idLength });
const Name = Type.String({ minLength: 1, maxLength: LIMITS.nameLength });
const Url = SafeText({ minLength: 1, maxLength: LIMITS.urlLength });
const ExternalId = SafeText({ minLength: 1, maxLength: LIMITS.externalIdLength });
/** Milliseconds since the Unix epoch, as the server's clock saw it. */
const Timestamp = Type.Integer({ minimum: 0 });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** An identifier: 1 to 64 characters. */
export const IdSchema = Id;

/** What a participant may do: facilitators run the room and vote, voters vote, observers watch. */
export const ROLES = ['facilitator', 'voter', 'observer'] as const;
/** A participant's role. */
export type Role = (typeof ROLES)[number];
/** The schema of {@link Role}. */
export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

/**
 * The roles `participant.role` may give: facilitation is handed over with `facilitator.transfer`,
 * never given beside it.
 */
export const ASSIGNABLE_ROLES = ['voter', 'observer'] as const;
/** A role `participant.role` may give. */
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];
/** The schema of {@link AssignableRole}. */
export const AssignableRoleSchema = Type.Union(ASSIGNABLE_ROLES.map((role) => Type.Literal(role)));

/** Whether a participant is connected (`online`), connected but idle (`away`), or gone (`offline`). */
export const PRESENCES = ['online', 'away', 'offline'] as const;
/** A participant's presence. */
export type Presence = (typeof PRESENCES)[number];
/** The schema of {@link Presence}. */
export const PresenceSchema = Type.Union(PRESENCES.map((presence) => Type.Literal(presence)));

/** Who may reveal a round: only facilitators, or any voter too. */
export const REVEAL_POLICIES = ['facilitator', 'voters'] as const;
/** Who may reveal a round. */
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];

/** A participant of a room, as everyone in the room sees them. */
export const ParticipantSchema = Type.Object(
  {
    id: Id,
    name: Name,
    role: RoleSchema,
    presence: PresenceSchema,
    avatarUrl: Type.Optional(Url),
    externalId: Type.Optional(ExternalId),
    /**
     * `false` for a facilitator who runs the room without voting (`participant.votes`): they are
     * never waited for, nudged or counted. Absent for everyone else: voters and facilitators vote,
     * observers never do. Since v2; v1 frames leave it out.
     */
    votes: Type.Optional(Type.Literal(false)),
  },
  { additionalProperties: false, $id: 'Participant' },
);
/** A participant of a room. */
export type Participant = Static<typeof ParticipantSchema>;

/** The room settings a facilitator can change. */
export const RoomSettingsSchema = Type.Object(
  {
    /** Reveal by itself once every online voter has voted. */
    autoReveal: Type.Boolean(),
    /** Who may reveal. */
    revealPolicy: Type.Union(REVEAL_POLICIES.map((policy) => Type.Literal(policy))),
    /** Length of the round timer started with each round; `null` for none. */
    roundTimerSeconds: Type.Union([
      Type.Integer({ minimum: LIMITS.minTimerSeconds, maximum: LIMITS.maxTimerSeconds }),
      Type.Null(),
    ]),
    /** Reveal results without names. */
    anonymous: Type.Boolean(),
  },
  { additionalProperties: false, $id: 'RoomSettings' },
);
/** The settings of a room. */
export type RoomSettings = Static<typeof RoomSettingsSchema>;

/** The settings a new room gets. */
export const DEFAULT_SETTINGS: RoomSettings = {
  autoReveal: false,
  revealPolicy: 'facilitator',
  roundTimerSeconds: null,
  anonymous: false,
};

/** The fields of a story that a host tool sends when it adds one. */
export const StoryInputSchema = Type.Object(
  {
    title: SafeText({ minLength: 1, maxLength: LIMITS.titleLength }),
    description: Type.Optional(SafeText({ maxLength: LIMITS.descriptionLength })),
    externalId: Type.Optional(ExternalId),
    url: Type.Optional(Url),
  },
  { additionalProperties: false, $id: 'StoryInput' },
);
/** A story as a host tool sends it. */
export type StoryInput = Static<typeof StoryInputSchema>;

/** Where a story is in the estimation flow. */
export const STORY_STATUSES = ['pending', 'active', 'estimated'] as const;
/** A story's status. */
export type StoryStatus = (typeof STORY_STATUSES)[number];

/** A story in the room's queue. */
export const StorySchema = Type.Object(
  {
    id: Id,
    title: Type.String({ minLength: 1, maxLength: LIMITS.titleLength }),
    description: Type.Optional(Type.String({ maxLength: LIMITS.descriptionLength })),
    externalId: Type.Optional(ExternalId),
    url: Type.Optional(Url),
    status: Type.Union(STORY_STATUSES.map((status) => Type.Literal(status))),
    /** The final estimate once the story is estimated. */
    estimate: Nullable(Type.String({ minLength: 1, maxLength: LIMITS.estimateLength })),
    /** Time spent in rounds on this story, in milliseconds, up to the last finished round. */
    timeSpentMs: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false, $id: 'Story' },
);
/** A story in a room. */
export type Story = Static<typeof StorySchema>;

/** A count of votes for one card. */
export const CardCountSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: LIMITS.cardLabelLength }),
    count: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false, $id: 'CardCount' },
);
/** A count of votes for one card. */
export type CardCount = Static<typeof CardCountSchema>;

/**
 * The statistics of a revealed round. Cards with a numeric value are the counted ones; cards
 * without (`?`, `☕`) are counted apart in `nonNumeric`. In a deck with no numeric card at all,
 * every vote is counted for `modes`, `agreement` and `distribution`, and the numeric figures are `null`.
 */
export const StatisticsSchema = Type.Object(
  {
    /** Every vote cast, numeric or not. */
    count: Type.Integer({ minimum: 0 }),
    /** Votes for cards with a numeric value. */
    numericCount: Type.Integer({ minimum: 0 }),
    mean: Nullable(Type.Number()),
    median: Nullable(Type.Number()),
    /** The most-voted counted labels, in deck order (several when tied). */
    modes: Type.Array(Type.String({ maxLength: LIMITS.cardLabelLength })),
    min: Nullable(Type.Number()),
    max: Nullable(Type.Number()),
    /** `max - min`. */
    spread: Nullable(Type.Number()),
    /** Share of counted votes on the mode, 0 to 1. */
    agreement: Type.Number({ minimum: 0, maximum: 1 }),
    /** Every counted vote is the same card. */
    consensus: Type.Boolean(),
    /** The deck card nearest the median: a starting point for the final estimate. */
    suggestion: Nullable(Type.String({ maxLength: LIMITS.cardLabelLength })),
    /** Votes per counted card, in deck order. */
    distribution: Type.Array(CardCountSchema),
    /** Votes per card without a value (`?`, `☕`), counted apart. */
    nonNumeric: Type.Array(CardCountSchema),
  },
  { additionalProperties: false, $id: 'Statistics' },
);
/** The statistics of a revealed round. */
export type Statistics = Static<typeof StatisticsSchema>;

/** One vote as a reveal shows it; `participantId` is absent in anonymous rounds. */
export const RevealedVoteSchema = Type.Object(
  {
    participantId: Type.Optional(Id),
    card: Type.String({ minLength: 1, maxLength: LIMITS.cardLabelLength }),
  },
  { additionalProperties: false, $id: 'RevealedVote' },
);
/** One vote in a revealed round. */
export type RevealedVote = Static<typeof RevealedVoteSchema>;

/** Where a round is: open for votes, revealed, or closed with a final estimate. */
export const ROUND_STATUSES = ['voting', 'revealed', 'finalized'] as const;
/** A round's status. */
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** A round of voting, as everyone sees it: who voted, and the votes only once revealed. */
export const RoundSchema = Type.Object(
  {
    id: Id,
    storyId: Type.Union([Id, Type.Null()]),
    status: Type.Union(ROUND_STATUSES.map((status) => Type.Literal(status))),
    startedAt: Timestamp,
    anonymous: Type.Boolean(),
    /** Participants who have voted, in the order they first voted. */
    voted: Type.Array(Id),
    /** The votes, once revealed. */
    votes: Type.Optional(Type.Array(RevealedVoteSchema)),
    /** The statistics, once revealed. */
    stats: Type.Optional(StatisticsSchema),
    /** The final estimate, once finalized. */
    estimate: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.estimateLength })),
  },
  { additionalProperties: false, $id: 'Round' },
);
/** A round of voting. */
export type Round = Static<typeof RoundSchema>;

/** A running countdown. */
export const TimerSchema = Type.Object(
  { startedAt: Timestamp, endsAt: Timestamp, seconds: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false, $id: 'Timer' },
);
/** A running countdown. */
export type Timer = Static<typeof TimerSchema>;

/** The whole public state of a room: what every participant may see. */
export const RoomSnapshotSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ maxLength: LIMITS.nameLength }),
    deck: DeckSchema,
    settings: RoomSettingsSchema,
    participants: Type.Array(ParticipantSchema, { maxItems: LIMITS.maxParticipants }),
    stories: Type.Array(StorySchema, { maxItems: LIMITS.maxStories }),
    round: Type.Union([RoundSchema, Type.Null()]),
    timer: Type.Union([TimerSchema, Type.Null()]),
    closed: Type.Boolean(),
  },
  { additionalProperties: false, $id: 'RoomSnapshot' },
);
/** The whole public state of a room. */
export type RoomSnapshot = Static<typeof RoomSnapshotSchema>;
