import { LIMITS } from '@pokerroom/protocol';
import { Type } from '@sinclair/typebox';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/event-types.js';
import { MAX_ROTATION_GRACE_SECONDS } from './request-schemas.js';

const Strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: LIMITS.idLength });

/** The longest endpoint URL. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

const Url = Type.String({
  minLength: 1,
  maxLength: MAX_WEBHOOK_URL_LENGTH,
  description: 'Where deliveries are POSTed: https:// (http://localhost too, with a test key).',
});
const EventTypes = Type.Array(Type.Union(WEBHOOK_EVENT_TYPES.map((type) => Type.Literal(type))), {
  minItems: 1,
  uniqueItems: true,
  description: 'The events this endpoint receives.',
});
const Description = Type.String({ maxLength: 500 });

/** `POST /v1/webhooks`. */
export const CreateWebhookBody = Type.Object(
  { url: Url, eventTypes: EventTypes, description: Type.Optional(Description) },
  { ...Strict, $id: 'CreateWebhookRequest' },
);

/** `PATCH /v1/webhooks/{webhookId}`: only the given fields change. */
export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    eventTypes: Type.Optional(EventTypes),
    description: Type.Optional(Type.Union([Description, Type.Null()])),
    enabled: Type.Optional(
      Type.Boolean({
        description:
          '`true` turns a disabled endpoint back on (its pending deliveries are sent); `false` pauses it.',
      }),
    ),
  },
  { ...Strict, $id: 'UpdateWebhookRequest' },
);

/** `POST /v1/webhooks/{webhookId}/rotate`. */
export const RotateWebhookSecretBody = Type.Object(
  {
    gracePeriodSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_ROTATION_GRACE_SECONDS,
        default: 86_400,
        description: 'How long the old secret keeps signing deliveries, beside the new one.',
      }),
    ),
  },
  { ...Strict, $id: 'RotateWebhookSecretRequest' },
);

const EndpointFields = {
  id: Id,
  url: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  eventTypes: EventTypes,
  enabled: Type.Boolean(),
  disabledReason: Type.Union([Type.String(), Type.Null()], {
    description: 'Why deliveries stopped: after a long failure streak, or through the API.',
  }),
  disabledAt: Type.Union([DateTime, Type.Null()]),
  previousSecretExpiresAt: Type.Union([DateTime, Type.Null()], {
    description: 'During a rotation: until when the previous secret signs deliveries too.',
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
};

/** A webhook endpoint, without its secret. */
export const WebhookEndpointSchema = Type.Object(EndpointFields, { ...Strict, $id: 'WebhookEndpoint' });

/** A webhook endpoint with its signing secret: shown when it is created or rotated, never again. */
export const WebhookEndpointWithSecretSchema = Type.Object(
  {
    ...EndpointFields,
    secret: Type.String({
      pattern: '^whsec_',
      description: 'The signing secret (`whsec_…`). Store it now: it is never shown again.',
    }),
  },
  { ...Strict, $id: 'WebhookEndpointWithSecret' },
);

/** The account's endpoints. */
export const WebhookEndpointListSchema = Type.Object(
  { data: Type.Array(WebhookEndpointSchema) },
  { ...Strict, $id: 'WebhookEndpointList' },
);

/** One delivery of the log. */
export const WebhookDeliverySchema = Type.Object(
  {
    id: Type.String({ description: 'The delivery id: the same on every attempt (`webhook-id` header).' }),
    type: Type.String({ description: 'The event type, or `test`.' }),
    status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], {
      description: '`failed`: every attempt failed, no more will be made.',
    }),
    attempts: Type.Integer({ minimum: 0 }),
    lastResponseStatus: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The HTTP status of the last attempt; `null` if the endpoint did not answer.',
    }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    lastAttemptAt: Type.Union([DateTime, Type.Null()]),
    nextAttemptAt: Type.Union([DateTime, Type.Null()], {
      description: 'When the next attempt is due; `null` once delivered or failed.',
    }),
    deliveredAt: Type.Union([DateTime, Type.Null()]),
    createdAt: DateTime,
  },
  { ...Strict, $id: 'WebhookDelivery' },
);

/** A page of deliveries, newest first. */
export const WebhookDeliveryListSchema = Type.Object(
  {
    data: Type.Array(WebhookDeliverySchema),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; `null` on the last page.',
    }),
  },
  { ...Strict, $id: 'WebhookDeliveryList' },
);
