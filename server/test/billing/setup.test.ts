import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICE_LOOKUP_KEY, setUpStripeBilling } from '../../src/billing/setup.js';
import { createStripe } from '../../src/billing/stripe-client.js';
import { loadConfig } from '../../src/ops/config.js';
import { type StripeMock, startStripeMock } from '../support/stripe-mock.js';
import { StripeProxy } from '../support/stripe-proxy.js';

let stripeMock: StripeMock;
let proxy: Awaited<ReturnType<typeof StripeProxy.start>>;

beforeAll(async () => {
  stripeMock = await startStripeMock();
  proxy = await StripeProxy.start(stripeMock.url);
}, 30_000);

afterAll(async () => {
  await proxy?.stop();
  await stripeMock?.stop();
});

describe('npm run billing:setup', () => {
  it('creates the meter, product and metered price, then finds them on the next run', async () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_setup', STRIPE_API_BASE: proxy.url });
    const stripe = createStripe(config.billing);
    if (stripe === null) throw new Error('no Stripe client');
    const options = { meterEventName: config.billing.meterEventName, currency: 'usd', unitAmount: 150 };

    const first = await setUpStripeBilling(stripe, options);
    expect(first.created).toEqual(['meter', 'product', 'price']);
    const [meter] = proxy.to('POST', '/v1/billing/meters');
    expect(Object.fromEntries(meter?.form ?? [])).toMatchObject({
      event_name: 'pokerroom_active_participants',
      'default_aggregation[formula]': 'sum',
      'customer_mapping[event_payload_key]': 'stripe_customer_id',
      'value_settings[event_payload_key]': 'value',
    });
    const [price] = proxy.to('POST', '/v1/prices');
    expect(Object.fromEntries(price?.form ?? [])).toMatchObject({
      currency: 'usd',
      unit_amount: '150',
      'recurring[interval]': 'month',
      'recurring[usage_type]': 'metered',
      'recurring[meter]': first.meterId,
      lookup_key: PRICE_LOOKUP_KEY,
    });
    expect(price?.idempotencyKey).toBeDefined();

    // Stripe now lists what the first run made (stripe-mock keeps nothing, the proxy adds it).
    proxy.rewrites.push((request, body) => {
      if (request.path === '/v1/billing/meters' && request.method === 'GET') {
        body.data = [{ id: first.meterId, object: 'billing.meter', event_name: options.meterEventName }];
      }
      if (request.path === '/v1/prices' && request.method === 'GET') {
        body.data = [
          { id: first.priceId, object: 'price', lookup_key: PRICE_LOOKUP_KEY, product: first.productId },
        ];
      }
    });
    const before = proxy.requests.filter((request) => request.method === 'POST').length;
    const second = await setUpStripeBilling(stripe, options);
    expect(second).toEqual({
      meterId: first.meterId,
      productId: first.productId,
      priceId: first.priceId,
      created: [],
    });
    expect(proxy.requests.filter((request) => request.method === 'POST').length).toBe(before);
  });
});
