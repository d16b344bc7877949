/**
 * The Poker Room server-side SDK: a typed client of the REST API for your backend (rooms,
 * participant tokens, stories, rounds, history, usage, your users' data, keys, billing) and webhook
 * verification.
 *
 * @example
 * ```ts
 * import { PokerRoom } from '@pokerroom/node';
 *
 * const poker = new PokerRoom({ apiKey: process.env.POKERROOM_SECRET_KEY! });
 * const room = await poker.rooms.create({ name: 'Sprint 12' });
 * ```
 *
 * @packageDocumentation
 * @module @pokerroom/node
 */
export {
  type ApiKey,
  type ApiKeyWithSecret,
  type Billing,
  type CreateRoomInput,
  type CreateTokenInput,
  type History,
  type ListRoomsQuery,
  type ParticipantToken,
  PokerRoom,
  type PokerRoomOptions,
  type RequestOptions,
  type Room,
  type RoomDetail,
  type Round,
  type Schemas,
  type Story,
  type StoryInput,
  type UpdateRoomInput,
  type Usage,
  type UserErasure,
  type UserExport,
} from './client.js';
export { PokerRoomError, type Problem } from './errors.js';
export { type RetryOptions, retryingFetch } from './retrying-fetch.js';
export type { PokerRoomWebhookEvent, WebhookEventOf, WebhookEventType } from './webhook-events.js';
export {
  type SignOptions,
  signWebhook,
  type VerifyOptions,
  verifyWebhook,
  WEBHOOK_ERROR_CODES,
  type WebhookErrorCode,
  type WebhookEvent,
  type WebhookHeaders,
  WebhookVerificationError,
  webhooks,
} from './webhooks.js';

import type * as Generated from './generated/api.js';

/** Every path of the REST API with its operations: what `PokerRoom.api` (openapi-fetch) is typed with. */
export type paths = Generated.paths;
/** Every operation of the REST API, by operationId, with its parameters, body and answers. */
export type operations = Generated.operations;
/** The reusable parts of the contract: schemas, parameters, responses and headers. */
export type components = Generated.components;
