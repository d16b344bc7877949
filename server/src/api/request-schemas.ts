import {
  CardSchema,
  DECK_KINDS,
  LIMITS,
  RoleSchema,
  RoomSettingsSchema,
  StoryInputSchema,
} from '@pokerroom/protocol';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { HttpProblem } from '../http/request-reply.js';
import { TOKEN_TTL } from '../identity/participant-tokens.js';
import { API_KEY_SCOPES } from '../storage/accounts.js';

const Strict = { additionalProperties: false } as const;

const DeckInput = Type.Object(
  {
    kind: Type.Union(DECK_KINDS.map((kind) => Type.Literal(kind))),
    cards: Type.Optional(
      Type.Array(CardSchema, {
        minItems: LIMITS.minDeckSize,
        maxItems: LIMITS.maxDeckSize,
        description: 'Required for `custom`; presets bring their own cards.',
      }),
    ),
  },
  { ...Strict, $id: 'DeckInput', description: 'A preset deck by kind, or a custom deck with its cards.' },
);

const RoomFields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameLength })),
  deck: Type.Optional(DeckInput),
  settings: Type.Optional(Type.Partial(RoomSettingsSchema, Strict)),
};

/** `POST /v1/rooms`: everything optional; a room gets the defaults. */
export const CreateRoomBody = Type.Object(RoomFields, { ...Strict, $id: 'CreateRoomRequest' });

/** `PATCH /v1/rooms/{id}`: only the given fields change. */
export const UpdateRoomBody = Type.Object(RoomFields, { ...Strict, $id: 'UpdateRoomRequest' });

/** `POST /v1/rooms/{id}/tokens`: who joins, as what, for how long. */
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameLength }),
    role: Type.Optional(RoleSchema),
    externalUserId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: LIMITS.externalIdLength,
        description: 'Your id for this person: the same id always gets the same participant id in a room.',
      }),
    ),
    avatarUrl: Type.Optional(
      Type.String({ minLength: 1, maxLength: LIMITS.urlLength, pattern: '^https?://' }),
    ),
    ttlSeconds: Type.Optional(
      Type.Integer({ minimum: TOKEN_TTL.min, maximum: TOKEN_TTL.max, default: TOKEN_TTL.default }),
    ),
  },
  { ...Strict, $id: 'CreateTokenRequest' },
);

/** `POST /v1/rooms/{id}/stories/import`: many stories at once, as an issue tracker sends them. */
export const ImportStoriesBody = Type.Object(
  { stories: Type.Array(StoryInputSchema, { minItems: 1, maxItems: LIMITS.maxImportStories }) },
  { ...Strict, $id: 'ImportStoriesRequest' },
);

/** `PATCH /v1/rooms/{id}/stories/{storyId}`: only the given fields change. */
export const UpdateStoryBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.titleLength })),
    description: Type.Optional(Type.String({ maxLength: LIMITS.descriptionLength })),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.externalIdLength })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.urlLength })),
  },
  { ...Strict, $id: 'UpdateStoryRequest' },
);

/** `POST /v1/rooms/{id}/stories/reorder`: every story id of the queue, once each, in the new order. */
export const ReorderStoriesBody = Type.Object(
  {
    storyIds: Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.idLength }), {
      maxItems: LIMITS.maxStories,
      uniqueItems: true,
    }),
  },
  { ...Strict, $id: 'ReorderStoriesRequest' },
);

/** Requests per second a key sustains and the burst it may spend at once. */
export const RATE_LIMIT_BOUNDS = { perSecond: 50, burst: 200 } as const;

/** `POST /v1/keys`. */
export const CreateKeyBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameLength })),
    mode: Type.Optional(Type.Union([Type.Literal('test'), Type.Literal('live')], { default: 'test' })),
    scopes: Type.Optional(
      Type.Array(Type.Union(API_KEY_SCOPES.map((scope) => Type.Literal(scope))), {
        minItems: 1,
        uniqueItems: true,
        description: 'What the key may do; every scope when absent.',
      }),
    ),
    rateLimit: Type.Optional(
      Type.Object(
        {
          perSecond: Type.Integer({ minimum: 1, maximum: RATE_LIMIT_BOUNDS.perSecond }),
          burst: Type.Integer({ minimum: 1, maximum: RATE_LIMIT_BOUNDS.burst }),
        },
        {
          ...Strict,
          description: 'A lower limit than the service default, e.g. for a key given to a script.',
        },
      ),
    ),
  },
  { ...Strict, $id: 'CreateKeyRequest' },
);

/** Longest grace period a rotated key keeps working, in seconds (7 days). */
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

/** `POST /v1/keys/{keyId}/rotate`. */
export const RotateKeyBody = Type.Object(
  {
    gracePeriodSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_ROTATION_GRACE_SECONDS,
        default: 86_400,
        description: 'How long the old key keeps working.',
      }),
    ),
  },
  { ...Strict, $id: 'RotateKeyRequest' },
);

const checks = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>();

/** Validates a parsed JSON body; the problem names the first field at fault. */
export function parseBody<T extends TSchema>(schema: T, value: unknown): Static<T> {
  let check = checks.get(schema);
  if (check === undefined) {
    check = TypeCompiler.Compile(schema);
    checks.set(schema, check);
  }
  if (check.Check(value)) return value as Static<T>;
  const first = check.Errors(value).First();
  const field = first === undefined || first.path === '' ? 'body' : first.path.slice(1).replaceAll('/', '.');
  throw new HttpProblem('invalid_request', `${field}: ${first?.message ?? 'is not valid'}`);
}
