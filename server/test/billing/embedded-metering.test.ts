import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolClient } from '../support/protocol-client.js';
import { type StripeMock, startStripeMock } from '../support/stripe-mock.js';
import { StripeProxy } from '../support/stripe-proxy.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ADMIN_KEY = 'operator-key-of-the-embedded-metering-test';
let stripeMock: StripeMock;
let proxy: Awaited<ReturnType<typeof StripeProxy.start>>;
let server: TestServer;

beforeAll(async () => {
  stripeMock = await startStripeMock();
  proxy = await StripeProxy.start(stripeMock.url);
  server = await startTestServer('embedded', {
    STRIPE_SECRET_KEY: 'sk_test_embeddedMetering',
    STRIPE_API_BASE: proxy.url,
    STRIPE_PRICE_ID: 'price_embeddedMetering',
    STRIPE_WEBHOOK_SECRET: 'whsec_embeddedMetering',
    POKERROOM_ADMIN_KEY: ADMIN_KEY,
    POKERROOM_METER_WINDOW_SECONDS: '1',
    // Runs only when the test asks (POST /admin/v1/billing/report).
    POKERROOM_METER_INTERVAL_MS: '3600000',
  });
}, 60_000);

afterAll(async () => {
  await server?.destroy();
  await proxy?.stop();
  await stripeMock?.stop();
});

async function call(method: string, path: string, key: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the answers it checks freely
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('metering on embedded storage (one database connection)', () => {
  it('closes windows and sends them to Stripe: deciding billing never waits for a second connection (regression)', async () => {
    const created = await call('POST', '/admin/v1/accounts', ADMIN_KEY, { name: 'Embedded' });
    const accountId = created.body.account.id as string;
    const live = created.body.keys.live as string;
    const checkout = await call('POST', '/v1/billing/checkout', live, {
      successUrl: 'https://tool.example.com/ok',
      cancelUrl: 'https://tool.example.com/back',
    });
    expect(checkout.status).toBe(201);
    await call('PUT', `/admin/v1/accounts/${accountId}/plan`, ADMIN_KEY, { plan: 'payg' });
    const room = (await call('POST', '/v1/rooms', live, {})).body.id as string;
    for (const person of ['ann', 'bob']) {
      const minted = await call('POST', `/v1/rooms/${room}/tokens`, live, {
        name: person,
        externalUserId: person,
      });
      await (await ProtocolClient.connect(minted.body.wsUrl, minted.body.token)).close();
    }
    // The joins' one-second window ends; then a report closes it and sends it.
    const deadline = Date.now() + 20_000;
    let billing = { usage: { reported: 0 } };
    while (Date.now() < deadline) {
      const report = await call('POST', '/admin/v1/billing/report', ADMIN_KEY);
      expect(report.status).toBe(200);
      billing = (await call('GET', `/admin/v1/accounts/${accountId}`, ADMIN_KEY)).body.billing;
      if (billing.usage.reported === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(billing.usage).toEqual({ reported: 2, pending: 0, unbilled: 0, failed: 0, open: 0 });
    const sent = proxy.to('POST', '/v1/billing/meter_events');
    expect(sent.reduce((sum, request) => sum + Number(request.form.get('payload[value]')), 0)).toBe(2);
  });
});
