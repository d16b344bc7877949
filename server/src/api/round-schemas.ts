import { LIMITS } from '@pokerroom/protocol';
import { Type } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;

/** `POST /v1/rooms/{roomId}/rounds`: a new round, on a story of the queue or on none. */
export const StartRoundBody = Type.Object(
  {
    storyId: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: LIMITS.idLength }), Type.Null()], {
        description: 'The story to estimate (it becomes `active`); absent or `null` for a round without one.',
      }),
    ),
  },
  { ...Strict, $id: 'StartRoundRequest' },
);

/** `POST /v1/rooms/{roomId}/rounds/current/finalize`: the estimate chosen after the reveal. */
export const FinalizeRoundBody = Type.Object(
  {
    estimate: Type.String({
      minLength: 1,
      maxLength: LIMITS.estimateLength,
      description: 'Any text, usually a card of the deck; it becomes the story’s estimate.',
    }),
  },
  { ...Strict, $id: 'FinalizeRoundRequest' },
);
