import { DECK_KINDS, CardSchema, LIMITS, RoleSchema, RoomSettingsSchema } from '@pokerroom/protocol';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { HttpProblem } from './http.js';
import { TOKEN_TTL } from './tokens.js';

const Strict = { additionalProperties: false } as const;

/** `POST /v1/rooms`: everything optional; a room gets the defaults. */
export const CreateRoomBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameLength })),
    deck: Type.Optional(
      Type.Object(
        {
          kind: Type.Union(DECK_KINDS.map((kind) => Type.Literal(kind))),
          cards: Type.Optional(Type.Array(CardSchema, { minItems: LIMITS.minDeckSize, maxItems: LIMITS.maxDeckSize })),
        },
        Strict,
      ),
    ),
    settings: Type.Optional(Type.Partial(RoomSettingsSchema, Strict)),
  },
  Strict,
);

/** `POST /v1/rooms/{id}/tokens`: who joins, as what, for how long. */
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameLength }),
    role: Type.Optional(RoleSchema),
    externalUserId: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.externalIdLength })),
    avatarUrl: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.urlLength, pattern: '^https?://' })),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: TOKEN_TTL.min, maximum: TOKEN_TTL.max })),
  },
  Strict,
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
