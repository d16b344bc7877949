import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWebhookDelivery } from '../../../server/test/api/contract.js';
import {
  type PokerRoomWebhookEvent,
  signWebhook,
  verifyWebhook,
  WEBHOOK_ERROR_CODES,
  type WebhookEventOf,
  WebhookVerificationError,
  webhooks,
} from '../src/index.js';

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

describe('webhooks.verify', () => {
  const now = Date.now();
  const delivery = {
    id: 'dlv_0123456789abcdef0123456789abcdef',
    type: 'story.estimated',
    createdAt: new Date(now).toISOString(),
    data: {
      roomId: 'room_1',
      roundId: 'round_1',
      storyId: 'story_1',
      title: 'Checkout',
      externalId: 'acme/shop#12',
      url: null,
      estimate: '5',
      durationMs: 1200,
      stats: null,
    },
  } as const;
  const text = JSON.stringify(delivery);
  const signed = (secrets: string | string[], options = {}) =>
    webhooks.sign(secrets, text, { id: delivery.id, ...options });

  it('is given a delivery shaped as the contract’s webhooks section describes it', () => {
    expect(checkWebhookDelivery(delivery)).toEqual([]);
  });

  it('returns the typed event, narrowed by its type', () => {
    const event: PokerRoomWebhookEvent = webhooks.verify(text, signed(secret), secret, { now });
    if (event.type !== 'story.estimated') throw new Error(`got ${event.type}`);
    const data: WebhookEventOf<'story.estimated'>['data'] = event.data;
    expect(data.externalId).toBe('acme/shop#12');
    expect(event).toEqual(delivery);
  });

  it('accepts the old or the new secret during a rotation, given either side', () => {
    const old = `whsec_${Buffer.from('o'.repeat(32)).toString('base64')}`;
    const fresh = `whsec_${Buffer.from('n'.repeat(32)).toString('base64')}`;
    // Poker Room signs with both; the receiver may hold one or both.
    expect(webhooks.verify(text, signed([fresh, old]), old, { now }).id).toBe(delivery.id);
    expect(webhooks.verify(text, signed([fresh, old]), [fresh], { now }).id).toBe(delivery.id);
    // Poker Room signs with the new one only; the receiver still lists both.
    expect(webhooks.verify(text, signed(fresh), [old, fresh], { now }).id).toBe(delivery.id);
  });

  it('throws coded errors: wrong signature, stale timestamp, missing headers, a body that is no event', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof WebhookVerificationError) return error.code;
        throw error;
      }
      return 'accepted';
    };
    const other = `whsec_${Buffer.from('x'.repeat(32)).toString('base64')}`;
    expect(codeOf(() => webhooks.verify(text, signed(other), secret, { now }))).toBe(
      'webhook_signature_mismatch',
    );
    expect(codeOf(() => webhooks.verify(`${text} `, signed(secret), secret, { now }))).toBe(
      'webhook_signature_mismatch',
    );
    const stale = signed(secret, { timestamp: Math.floor(now / 1000) - 301 });
    expect(codeOf(() => webhooks.verify(text, stale, secret, { now }))).toBe(
      'webhook_timestamp_outside_tolerance',
    );
    const ahead = signed(secret, { timestamp: Math.floor(now / 1000) + 301 });
    expect(codeOf(() => webhooks.verify(text, ahead, secret, { now }))).toBe(
      'webhook_timestamp_outside_tolerance',
    );
    const edge = signed(secret, { timestamp: Math.floor(now / 1000) - 300 });
    expect(codeOf(() => webhooks.verify(text, edge, secret, { now }))).toBe('accepted');
    const rotated = `whsec_${Buffer.from('r'.repeat(32)).toString('base64')}`;
    expect(codeOf(() => webhooks.verify(text, signed([rotated, other]), [secret], { now }))).toBe(
      'webhook_signature_mismatch',
    );
    expect(codeOf(() => webhooks.verify(text, {}, secret, { now }))).toBe('webhook_headers_missing');
    const notEvent = JSON.stringify({ hello: 'world' });
    expect(codeOf(() => webhooks.verify(notEvent, webhooks.sign(secret, notEvent), secret, { now }))).toBe(
      'webhook_body_invalid',
    );
    expect(codeOf(() => webhooks.verify('{', webhooks.sign(secret, '{'), secret, { now }))).toBe(
      'webhook_body_invalid',
    );
    expect(new WebhookVerificationError('webhook_signature_mismatch').message).toBe(
      WEBHOOK_ERROR_CODES.webhook_signature_mismatch,
    );
  });

  it('refuses any header or body it was not signed for, never with anything but a coded error', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.option(fc.string(), { nil: undefined }),
          stamp: fc.option(fc.string(), { nil: undefined }),
          signature: fc.option(fc.string(), { nil: undefined }),
        }),
        fc.string(),
        ({ id, stamp, signature }, body) => {
          const headers: Record<string, string | undefined> = {
            'webhook-id': id,
            'webhook-timestamp': stamp,
            'webhook-signature': signature,
          };
          try {
            webhooks.verify(body, headers, secret, { now });
            return false;
          } catch (error) {
            return error instanceof WebhookVerificationError && error.code in WEBHOOK_ERROR_CODES;
          }
        },
      ),
    );
  });
});
