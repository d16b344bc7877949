import type { webhooks } from './generated/api.js';

type BodyOf<Item> = Item extends {
  post: { requestBody: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** Every event type a webhook endpoint can receive (`story.estimated`, `round.revealed`, …, `test`). */
export type WebhookEventType = keyof webhooks;

/**
 * The body of a webhook delivery: a union keyed by `type`, generated from the `webhooks` section
 * of the OpenAPI document, so `switch (event.type)` narrows `event.data` to that event's shape.
 *
 * @example
 * ```ts
 * const event: PokerRoomWebhookEvent = webhooks.verify(rawBody, req.headers, secret);
 * if (event.type === 'story.estimated') console.log(event.data.externalId, event.data.estimate);
 * ```
 */
export type PokerRoomWebhookEvent = { [Type in WebhookEventType]: BodyOf<webhooks[Type]> }[WebhookEventType];

/**
 * The body of one event type.
 *
 * @example
 * ```ts
 * function writeBack(event: WebhookEventOf<'story.estimated'>) {
 *   return tracker.setEstimate(event.data.externalId, event.data.estimate);
 * }
 * ```
 */
export type WebhookEventOf<Type extends WebhookEventType> = Extract<PokerRoomWebhookEvent, { type: Type }>;
