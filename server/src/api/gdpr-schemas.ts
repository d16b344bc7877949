import { LIMITS } from '@pokerroom/protocol';
import { Type } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: LIMITS.idLength });
const Role = Type.Union([Type.Literal('facilitator'), Type.Literal('voter'), Type.Literal('observer')]);
const Count = (description: string) => Type.Integer({ minimum: 0, description });

const ExportedParticipantSchema = Type.Object(
  {
    roomId: Id,
    roomName: Type.String(),
    participantId: Id,
    name: Type.String(),
    role: Role,
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    joinedAt: DateTime,
    leftAt: Type.Union([DateTime, Type.Null()]),
    leftReason: Type.Union([Type.Literal('kicked'), Type.Literal('left'), Type.Null()]),
  },
  { ...Strict, $id: 'UserExportParticipant' },
);

const ExportedVoteSchema = Type.Object(
  {
    roomId: Id,
    roundId: Id,
    participantId: Id,
    storyId: Type.Union([Id, Type.Null()]),
    storyTitle: Type.Union([Type.String(), Type.Null()]),
    anonymous: Type.Boolean(),
    card: Type.Union([Type.String(), Type.Null()], {
      description: '`null` in anonymous rounds: the room was promised nobody learns who voted what.',
    }),
    castAt: DateTime,
    revealedAt: DateTime,
    estimate: Type.Union([Type.String(), Type.Null()], {
      description: 'The final estimate the round closed with, if it was finalized.',
    }),
    finalizedAt: Type.Union([DateTime, Type.Null()]),
  },
  { ...Strict, $id: 'UserExportVote' },
);

/** Everything held about one external user of the account. */
export const UserExportSchema = Type.Object(
  {
    externalUserId: Type.String(),
    exportedAt: DateTime,
    participants: Type.Array(ExportedParticipantSchema, {
      description: 'The person’s place in each room, newest first (at most 1,000).',
    }),
    votes: Type.Array(ExportedVoteSchema, {
      description: 'Votes in revealed rounds, newest first (at most 10,000).',
    }),
    truncated: Type.Boolean({
      description: 'Whether a list was cut at its limit; the newest entries are kept.',
    }),
  },
  { ...Strict, $id: 'UserExport' },
);

/** What an erasure changed; all zero when there was nothing (left) to erase. */
export const UserErasureSchema = Type.Object(
  {
    participants: Count('Participant records anonymized.'),
    rooms: Count('Rooms the person was in.'),
    events: Count('Room events whose name, external id and avatar were removed from the log.'),
    webhookDeliveries: Count('`participant.joined` webhook deliveries whose personal data was removed.'),
    storedResponses: Count('Stored answers of token requests (Idempotency-Key replays) dropped.'),
    votes: Count('Votes kept, now anonymous, so statistics stay as they were.'),
  },
  { ...Strict, $id: 'UserErasure' },
);
