import {
  IdSchema,
  LIMITS,
  ParticipantSchema,
  RevealedVoteSchema,
  StatisticsSchema,
} from '@pokerroom/protocol';
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import type { WebhookEventType } from './event-types.js';

const Strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description === undefined ? {} : { description });
const RoomId = Type.String({ minLength: 1, maxLength: LIMITS.idLength, description: 'The room.' });
const RoundId = Type.String({
  minLength: 1,
  maxLength: LIMITS.idLength,
  description: 'The round (a re-vote gets a new id).',
});
const Estimate = Type.String({
  minLength: 1,
  maxLength: LIMITS.estimateLength,
  description: 'The final estimate the facilitator (or your backend) chose.',
});
const DurationMs = Type.Integer({
  minimum: 0,
  description: 'How long the round lasted, from its start (re-votes included) to the estimate.',
});
const Stats = Nullable(StatisticsSchema, 'The statistics of the reveal; `null` if none was stored.');

/** The envelope of every delivery, around the data of one event type. */
function envelope<T extends TObject>(type: string, name: string, data: T) {
  return Type.Object(
    {
      id: Type.String({
        pattern: '^dlv_',
        description: 'The delivery id: the same on every retry, so drop duplicates by it.',
      }),
      type: Type.Literal(type),
      createdAt: Type.String({ format: 'date-time', description: 'When the event happened in the room.' }),
      data,
    },
    { ...Strict, $id: name },
  );
}

/** One event type a webhook endpoint can receive: its delivery body and what it is for. */
export interface WebhookEventDefinition {
  readonly summary: string;
  readonly description: string;
  readonly schema: TObject;
}

/**
 * Every event a delivery can carry, with the schema of its body. The OpenAPI document's `webhooks`
 * section is built from this table (and the Node SDK's event union from that section); the outbox
 * in `storage/webhook-outbox.ts` builds the same shapes in SQL, and the delivery tests validate
 * every body they receive against these schemas.
 */
export const WEBHOOK_EVENTS = {
  'round.revealed': {
    summary: 'A round’s votes were revealed',
    description:
      'With the votes and statistics as participants see them: in an anonymous round the votes carry no ' +
      '`participantId` and are sorted by card.',
    schema: envelope(
      'round.revealed',
      'RoundRevealedEvent',
      Type.Object(
        {
          roomId: RoomId,
          roundId: RoundId,
          storyId: Nullable(IdSchema, 'The story estimated, `null` for a round without one.'),
          anonymous: Type.Boolean(),
          auto: Type.Boolean({ description: 'The room revealed by itself once everyone had voted.' }),
          votes: Type.Array(RevealedVoteSchema),
          stats: StatisticsSchema,
        },
        Strict,
      ),
    ),
  },
  'story.estimated': {
    summary: 'A story got its estimate',
    description:
      'A round on a story was finalized. Carries what a tracker needs to write the estimate back: the ' +
      'story’s title, the `externalId` and `url` you imported it with, and the round’s statistics.',
    schema: envelope(
      'story.estimated',
      'StoryEstimatedEvent',
      Type.Object(
        {
          roomId: RoomId,
          roundId: RoundId,
          storyId: IdSchema,
          title: Type.String({ minLength: 1, maxLength: LIMITS.titleLength }),
          externalId: Nullable(
            Type.String({ minLength: 1, maxLength: LIMITS.externalIdLength }),
            'The id your tracker gave the story; `null` if none.',
          ),
          url: Nullable(Type.String({ minLength: 1, maxLength: LIMITS.urlLength }), 'The story’s link.'),
          estimate: Estimate,
          durationMs: DurationMs,
          stats: Stats,
        },
        Strict,
      ),
    ),
  },
  'round.finalized': {
    summary: 'A round was closed with an estimate',
    description:
      'Every finalized round, with a story or without one (`storyId: null`), e.g. for rounds a team plays ' +
      'on a question that is not in the queue.',
    schema: envelope(
      'round.finalized',
      'RoundFinalizedEvent',
      Type.Object(
        {
          roomId: RoomId,
          roundId: RoundId,
          storyId: Nullable(IdSchema, 'The story, `null` for a round without one.'),
          estimate: Estimate,
          durationMs: DurationMs,
          stats: Stats,
        },
        Strict,
      ),
    ),
  },
  'room.closed': {
    summary: 'A room was closed',
    description: 'Through the API or by the service; connected participants were disconnected.',
    schema: envelope('room.closed', 'RoomClosedEvent', Type.Object({ roomId: RoomId }, Strict)),
  },
  'participant.joined': {
    summary: 'Someone joined a room',
    description: 'The first time a participant joins a room (not on reconnects).',
    schema: envelope(
      'participant.joined',
      'ParticipantJoinedEvent',
      Type.Object({ roomId: RoomId, participant: ParticipantSchema }, Strict),
    ),
  },
  test: {
    summary: 'A test event',
    description: 'Sent by `POST /v1/webhooks/{webhookId}/test`, whatever the endpoint subscribed to.',
    schema: envelope(
      'test',
      'TestEvent',
      Type.Object({ webhookId: Type.String({ minLength: 1 }), message: Type.String() }, Strict),
    ),
  },
} as const satisfies Record<WebhookEventType | 'test', WebhookEventDefinition>;
