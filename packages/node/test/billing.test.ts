import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeMock, startStripeMock } from '../../../server/test/support/stripe-mock.js';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import { PokerRoom, PokerRoomError } from '../src/index.js';

const LIVE_KEY = 'sk_live_nodeSdkBillingKey0000000000000';
let stripeMock: StripeMock;
let server: TestServer;

beforeAll(async () => {
  stripeMock = await startStripeMock();
  server = await startTestServer('embedded', {
    POKERROOM_BOOTSTRAP_KEY: LIVE_KEY,
    STRIPE_SECRET_KEY: 'sk_test_nodeSdk',
    STRIPE_API_BASE: stripeMock.url,
    STRIPE_PRICE_ID: 'price_nodeSdk',
    STRIPE_WEBHOOK_SECRET: 'whsec_nodeSdk',
  });
}, 60_000);

afterAll(async () => {
  await server?.destroy();
  await stripeMock?.stop();
});

describe('poker.billing', () => {
  it('reads the plan and usage, and opens Checkout and the portal with a live key', async () => {
    const poker = new PokerRoom({ apiKey: LIVE_KEY, baseUrl: server.url });
    expect(await poker.billing.get()).toMatchObject({ plan: 'free', limit: 100, activeParticipants: 0 });
    const checkout = await poker.billing.checkout({
      successUrl: 'https://tool.example.com/billing/done',
      cancelUrl: 'https://tool.example.com/billing',
    });
    expect(checkout.url).toMatch(/^https:\/\//);
    const portal = await poker.billing.portal({ returnUrl: 'https://tool.example.com/settings' });
    expect(portal.url).toMatch(/^https:\/\//);
  });

  it('throws a coded error for what the API refuses', async () => {
    const poker = new PokerRoom({ apiKey: LIVE_KEY, baseUrl: server.url });
    const refused = await poker.billing
      .checkout({ successUrl: 'ftp://nope', cancelUrl: 'https://tool.example.com/' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PokerRoomError);
    expect((refused as PokerRoomError).code).toBe('invalid_request');
  });
});
