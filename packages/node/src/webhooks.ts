import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PokerRoomWebhookEvent } from './webhook-events.js';

/**
 * Why a delivery was refused, with the default message of each code. React to the code: a
 * receiver answers 400 to all of them (Poker Room retries, which helps only after a clock fix or
 * a secret update).
 */
export const WEBHOOK_ERROR_CODES = {
  webhook_headers_missing:
    'missing webhook-id, webhook-timestamp or webhook-signature header: pass the request’s headers as received',
  webhook_timestamp_outside_tolerance:
    'the webhook timestamp is outside the tolerance: check this machine’s clock, or it is a replay',
  webhook_signature_mismatch:
    'no webhook signature matches the secret: check the endpoint’s secret, and pass the raw body exactly as received',
  webhook_body_invalid: 'the body is not a JSON webhook event',
} as const;

/** The code of a {@link WebhookVerificationError}. */
export type WebhookErrorCode = keyof typeof WEBHOOK_ERROR_CODES;

/**
 * Why a webhook was refused by {@link verifyWebhook} or `webhooks.verify`.
 *
 * @example
 * ```ts
 * try {
 *   webhooks.verify(rawBody, req.headers, secret);
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) console.warn(error.code);
 * }
 * ```
 */
export class WebhookVerificationError extends Error {
  /** The stable code of the refusal. */
  readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? WEBHOOK_ERROR_CODES[code], options);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }
}

/** A verified webhook delivery. */
export interface WebhookEvent<T = unknown> {
  /** The delivery id: the same on every retry of one event, so use it to drop duplicates. */
  readonly id: string;
  /** When it was signed, in seconds since the epoch. */
  readonly timestamp: number;
  /** The parsed JSON body. */
  readonly payload: T;
}

/** Headers as Node (`IncomingMessage.headers`), fetch (`Headers`) or a plain object give them. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** How a delivery is checked. */
export interface VerifyOptions {
  /** How far from now the signing time may be, in seconds; 300 by default. */
  readonly toleranceSeconds?: number;
  /** The time to check against, in milliseconds since the epoch; now by default. */
  readonly now?: number;
}

const header = (headers: WebhookHeaders, name: string): string | undefined => {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
};

const secretBytes = (secret: string) =>
  Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');

/**
 * The signature of a delivery: HMAC-SHA256 over `id.timestamp.body` with the endpoint's secret,
 * base64, prefixed with the scheme version (`v1,`).
 *
 * @example
 * ```ts
 * const signature = signWebhook('whsec_…', 'evt_1', Math.floor(Date.now() / 1000), body);
 * ```
 */
export function signWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string | Uint8Array,
): string {
  const mac = createHmac('sha256', secretBytes(secret));
  mac.update(`${id}.${timestamp}.`);
  mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

/**
 * Verifies a webhook delivery from Poker Room and returns its parsed body. Pass the raw body
 * exactly as received (not re-serialized JSON). The `webhook-signature` header may carry several
 * space-separated signatures while a secret is rotated, and `secret` may be several secrets (the
 * new and the old one while you switch over); one match is enough. Deliveries signed more than
 * `toleranceSeconds` away from now are refused, which stops replays.
 *
 * @throws {@link WebhookVerificationError} when a header is missing, the timestamp is outside the
 *   tolerance, or no signature matches.
 * @example
 * ```ts
 * app.post('/webhooks/pokerroom', express.raw({ type: 'application/json' }), (req, res) => {
 *   const event = verifyWebhook(req.body, req.headers, process.env.POKERROOM_WEBHOOK_SECRET!);
 *   console.log(event.payload);
 *   res.sendStatus(204);
 * });
 * ```
 */
export function verifyWebhook<T = unknown>(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
  options: VerifyOptions = {},
): WebhookEvent<T> {
  const id = header(headers, 'webhook-id');
  const stamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (id === undefined || stamp === undefined || signatures === undefined) {
    throw new WebhookVerificationError('webhook_headers_missing');
  }
  const timestamp = Number(stamp);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (!/^\d+$/.test(stamp) || Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError(
      'webhook_timestamp_outside_tolerance',
      `the webhook timestamp ${stamp} is outside the tolerance of ${options.toleranceSeconds ?? 300} s`,
    );
  }
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const given = signatures
    .split(' ')
    .filter((candidate) => candidate.startsWith('v1,'))
    .map((candidate) => Buffer.from(candidate.slice(3), 'base64'));
  const valid = secrets.some((key) => {
    const expected = Buffer.from(signWebhook(key, id, timestamp, rawBody).slice(3), 'base64');
    return given.some((mac) => mac.byteLength === expected.byteLength && timingSafeEqual(mac, expected));
  });
  if (!valid) throw new WebhookVerificationError('webhook_signature_mismatch');
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  try {
    return { id, timestamp, payload: JSON.parse(text) as T };
  } catch (cause) {
    throw new WebhookVerificationError('webhook_body_invalid', undefined, { cause });
  }
}

/** What `webhooks.sign` makes a delivery of. */
export interface SignOptions {
  /** The delivery id; a new `dlv_…` by default. */
  readonly id?: string;
  /** The signing time in seconds since the epoch; now by default. */
  readonly timestamp?: number;
}

/**
 * Receiving webhooks: verify a delivery into a typed event, or sign one to test a receiver.
 *
 * @example
 * ```ts
 * import { webhooks } from '@pokerroom/node';
 *
 * const event = webhooks.verify(rawBody, req.headers, [process.env.NEW_SECRET!, process.env.OLD_SECRET!]);
 * switch (event.type) {
 *   case 'story.estimated':
 *     await tracker.setEstimate(event.data.externalId, event.data.estimate);
 *     break;
 *   case 'round.finalized':
 *     break;
 * }
 * ```
 */
export const webhooks = {
  /**
   * Verifies a delivery (signature, timestamp tolerance, any of the given secrets) and returns its
   * body as a typed event. Throws {@link WebhookVerificationError} with a code when it is refused,
   * including a body that is not an event.
   */
  verify(
    rawBody: string | Uint8Array,
    headers: WebhookHeaders,
    secret: string | readonly string[],
    options: VerifyOptions = {},
  ): PokerRoomWebhookEvent {
    const { id, payload } = verifyWebhook<unknown>(rawBody, headers, secret, options);
    const body = payload as { id?: unknown; type?: unknown; data?: unknown } | null;
    if (
      typeof body !== 'object' ||
      body === null ||
      body.id !== id ||
      typeof body.type !== 'string' ||
      typeof body.data !== 'object' ||
      body.data === null
    ) {
      throw new WebhookVerificationError(
        'webhook_body_invalid',
        'the body is not a webhook event with the delivery’s id, a type and data',
      );
    }
    return body as PokerRoomWebhookEvent;
  },

  /**
   * The headers Poker Room would send with `body`, one signature per secret: for tests of a
   * receiver (replays included).
   */
  sign(
    secret: string | readonly string[],
    body: string,
    options: SignOptions = {},
  ): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
    const id = options.id ?? `dlv_${randomUUID().replaceAll('-', '')}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const secrets = typeof secret === 'string' ? [secret] : secret;
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': secrets.map((key) => signWebhook(key, id, timestamp, body)).join(' '),
    };
  },
} as const;
