/**
 * The event types an endpoint can subscribe to.
 *
 * @example
 * ```ts
 * const wanted: WebhookEventType[] = ['round.revealed', 'room.closed'];
 * ```
 */
export const WEBHOOK_EVENT_TYPES = [
  'round.revealed',
  'story.estimated',
  'round.finalized',
  'room.closed',
  'participant.joined',
] as const;

/** One event type of a webhook endpoint. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
