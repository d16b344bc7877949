import { type ErrorCode, RoundSchema, StoryInputSchema, StorySchema } from '@pokerroom/protocol';
import type { TSchema } from '@sinclair/typebox';
import type { ApiKeyScope } from '../storage/accounts.js';
import {
  AccountListSchema,
  AccountSchema,
  BillingRunSchema,
  BillingSchema,
  CheckoutBody,
  CreateAccountBody,
  NewAccountSchema,
  PortalBody,
  RedirectSchema,
  SetPlanBody,
  WebhookReceiptSchema,
} from './billing-schemas.js';
import { UserErasureSchema, UserExportSchema } from './gdpr-schemas.js';
import {
  CreateKeyBody,
  CreateRoomBody,
  CreateTokenBody,
  ImportStoriesBody,
  ReorderStoriesBody,
  RotateKeyBody,
  UpdateRoomBody,
  UpdateStoryBody,
} from './request-schemas.js';
import {
  ApiKeyListSchema,
  ApiKeySchema,
  ApiKeyWithSecretSchema,
  HealthSchema,
  HistorySchema,
  RoomDetailSchema,
  RoomListSchema,
  RoomSchema,
  StoryListSchema,
  TokenSchema,
  UsageSchema,
} from './response-schemas.js';
import { FinalizeRoundBody, StartRoundBody } from './round-schemas.js';
import {
  CreateWebhookBody,
  RotateWebhookSecretBody,
  UpdateWebhookBody,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
} from './webhook-schemas.js';

/** A query parameter of an operation. */
export interface QueryParameter {
  readonly name: string;
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** A success response of an operation: JSON with a schema, CSV, plain text, or no body. */
export type SuccessResponse =
  | { readonly description: string; readonly schema: TSchema }
  | { readonly description: string; readonly csv: true; readonly schema: TSchema }
  | { readonly description: string; readonly text: string }
  | { readonly description: string; readonly empty: true };

/**
 * One operation of the HTTP API: the single description that both the router and the OpenAPI
 * document are built from, so the contract cannot list a route the server lacks, or the reverse.
 */
export interface Operation {
  readonly id: string;
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path in OpenAPI form, e.g. `/v1/rooms/{roomId}`. */
  readonly path: string;
  readonly tag:
    | 'Rooms'
    | 'Stories'
    | 'Rounds'
    | 'Tokens'
    | 'History'
    | 'Usage'
    | 'Users'
    | 'Keys'
    | 'Webhooks'
    | 'Billing'
    | 'Operator'
    | 'Operations';
  readonly summary: string;
  readonly description?: string;
  /**
   * The scope the API key needs; `operator` for the operator API (`POKERROOM_ADMIN_KEY`); `null`
   * for public routes.
   */
  readonly scope: ApiKeyScope | 'operator' | null;
  readonly body?: TSchema;
  readonly query?: readonly QueryParameter[];
  readonly success: { readonly status: number } & SuccessResponse;
  /** Refusals specific to this operation (auth, validation and rate limits are added for every operation). */
  readonly conflicts?: boolean;
  /** Further error codes this operation can answer with, beyond those every operation has. */
  readonly errors?: readonly ErrorCode[];
  /** Conflict codes of the domain this operation can answer besides `room_closed` (409). */
  readonly conflictCodes?: readonly ErrorCode[];
}

const roomScope = 'rooms' as const;

/** Every operation of the HTTP API, in documentation order. */
export const OPERATIONS = [
  {
    id: 'createRoom',
    method: 'post',
    path: '/v1/rooms',
    tag: 'Rooms',
    summary: 'Create a room',
    description: 'Everything is optional: a room gets the modified Fibonacci deck and the default settings.',
    scope: roomScope,
    body: CreateRoomBody,
    success: { status: 201, description: 'The new room.', schema: RoomSchema },
  },
  {
    id: 'listRooms',
    method: 'get',
    path: '/v1/rooms',
    tag: 'Rooms',
    summary: 'List rooms',
    description: 'Newest first, a page at a time. Pages stay stable while rooms are created.',
    scope: roomScope,
    query: [
      {
        name: 'limit',
        description: 'Rooms per page.',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      { name: 'cursor', description: 'The `nextCursor` of the previous page.', schema: { type: 'string' } },
      {
        name: 'closed',
        description: 'Only closed (`true`) or open (`false`) rooms.',
        schema: { type: 'boolean' },
      },
    ],
    success: { status: 200, description: 'A page of rooms.', schema: RoomListSchema },
  },
  {
    id: 'getRoom',
    method: 'get',
    path: '/v1/rooms/{roomId}',
    tag: 'Rooms',
    summary: 'Get a room with its live state',
    scope: roomScope,
    success: { status: 200, description: 'The room.', schema: RoomDetailSchema },
  },
  {
    id: 'updateRoom',
    method: 'patch',
    path: '/v1/rooms/{roomId}',
    tag: 'Rooms',
    summary: 'Change a room’s name, deck or settings',
    description:
      'Connected participants see the change at once. A new deck during voting starts the round over.',
    scope: roomScope,
    body: UpdateRoomBody,
    conflicts: true,
    success: { status: 200, description: 'The room after the change.', schema: RoomSchema },
  },
  {
    id: 'closeRoom',
    method: 'delete',
    path: '/v1/rooms/{roomId}',
    tag: 'Rooms',
    summary: 'Close a room',
    description:
      'Connected participants are disconnected (close code 4002). Closing a closed room changes nothing.',
    scope: roomScope,
    success: { status: 200, description: 'The closed room.', schema: RoomSchema },
  },
  {
    id: 'addStory',
    method: 'post',
    path: '/v1/rooms/{roomId}/stories',
    tag: 'Stories',
    summary: 'Add a story to the end of the queue',
    scope: roomScope,
    body: StoryInputSchema,
    conflicts: true,
    success: { status: 201, description: 'The new story.', schema: StorySchema },
  },
  {
    id: 'importStories',
    method: 'post',
    path: '/v1/rooms/{roomId}/stories/import',
    tag: 'Stories',
    summary: 'Add many stories at once',
    description: 'All or nothing: if the queue cannot take them all, none is added (409 story_limit).',
    scope: roomScope,
    body: ImportStoriesBody,
    conflicts: true,
    success: { status: 201, description: 'The new stories, in order.', schema: StoryListSchema },
  },
  {
    id: 'reorderStories',
    method: 'post',
    path: '/v1/rooms/{roomId}/stories/reorder',
    tag: 'Stories',
    summary: 'Put the queue in a new order',
    scope: roomScope,
    body: ReorderStoriesBody,
    conflicts: true,
    success: { status: 200, description: 'The queue in its new order.', schema: StoryListSchema },
  },
  {
    id: 'updateStory',
    method: 'patch',
    path: '/v1/rooms/{roomId}/stories/{storyId}',
    tag: 'Stories',
    summary: 'Edit a story',
    scope: roomScope,
    body: UpdateStoryBody,
    conflicts: true,
    success: { status: 200, description: 'The story after the change.', schema: StorySchema },
  },
  {
    id: 'removeStory',
    method: 'delete',
    path: '/v1/rooms/{roomId}/stories/{storyId}',
    tag: 'Stories',
    summary: 'Remove a story from the queue',
    scope: roomScope,
    conflicts: true,
    success: { status: 204, description: 'Removed.', empty: true },
  },
  {
    id: 'startRound',
    method: 'post',
    path: '/v1/rooms/{roomId}/rounds',
    tag: 'Rounds',
    summary: 'Start a round, on a story or on none',
    description:
      'Like a facilitator’s `round.start`: the current round, if any, ends (its story goes back to the queue ' +
      'unless estimated) and a new one opens for votes. Connected participants see it at once.',
    scope: roomScope,
    body: StartRoundBody,
    conflicts: true,
    success: { status: 201, description: 'The new round.', schema: RoundSchema },
  },
  {
    id: 'revealRound',
    method: 'post',
    path: '/v1/rooms/{roomId}/rounds/current/reveal',
    tag: 'Rounds',
    summary: 'Reveal the votes of the current round',
    description: 'Shows every vote and the statistics to the room, and sends the `round.revealed` webhook.',
    scope: roomScope,
    conflicts: true,
    conflictCodes: ['no_active_round', 'round_already_revealed'],
    success: { status: 200, description: 'The revealed round.', schema: RoundSchema },
  },
  {
    id: 'resetRound',
    method: 'post',
    path: '/v1/rooms/{roomId}/rounds/current/reset',
    tag: 'Rounds',
    summary: 'Vote again',
    description: 'Clears the votes for a re-vote on the same story: the round starts over under a new id.',
    scope: roomScope,
    conflicts: true,
    conflictCodes: ['no_active_round'],
    success: { status: 200, description: 'The round, open for votes again.', schema: RoundSchema },
  },
  {
    id: 'finalizeRound',
    method: 'post',
    path: '/v1/rooms/{roomId}/rounds/current/finalize',
    tag: 'Rounds',
    summary: 'Close the revealed round with an estimate',
    description:
      'The estimate becomes the story’s (`story.estimated` webhook); every finalized round sends `round.finalized`.',
    scope: roomScope,
    body: FinalizeRoundBody,
    conflicts: true,
    conflictCodes: ['no_active_round', 'round_not_revealed'],
    success: { status: 200, description: 'The finalized round.', schema: RoundSchema },
  },
  {
    id: 'createToken',
    method: 'post',
    path: '/v1/rooms/{roomId}/tokens',
    tag: 'Tokens',
    summary: 'Mint a participant token',
    description:
      'Short-lived (60 s to 24 h, 1 h by default). Hand it to the browser; never hand out the API key.',
    scope: 'tokens',
    body: CreateTokenBody,
    conflicts: true,
    errors: ['plan_limit_reached'],
    success: { status: 201, description: 'The token.', schema: TokenSchema },
  },
  {
    id: 'getHistory',
    method: 'get',
    path: '/v1/rooms/{roomId}/history',
    tag: 'History',
    summary: 'Read a room’s revealed rounds',
    description:
      'JSON by default. With `Accept: text/csv`, one row per vote, streamed: any size of history in flat memory.',
    scope: 'history',
    success: {
      status: 200,
      description: 'The revealed rounds, oldest first.',
      schema: HistorySchema,
      csv: true,
    },
  },
  {
    id: 'getUsage',
    method: 'get',
    path: '/v1/usage',
    tag: 'Usage',
    summary: 'Count what the account used in a period',
    scope: 'usage',
    query: [
      {
        name: 'from',
        description: 'Start (inclusive); the start of this month by default.',
        schema: { type: 'string', format: 'date-time' },
      },
      {
        name: 'to',
        description: 'End (exclusive); now by default.',
        schema: { type: 'string', format: 'date-time' },
      },
    ],
    success: { status: 200, description: 'The counts.', schema: UsageSchema },
  },
  {
    id: 'exportUser',
    method: 'get',
    path: '/v1/users/{externalUserId}/export',
    tag: 'Users',
    summary: 'Export what is held about one of your users',
    description:
      'Data protection (access, portability): every participant record with this `externalUserId` in the ' +
      'account’s rooms and every vote they cast in a revealed round, newest first. Another account’s users ' +
      'are never included: an unknown id answers empty lists.',
    scope: 'history',
    success: { status: 200, description: 'The person’s records.', schema: UserExportSchema },
  },
  {
    id: 'deleteUser',
    method: 'delete',
    path: '/v1/users/{externalUserId}',
    tag: 'Users',
    summary: 'Erase one of your users',
    description:
      'Data protection (erasure): in every room of the account the person becomes “Deleted user” without ' +
      'external id or avatar, in the rooms, their event logs, history and webhook deliveries. In open rooms ' +
      'they are renamed and removed through the room, so connected participants see it. Votes stay, ' +
      'anonymous, so statistics don’t change. Idempotent: a second call answers zero counts.',
    scope: roomScope,
    success: { status: 200, description: 'What was erased.', schema: UserErasureSchema },
  },
  {
    id: 'createKey',
    method: 'post',
    path: '/v1/keys',
    tag: 'Keys',
    summary: 'Create an API key',
    scope: 'keys',
    body: CreateKeyBody,
    success: {
      status: 201,
      description: 'The key with its secret, shown this once.',
      schema: ApiKeyWithSecretSchema,
    },
  },
  {
    id: 'listKeys',
    method: 'get',
    path: '/v1/keys',
    tag: 'Keys',
    summary: 'List the account’s API keys',
    scope: 'keys',
    success: {
      status: 200,
      description: 'Every key, oldest first, with the last four characters only.',
      schema: ApiKeyListSchema,
    },
  },
  {
    id: 'revokeKey',
    method: 'delete',
    path: '/v1/keys/{keyId}',
    tag: 'Keys',
    summary: 'Revoke an API key',
    description: 'Takes effect at once: the key is refused with 401 api_key_revoked from now on.',
    scope: 'keys',
    success: { status: 200, description: 'The revoked key.', schema: ApiKeySchema },
  },
  {
    id: 'rotateKey',
    method: 'post',
    path: '/v1/keys/{keyId}/rotate',
    tag: 'Keys',
    summary: 'Rotate an API key',
    description: 'Makes a new key with the same scopes; the old one keeps working for the grace period.',
    scope: 'keys',
    body: RotateKeyBody,
    success: { status: 201, description: 'The new key with its secret.', schema: ApiKeyWithSecretSchema },
  },
  {
    id: 'createWebhook',
    method: 'post',
    path: '/v1/webhooks',
    tag: 'Webhooks',
    summary: 'Create a webhook endpoint',
    description:
      'Deliveries are signed with the secret returned here, once. Live keys need a public https:// URL; ' +
      'test keys may also use http://localhost.',
    scope: 'webhooks',
    body: CreateWebhookBody,
    success: {
      status: 201,
      description: 'The endpoint with its signing secret, shown this once.',
      schema: WebhookEndpointWithSecretSchema,
    },
  },
  {
    id: 'listWebhooks',
    method: 'get',
    path: '/v1/webhooks',
    tag: 'Webhooks',
    summary: 'List the account’s webhook endpoints',
    scope: 'webhooks',
    success: { status: 200, description: 'Every endpoint, oldest first.', schema: WebhookEndpointListSchema },
  },
  {
    id: 'getWebhook',
    method: 'get',
    path: '/v1/webhooks/{webhookId}',
    tag: 'Webhooks',
    summary: 'Get a webhook endpoint',
    description: 'A disabled endpoint says why in `disabledReason`.',
    scope: 'webhooks',
    success: { status: 200, description: 'The endpoint.', schema: WebhookEndpointSchema },
  },
  {
    id: 'updateWebhook',
    method: 'patch',
    path: '/v1/webhooks/{webhookId}',
    tag: 'Webhooks',
    summary: 'Change a webhook endpoint, or turn it on or off',
    scope: 'webhooks',
    body: UpdateWebhookBody,
    success: { status: 200, description: 'The endpoint after the change.', schema: WebhookEndpointSchema },
  },
  {
    id: 'deleteWebhook',
    method: 'delete',
    path: '/v1/webhooks/{webhookId}',
    tag: 'Webhooks',
    summary: 'Delete a webhook endpoint',
    description: 'Its pending deliveries are dropped with it.',
    scope: 'webhooks',
    success: { status: 204, description: 'Deleted.', empty: true },
  },
  {
    id: 'rotateWebhookSecret',
    method: 'post',
    path: '/v1/webhooks/{webhookId}/rotate',
    tag: 'Webhooks',
    summary: 'Rotate a webhook endpoint’s signing secret',
    description:
      'Deliveries carry a signature with each secret during the grace period, so the receiver can switch over.',
    scope: 'webhooks',
    body: RotateWebhookSecretBody,
    success: {
      status: 200,
      description: 'The endpoint with its new secret, shown this once.',
      schema: WebhookEndpointWithSecretSchema,
    },
  },
  {
    id: 'listWebhookDeliveries',
    method: 'get',
    path: '/v1/webhooks/{webhookId}/deliveries',
    tag: 'Webhooks',
    summary: 'Read an endpoint’s delivery log',
    description: 'Newest first, a page at a time: status, attempts, the last answer and the next attempt.',
    scope: 'webhooks',
    query: [
      {
        name: 'limit',
        description: 'Deliveries per page.',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      { name: 'cursor', description: 'The `nextCursor` of the previous page.', schema: { type: 'string' } },
    ],
    success: { status: 200, description: 'A page of deliveries.', schema: WebhookDeliveryListSchema },
  },
  {
    id: 'sendTestWebhook',
    method: 'post',
    path: '/v1/webhooks/{webhookId}/test',
    tag: 'Webhooks',
    summary: 'Send a test event',
    description:
      'Enqueues a `test` event for this endpoint, delivered and retried like any other (even while the ' +
      'endpoint is disabled, so it can be checked before turning it back on).',
    scope: 'webhooks',
    success: { status: 202, description: 'The enqueued delivery.', schema: WebhookDeliverySchema },
  },
  {
    id: 'getBilling',
    method: 'get',
    path: '/v1/billing',
    tag: 'Billing',
    summary: 'Read the account’s plan, subscription and metered usage',
    description:
      'Monthly active participants in live mode this month, how many reached Stripe and how many wait, ' +
      'and any discrepancy reconciliation found. Works with a test or a live key: billing is per account.',
    scope: 'billing',
    errors: ['billing_not_configured'],
    success: { status: 200, description: 'The account’s billing.', schema: BillingSchema },
  },
  {
    id: 'createCheckout',
    method: 'post',
    path: '/v1/billing/checkout',
    tag: 'Billing',
    summary: 'Start a Stripe Checkout for the metered plan',
    description:
      'Redirect the account owner to `url`. The subscription takes effect when Stripe confirms it (webhook). ' +
      'Needs a live key: test mode is free.',
    scope: 'billing',
    body: CheckoutBody,
    errors: ['billing_not_configured', 'live_key_required', 'billing_provider_unavailable'],
    success: { status: 201, description: 'The Checkout Session to redirect to.', schema: RedirectSchema },
  },
  {
    id: 'createPortal',
    method: 'post',
    path: '/v1/billing/portal',
    tag: 'Billing',
    summary: 'Open the Stripe Billing Portal',
    description: 'Where the account owner changes payment details or cancels. Needs a live key.',
    scope: 'billing',
    body: PortalBody,
    errors: ['billing_not_configured', 'live_key_required', 'billing_provider_unavailable'],
    success: { status: 201, description: 'The portal session to redirect to.', schema: RedirectSchema },
  },
  {
    id: 'receiveStripeWebhook',
    method: 'post',
    path: '/v1/stripe/webhook',
    tag: 'Billing',
    summary: 'Stripe’s webhook endpoint',
    description:
      'For Stripe only: the raw body is verified against `Stripe-Signature` with `STRIPE_WEBHOOK_SECRET`. ' +
      'Each event id is applied once; 200 only after the change is stored. When the change cannot be ' +
      'made (Stripe cannot be read, or storage fails) nothing is stored and the answer is 502 or 500, so ' +
      'Stripe delivers the event again.',
    scope: null,
    errors: [
      'webhook_signature_invalid',
      'billing_not_configured',
      'billing_provider_unavailable',
      'internal',
    ],
    success: { status: 200, description: 'Received.', schema: WebhookReceiptSchema },
  },
  {
    id: 'createAccount',
    method: 'post',
    path: '/admin/v1/accounts',
    tag: 'Operator',
    summary: 'Create an account with its first test and live keys',
    description: 'The keys are shown this once.',
    scope: 'operator',
    body: CreateAccountBody,
    success: { status: 201, description: 'The account and its keys.', schema: NewAccountSchema },
  },
  {
    id: 'listAccounts',
    method: 'get',
    path: '/admin/v1/accounts',
    tag: 'Operator',
    summary: 'List accounts with their plan and usage',
    scope: 'operator',
    query: [
      {
        name: 'limit',
        description: 'Accounts per page.',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      { name: 'cursor', description: 'The `nextCursor` of the previous page.', schema: { type: 'string' } },
    ],
    success: { status: 200, description: 'A page of accounts, oldest first.', schema: AccountListSchema },
  },
  {
    id: 'getAccount',
    method: 'get',
    path: '/admin/v1/accounts/{accountId}',
    tag: 'Operator',
    summary: 'Read an account: plan, subscription, this month’s usage, open discrepancies',
    scope: 'operator',
    success: { status: 200, description: 'The account.', schema: AccountSchema },
  },
  {
    id: 'setAccountPlan',
    method: 'put',
    path: '/admin/v1/accounts/{accountId}/plan',
    tag: 'Operator',
    summary: 'Set an account’s plan by hand (a negotiated contract), or back to its subscription',
    scope: 'operator',
    body: SetPlanBody,
    success: { status: 200, description: 'The account.', schema: AccountSchema },
  },
  {
    id: 'runReconciliation',
    method: 'post',
    path: '/admin/v1/billing/reconcile',
    tag: 'Operator',
    summary: 'Reconcile usage and plans with Stripe now',
    scope: 'operator',
    success: { status: 200, description: 'What the run found.', schema: BillingRunSchema },
  },
  {
    id: 'runUsageReport',
    method: 'post',
    path: '/admin/v1/billing/report',
    tag: 'Operator',
    summary: 'Close ended usage windows and send what is due to Stripe now',
    scope: 'operator',
    success: { status: 200, description: 'What the run did.', schema: BillingRunSchema },
  },
  {
    id: 'getOpenApi',
    method: 'get',
    path: '/openapi.json',
    tag: 'Operations',
    summary: 'This contract, as JSON',
    scope: null,
    success: { status: 200, description: 'The OpenAPI 3.1 document.', text: 'application/json' },
  },
  {
    id: 'getHealth',
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Liveness: the process answers',
    scope: null,
    success: { status: 200, description: 'Alive.', schema: HealthSchema },
  },
  {
    id: 'getReadiness',
    method: 'get',
    path: '/readyz',
    tag: 'Operations',
    summary: 'Readiness: storage answers, and the bus between nodes is up',
    description:
      '503 while draining, when storage is down, or when Redis is down on a multi-node deployment.',
    scope: null,
    success: { status: 200, description: 'Ready.', schema: HealthSchema },
  },
  {
    id: 'getMetrics',
    method: 'get',
    path: '/metrics',
    tag: 'Operations',
    summary: 'Prometheus metrics',
    scope: null,
    success: { status: 200, description: 'Metrics in the Prometheus text format.', text: 'text/plain' },
  },
] as const satisfies readonly Operation[];

/** The id of an operation. */
export type OperationId = (typeof OPERATIONS)[number]['id'];
/** The id of an operation that needs an API key: these are served by the REST router. */
export type KeyedOperationId = Extract<(typeof OPERATIONS)[number], { scope: ApiKeyScope }>['id'];
