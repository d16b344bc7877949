import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a webhook was refused by {@link verifyWebhook}. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
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
 * space-separated signatures while a secret is rotated; one valid signature is enough. Deliveries
 * signed more than `toleranceSeconds` away from now are refused, which stops replays.
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
  secret: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): WebhookEvent<T> {
  const id = header(headers, 'webhook-id');
  const stamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (id === undefined || stamp === undefined || signatures === undefined) {
    throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header');
  }
  const timestamp = Number(stamp);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (!/^\d+$/.test(stamp) || Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) {
    throw new WebhookVerificationError('the webhook timestamp is outside the tolerance');
  }
  const expected = Buffer.from(signWebhook(secret, id, timestamp, rawBody).slice(3), 'base64');
  const valid = signatures.split(' ').some((candidate) => {
    if (!candidate.startsWith('v1,')) return false;
    const given = Buffer.from(candidate.slice(3), 'base64');
    return given.byteLength === expected.byteLength && timingSafeEqual(given, expected);
  });
  if (!valid) throw new WebhookVerificationError('no webhook signature matches the secret');
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  return { id, timestamp, payload: JSON.parse(text) as T };
}
