import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError } from '../src/index.js';

const secret = `whsec_${Buffer.from('a'.repeat(32)).toString('base64')}`;
const body = JSON.stringify({ type: 'round.revealed', data: { roomId: 'room_1' } });

function headersFor(signature: string, timestamp: number, id = 'evt_1') {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

describe('verifyWebhook', () => {
  const now = Math.floor(Date.now() / 1000);

  it('accepts a delivery signed with the secret and returns its payload', () => {
    const event = verifyWebhook(body, headersFor(signWebhook(secret, 'evt_1', now, body), now), secret);
    expect(event).toMatchObject({ id: 'evt_1', timestamp: now, payload: { type: 'round.revealed' } });
  });

  it('accepts bytes and fetch Headers', () => {
    const headers = new Headers(headersFor(signWebhook(secret, 'evt_1', now, body), now));
    expect(verifyWebhook(new TextEncoder().encode(body), headers, secret).id).toBe('evt_1');
  });

  it('accepts any one of several signatures, as during a secret rotation', () => {
    const old = `whsec_${Buffer.from('b'.repeat(32)).toString('base64')}`;
    const both = `${signWebhook(old, 'evt_1', now, body)} ${signWebhook(secret, 'evt_1', now, body)}`;
    expect(verifyWebhook(body, headersFor(both, now), secret).id).toBe('evt_1');
    expect(verifyWebhook(body, headersFor(both, now), old).id).toBe('evt_1');
  });

  it('refuses a changed body, another id, a wrong secret and missing headers', () => {
    const signature = signWebhook(secret, 'evt_1', now, body);
    expect(() => verifyWebhook(`${body} `, headersFor(signature, now), secret)).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifyWebhook(body, headersFor(signature, now, 'evt_2'), secret)).toThrow(
      /no webhook signature/,
    );
    expect(() =>
      verifyWebhook(
        body,
        headersFor(signature, now),
        `whsec_${Buffer.from('c'.repeat(32)).toString('base64')}`,
      ),
    ).toThrow();
    expect(() => verifyWebhook(body, {}, secret)).toThrow(/missing/);
  });

  it('refuses a delivery signed outside the tolerance', () => {
    const old = now - 301;
    expect(() =>
      verifyWebhook(body, headersFor(signWebhook(secret, 'evt_1', old, body), old), secret),
    ).toThrow(/tolerance/);
    expect(
      verifyWebhook(body, headersFor(signWebhook(secret, 'evt_1', old, body), old), secret, {
        toleranceSeconds: 600,
      }).id,
    ).toBe('evt_1');
  });
});
