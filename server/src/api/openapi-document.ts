import { ERROR_CODES, type ErrorCode } from '@pokerroom/protocol';
import type { TSchema } from '@sinclair/typebox';
import { WEBHOOK_EVENTS } from '../webhooks/event-schemas.js';
import { OPERATIONS, type Operation } from './operations.js';
import { HealthSchema, ProblemSchema } from './response-schemas.js';

type Json = Record<string, unknown>;

/** The version of the REST contract; additive changes bump the minor, breaking ones make /v2. */
export const API_VERSION = '1.0.0';

/**
 * Turns TypeBox schemas into OpenAPI component schemas: every subschema with a `$id` becomes a
 * named component and is referenced from where it was, so the protocol's shapes (Deck, Story,
 * Statistics…) are described once, by the same definitions that validate them.
 */
class ComponentRegistry {
  readonly schemas: Record<string, Json> = {};
  readonly #seen = new Map<string, string>();

  ref(schema: TSchema): Json {
    return this.#convert(schema) as Json;
  }

  #convert(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.#convert(item));
    if (typeof value !== 'object' || value === null) return value;
    const source = value as Json;
    const out: Json = {};
    for (const [key, item] of Object.entries(source)) {
      if (key === '$id') continue;
      out[key] = this.#convert(item);
    }
    const name = source.$id;
    if (typeof name !== 'string') return out;
    const text = JSON.stringify(out);
    const known = this.#seen.get(name);
    if (known !== undefined && known !== text)
      throw new Error(`two different schemas are both named ${name}`);
    this.#seen.set(name, text);
    this.schemas[name] = out;
    return { $ref: `#/components/schemas/${name}` };
  }
}

const problemExample = (code: ErrorCode, detail?: string) => ({
  type: `https://docs.pokerroom.dev/errors#${code}`,
  title: ERROR_CODES[code].message,
  status: ERROR_CODES[code].status,
  code,
  detail: detail ?? ERROR_CODES[code].message,
  retryable: ERROR_CODES[code].retryable,
});

const rateHeaders = {
  'RateLimit-Limit': { $ref: '#/components/headers/RateLimit-Limit' },
  'RateLimit-Remaining': { $ref: '#/components/headers/RateLimit-Remaining' },
  'RateLimit-Reset': { $ref: '#/components/headers/RateLimit-Reset' },
};

const problem = (description: string, codes: readonly ErrorCode[], extraHeaders: Json = {}) => ({
  description,
  headers: { ...rateHeaders, ...extraHeaders },
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/Problem' },
      examples: Object.fromEntries(codes.map((code) => [code, { value: problemExample(code) }])),
    },
  },
});

function responsesOf(op: Operation, registry: ComponentRegistry): Json {
  const success = op.success;
  const keyed = op.scope !== null;
  const headers = keyed ? rateHeaders : {};
  let ok: Json;
  if ('empty' in success) ok = { description: success.description, headers };
  else if ('text' in success) {
    ok = {
      description: success.description,
      headers,
      content: {
        [success.text]: { schema: success.text.includes('json') ? { type: 'object' } : { type: 'string' } },
      },
    };
  } else {
    const content: Json = { 'application/json': { schema: registry.ref(success.schema) } };
    if ('csv' in success)
      content['text/csv'] = { schema: { type: 'string', description: 'CSV with a header row.' } };
    ok = { description: success.description, headers, content };
  }
  const responses: Json = { [String(success.status)]: ok };
  if (!keyed) {
    if (op.id === 'getReadiness') {
      responses['503'] = {
        description: 'Not ready.',
        content: { 'application/json': { schema: registry.ref(HealthSchema) } },
      };
    }
    return withErrors(op, responses);
  }
  if (op.scope === 'operator') {
    if (op.body !== undefined) responses['400'] = problem('The request is not valid.', ['invalid_request']);
    responses['401'] = problem('Not the operator key.', ['operator_key_invalid']);
    responses['404'] = problem('No such account, or the operator API is off (no POKERROOM_ADMIN_KEY).', [
      'not_found',
    ]);
    responses['500'] = { $ref: '#/components/responses/InternalError' };
    return withErrors(op, responses);
  }
  const hasBody = op.body !== undefined;
  // A user id names no stored resource: an unknown one answers empty, never 404.
  const hasPathId = /\{(roomId|storyId|keyId|webhookId)\}/.test(op.path);
  const shared = (name: string) => ({ $ref: `#/components/responses/${name}` });
  responses['400'] = shared('BadRequest');
  responses['401'] = shared('Unauthorized');
  responses['403'] = shared('Forbidden');
  if (hasPathId) {
    responses['404'] = problem(
      'No such resource for this account (another account’s is reported the same way).',
      [
        op.path.includes('{keyId}') || op.path.includes('{webhookId}')
          ? 'not_found'
          : op.path.includes('{storyId}')
            ? 'story_not_found'
            : 'room_not_found',
      ],
    );
  }
  if (op.method === 'post' || op.conflicts === true) {
    const codes: ErrorCode[] = [];
    if (op.method === 'post') codes.push('idempotency_conflict');
    if (op.conflicts === true) codes.push('room_closed');
    if (op.id === 'addStory' || op.id === 'importStories') codes.push('story_limit');
    codes.push(...(op.conflictCodes ?? []));
    responses['409'] = problem(
      'The request conflicts with the state of the room or with an earlier request.',
      codes,
    );
  }
  if (hasBody) {
    responses['413'] = shared('ContentTooLarge');
    responses['415'] = shared('UnsupportedMediaType');
  }
  responses['429'] = shared('TooManyRequests');
  responses['500'] = shared('InternalError');
  responses['503'] = shared('Unavailable');
  return withErrors(op, responses);
}

/** The codes of the shared responses, so an operation's own codes can join them under one status. */
const SHARED_CODES: Readonly<Record<string, readonly ErrorCode[]>> = {
  '400': ['invalid_request', 'invalid_deck', 'invalid_payload', 'webhook_url_invalid'],
  '401': ['api_key_missing', 'api_key_invalid', 'api_key_revoked'],
  '403': ['scope_missing', 'forbidden'],
  '500': ['internal'],
  '503': ['storage_unavailable', 'shutting_down'],
};

/** Adds an operation's own error codes ({@link Operation.errors}) to its responses, by status. */
function withErrors(op: Operation, responses: Json): Json {
  const byStatus = new Map<string, ErrorCode[]>();
  for (const code of op.errors ?? []) {
    const status = String(ERROR_CODES[code].status);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) {
    const existing = responses[status] as Json | undefined;
    const inline = existing?.content as Record<string, { examples?: Json }> | undefined;
    const known =
      existing === undefined
        ? []
        : typeof existing.$ref === 'string'
          ? (SHARED_CODES[status] ?? [])
          : (Object.keys(inline?.['application/problem+json']?.examples ?? {}) as ErrorCode[]);
    const description =
      existing === undefined || typeof existing.description !== 'string'
        ? ERROR_CODES[codes[0] as ErrorCode].message
        : existing.description;
    const headers = op.scope === null || op.scope === 'operator' ? {} : undefined;
    const response = problem(description, [...known, ...codes]);
    responses[status] = headers === undefined ? response : { ...response, headers };
  }
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

function operationOf(op: Operation, registry: ComponentRegistry): Json {
  const parameters: Json[] = [];
  for (const match of op.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ $ref: `#/components/parameters/${match[1]}` });
  }
  for (const q of op.query ?? []) {
    parameters.push({
      name: q.name,
      in: 'query',
      required: false,
      description: q.description,
      schema: q.schema,
    });
  }
  if (op.method === 'post' && op.scope !== null && op.scope !== 'operator')
    parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  const out: Json = {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description === undefined ? {} : { description: op.description }),
    ...(op.scope === null
      ? { security: [] }
      : op.scope === 'operator'
        ? { security: [{ operatorKey: [] }] }
        : { 'x-scope': op.scope }),
    ...(parameters.length === 0 ? {} : { parameters }),
  };
  if (op.body !== undefined) {
    out.requestBody = {
      // Required only when the schema has a required field: the server takes an absent body as `{}`.
      required: ((op.body as { required?: readonly string[] }).required ?? []).length > 0,
      content: { 'application/json': { schema: registry.ref(op.body) } },
    };
  }
  out.responses = responsesOf(op, registry);
  return out;
}

/** The camel-case operation id of a webhook event type: `story.estimated` → `storyEstimatedWebhook`. */
const webhookOperationId = (type: string) =>
  `${type.replace(/\.(\w)/g, (_, letter: string) => letter.toUpperCase())}Webhook`;

/**
 * The `webhooks` section: one POST per event type, with the signature headers and the body's
 * schema (a named component), so code generators can type what a receiver gets.
 */
function webhooksOf(registry: ComponentRegistry): Json {
  const header = (name: string) => ({ $ref: `#/components/parameters/${name}` });
  return Object.fromEntries(
    Object.entries(WEBHOOK_EVENTS).map(([type, event]) => [
      type,
      {
        post: {
          operationId: webhookOperationId(type),
          tags: ['Webhooks'],
          summary: event.summary,
          description: event.description,
          parameters: [header('WebhookId'), header('WebhookTimestamp'), header('WebhookSignature')],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: registry.ref(event.schema) } },
          },
          responses: {
            '2XX': { description: 'Any 2xx within 10 seconds marks the delivery delivered.' },
            default: {
              description:
                'Anything else (or no answer within 10 seconds) is retried later with the same id and body.',
            },
          },
        },
      },
    ]),
  );
}

/**
 * Builds the OpenAPI 3.1 document of the REST API from {@link OPERATIONS} and the TypeBox schemas.
 * `openapi/openapi.yaml` is this document, written by `openapi/generate.ts`; a test fails when the
 * committed file and this function disagree.
 */
export function buildOpenApiDocument(): Json {
  const registry = new ComponentRegistry();
  registry.ref(ProblemSchema);
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS as readonly Operation[]) {
    const item = paths[op.path] ?? {};
    item[op.method] = operationOf(op, registry);
    paths[op.path] = item;
  }
  const webhooks = webhooksOf(registry);
  const sortedSchemas = Object.fromEntries(
    Object.entries(registry.schemas).sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Poker Room REST API',
      version: API_VERSION,
      summary: 'Rooms, participant tokens, stories, history and usage for server-to-server integrations.',
      description:
        'Authenticate with a secret key: `Authorization: Bearer sk_test_…`. Errors are `application/problem+json` ' +
        'with a stable `code`. Every POST honours `Idempotency-Key`. See docs/rest-api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: 'https://api.pokerroom.dev',
        description: 'The hosted service; a local server (`npm start`) serves the same paths.',
      },
    ],
    security: [{ secretKey: [] }],
    tags: [
      { name: 'Rooms', description: 'Estimation rooms.' },
      { name: 'Stories', description: 'The story queue of a room.' },
      {
        name: 'Rounds',
        description: 'Rounds driven from your backend, under the same rules as a facilitator’s.',
      },
      { name: 'Tokens', description: 'Short-lived tokens for participants’ browsers.' },
      { name: 'History', description: 'Revealed rounds and their votes.' },
      { name: 'Usage', description: 'What the account used.' },
      {
        name: 'Users',
        description: 'Data protection: export or erase what is held about one of your users.',
      },
      { name: 'Keys', description: 'The account’s secret API keys.' },
      {
        name: 'Webhooks',
        description: 'Signed HTTP callbacks for room events, with retries and a delivery log.',
      },
      {
        name: 'Billing',
        description:
          'The account’s plan and metered usage, Stripe Checkout and portal, and Stripe’s webhooks.',
      },
      {
        name: 'Operator',
        description:
          'For the operator of a deployment, with `POKERROOM_ADMIN_KEY`: accounts, plans set by hand, billing runs.',
      },
      { name: 'Operations', description: 'Health, readiness, metrics and this contract.' },
    ],
    paths,
    webhooks,
    components: {
      securitySchemes: {
        secretKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'sk_test_… or sk_live_…',
          description: 'A secret API key. Keep it on your server.',
        },
        operatorKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'The deployment’s POKERROOM_ADMIN_KEY. Only the operator has it.',
        },
      },
      parameters: {
        roomId: { name: 'roomId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } },
        storyId: { name: 'storyId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } },
        keyId: { name: 'keyId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } },
        externalUserId: {
          name: 'externalUserId',
          in: 'path',
          required: true,
          description: 'The `externalUserId` you minted the person’s tokens with (percent-encoded).',
          schema: { type: 'string', minLength: 1, maxLength: 128 },
        },
        accountId: {
          name: 'accountId',
          in: 'path',
          required: true,
          schema: { type: 'string', maxLength: 64 },
        },
        webhookId: {
          name: 'webhookId',
          in: 'path',
          required: true,
          schema: { type: 'string', maxLength: 64 },
        },
        WebhookId: {
          name: 'webhook-id',
          in: 'header',
          required: true,
          description: 'The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`).',
          schema: { type: 'string' },
        },
        WebhookTimestamp: {
          name: 'webhook-timestamp',
          in: 'header',
          required: true,
          description: 'When this attempt was signed, in seconds since the epoch.',
          schema: { type: 'string', pattern: '^[0-9]+$' },
        },
        WebhookSignature: {
          name: 'webhook-signature',
          in: 'header',
          required: true,
          description:
            'Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid ' +
            'secret (two during a rotation).',
          schema: { type: 'string' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first ' +
            'answer again for 24 hours; with a different body, 409 idempotency_conflict.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
      responses: {
        BadRequest: problem('The request is not valid; `detail` names the field at fault.', [
          'invalid_request',
          'invalid_deck',
          'invalid_payload',
          'webhook_url_invalid',
        ]),
        Unauthorized: problem('No API key, or not a valid one.', [
          'api_key_missing',
          'api_key_invalid',
          'api_key_revoked',
        ]),
        Forbidden: problem('The key lacks the scope this operation needs, or the room refuses the action.', [
          'scope_missing',
          'key_mode_mismatch',
          'forbidden',
        ]),
        ContentTooLarge: problem('The body is larger than 256 KiB.', ['body_too_large']),
        UnsupportedMediaType: problem('The body is not application/json.', ['unsupported_media_type']),
        TooManyRequests: problem('Too many requests for this key.', ['rate_limited'], {
          'Retry-After': { $ref: '#/components/headers/Retry-After' },
        }),
        InternalError: problem('Something failed on our side; retry.', ['internal']),
        Unavailable: problem('Storage or the server is unavailable for a moment; retry.', [
          'storage_unavailable',
          'shutting_down',
        ]),
      },
      headers: {
        'RateLimit-Limit': { description: 'Requests the key may burst.', schema: { type: 'integer' } },
        'RateLimit-Remaining': {
          description: 'Requests left in the burst now.',
          schema: { type: 'integer' },
        },
        'RateLimit-Reset': {
          description: 'Seconds until the burst is full again.',
          schema: { type: 'integer' },
        },
        'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
      },
      schemas: sortedSchemas,
    },
  };
}
