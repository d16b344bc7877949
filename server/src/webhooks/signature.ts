import { createHmac } from 'node:crypto';

/** The key bytes of a signing secret: the base64 after `whsec_`. */
const keyOf = (secret: string) =>
  Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');

/** HMAC-SHA256 over `<id>.<timestamp>.<body>`, keyed with the secret's bytes. */
function mac(secret: string, id: string, timestamp: number, body: string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest();
}

/**
 * The signature headers of one delivery attempt, one signature per secret (two while a secret is
 * rotated). The same MAC is sent in two notations: the Standard Webhooks headers
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> …`), which `verifyWebhook`
 * of `@pokerroom/node` checks, and `Poker-Room-Signature: t=<unix>,v1=<hex>[,v1=<hex>]` for
 * receivers that verify by hand.
 *
 * @example
 * ```ts
 * const headers = signatureHeaders(['whsec_…'], 'dlv_1', Math.floor(Date.now() / 1000), body);
 * ```
 */
export function signatureHeaders(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  const macs = secrets.map((secret) => mac(secret, id, timestamp, body));
  return {
    'poker-room-delivery-id': id,
    'poker-room-signature': [`t=${timestamp}`, ...macs.map((m) => `v1=${m.toString('hex')}`)].join(','),
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': macs.map((m) => `v1,${m.toString('base64')}`).join(' '),
  };
}
