import {
  DeckSchema,
  ERROR_CODE_LIST,
  LIMITS,
  ParticipantSchema,
  RoomSettingsSchema,
  RoundSchema,
  StatisticsSchema,
  StorySchema,
  TimerSchema,
} from '@pokerroom/protocol';
import { type Static, Type } from '@sinclair/typebox';
import { API_KEY_SCOPES } from '../storage/accounts.js';

const Strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: LIMITS.idLength });

/** An error response (RFC 9457) with the stable `code` of the error table. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A link to the documentation of the code.' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.Union(
      ERROR_CODE_LIST.map((code) => Type.Literal(code)),
      {
        description: 'Stable: react to this, not to `title` or `detail`.',
      },
    ),
    detail: Type.String({ description: 'What was wrong with this request, naming the field at fault.' }),
    retryable: Type.Boolean({ description: 'Whether the same request may succeed later, unchanged.' }),
    instance: Type.Optional(Type.String()),
  },
  { $id: 'Problem' },
);

const RoomFields = {
  id: Id,
  name: Type.String({ maxLength: LIMITS.nameLength }),
  deck: DeckSchema,
  settings: RoomSettingsSchema,
  closed: Type.Boolean(),
  createdAt: DateTime,
  closedAt: Type.Union([DateTime, Type.Null()]),
};

/** A room, as lists show it. */
export const RoomSchema = Type.Object(RoomFields, { ...Strict, $id: 'Room' });
/** A room, as lists show it. */
export type RoomBody = Static<typeof RoomSchema>;

/** A room with its live state: participants, the story queue, the round and the timer. */
export const RoomDetailSchema = Type.Object(
  {
    ...RoomFields,
    participants: Type.Array(ParticipantSchema),
    stories: Type.Array(StorySchema),
    round: Type.Union([RoundSchema, Type.Null()]),
    timer: Type.Union([TimerSchema, Type.Null()]),
  },
  { ...Strict, $id: 'RoomDetail' },
);

/** A page of rooms. */
export const RoomListSchema = Type.Object(
  {
    data: Type.Array(RoomSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; `null` on the last page.',
    }),
  },
  { ...Strict, $id: 'RoomList' },
);

/** Stories, in queue order. */
export const StoryListSchema = Type.Object(
  { data: Type.Array(StorySchema) },
  { ...Strict, $id: 'StoryList' },
);

/** A participant token and where to use it. */
export const TokenSchema = Type.Object(
  {
    token: Type.String({ description: 'Pass to the element (`token` attribute) or to `connect`.' }),
    expiresAt: DateTime,
    wsUrl: Type.String({ description: 'The WebSocket URL to pass to `connect`.' }),
    participantId: Id,
  },
  { ...Strict, $id: 'ParticipantToken' },
);

const KeyFields = {
  id: Id,
  name: Type.Union([Type.String(), Type.Null()]),
  mode: Type.Union([Type.Literal('test'), Type.Literal('live')]),
  last4: Type.String({ minLength: 4, maxLength: 4, description: 'The last four characters of the secret.' }),
  scopes: Type.Array(Type.Union(API_KEY_SCOPES.map((scope) => Type.Literal(scope)))),
  createdAt: DateTime,
  expiresAt: Type.Union([DateTime, Type.Null()], {
    description: 'Set on a rotated key: the end of its grace period.',
  }),
  revokedAt: Type.Union([DateTime, Type.Null()]),
  rateLimit: Type.Union([
    Type.Object({ perSecond: Type.Integer(), burst: Type.Integer() }, Strict),
    Type.Null(),
  ]),
};

/** An API key, without its secret. */
export const ApiKeySchema = Type.Object(KeyFields, { ...Strict, $id: 'ApiKey' });

/** A new API key with its secret: the only time the secret is shown. */
export const ApiKeyWithSecretSchema = Type.Object(
  { ...KeyFields, secret: Type.String({ description: 'Store it now: it is never shown again.' }) },
  { ...Strict, $id: 'ApiKeyWithSecret' },
);

/** The account's keys. */
export const ApiKeyListSchema = Type.Object(
  { data: Type.Array(ApiKeySchema) },
  { ...Strict, $id: 'ApiKeyList' },
);

const HistoryVoteSchema = Type.Object(
  {
    participantId: Type.Union([Id, Type.Null()], { description: '`null` in anonymous rounds.' }),
    participantName: Type.Union([Type.String(), Type.Null()]),
    card: Type.String(),
    castAt: DateTime,
  },
  { ...Strict, $id: 'HistoryVote' },
);

const HistoryRoundSchema = Type.Object(
  {
    id: Id,
    story: Type.Union([
      Type.Object(
        { id: Id, title: Type.String(), externalId: Type.Union([Type.String(), Type.Null()]) },
        Strict,
      ),
      Type.Null(),
    ]),
    anonymous: Type.Boolean(),
    startedAt: DateTime,
    revealedAt: DateTime,
    finalizedAt: Type.Union([DateTime, Type.Null()]),
    estimate: Type.Union([Type.String(), Type.Null()]),
    statistics: Type.Union([StatisticsSchema, Type.Null()]),
    votes: Type.Array(HistoryVoteSchema),
  },
  { ...Strict, $id: 'HistoryRound' },
);

/** A room's revealed rounds, oldest first. */
export const HistorySchema = Type.Object(
  { roomId: Id, rounds: Type.Array(HistoryRoundSchema) },
  { ...Strict, $id: 'History' },
);

/** What an account used in a period. */
export const UsageSchema = Type.Object(
  {
    from: DateTime,
    to: DateTime,
    rooms: Type.Integer({ minimum: 0, description: 'Rooms created.' }),
    rounds: Type.Integer({ minimum: 0, description: 'Rounds revealed.' }),
    votes: Type.Integer({ minimum: 0, description: 'Votes cast (a changed vote counts once).' }),
    participants: Type.Integer({ minimum: 0, description: 'Participants who joined a room.' }),
  },
  { ...Strict, $id: 'Usage' },
);

/** `/healthz` and `/readyz`. */
export const HealthSchema = Type.Object(
  {
    status: Type.String(),
    checks: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { $id: 'Health' },
);
