import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectivePlan, planTable } from '../../src/billing/plans.js';
import { ConfigError, loadConfig } from '../../src/ops/config.js';
import type { BillingAccount } from '../../src/storage/billing-accounts.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 5, 12);
const plans = planTable(100);

const account = (changes: Partial<BillingAccount> = {}): BillingAccount => ({
  id: 'acct_1',
  name: 'Plans',
  createdAt: new Date(NOW - 30 * DAY),
  planOverride: null,
  stripeCustomerId: 'cus_1',
  stripeSubscriptionId: 'sub_1',
  subscriptionStatus: null,
  currentPeriodStart: null,
  currentPeriodEnd: null,
  pastDueSince: null,
  ...changes,
});

describe('the plan an account is on', () => {
  it('is free without a subscription, and payg while it is active or trialing', () => {
    expect(effectivePlan(account(), plans, 7 * DAY, NOW)).toEqual({ plan: plans.free, source: 'default' });
    for (const status of ['active', 'trialing']) {
      expect(effectivePlan(account({ subscriptionStatus: status }), plans, 7 * DAY, NOW).plan.name).toBe(
        'payg',
      );
    }
    for (const status of ['canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused']) {
      expect(effectivePlan(account({ subscriptionStatus: status }), plans, 7 * DAY, NOW)).toEqual({
        plan: plans.free,
        source: 'subscription',
      });
    }
  });

  it('keeps the paid plan through the past_due grace period, then applies the free limits', () => {
    const pastDue = (days: number) =>
      account({ subscriptionStatus: 'past_due', pastDueSince: new Date(NOW - days * DAY) });
    expect(effectivePlan(pastDue(6.9), plans, 7 * DAY, NOW).plan.name).toBe('payg');
    expect(effectivePlan(pastDue(7), plans, 7 * DAY, NOW).plan.name).toBe('free');
    expect(effectivePlan(pastDue(0), plans, 0, NOW).plan.name).toBe('free');
  });

  it('follows a plan an operator set, whatever the subscription says', () => {
    const contract = account({ planOverride: 'payg', subscriptionStatus: 'canceled' });
    expect(effectivePlan(contract, plans, 7 * DAY, NOW)).toEqual({ plan: plans.payg, source: 'override' });
    expect(
      effectivePlan(account({ planOverride: 'free', subscriptionStatus: 'active' }), plans, 0, NOW).plan.name,
    ).toBe('free');
  });

  it('caps the free plan at the configured limit and payg not at all', () => {
    expect(planTable(5).free).toEqual({ name: 'free', limit: 5, metered: false });
    expect(planTable(5).payg).toEqual({ name: 'payg', limit: null, metered: true });
  });
});

describe('billing configuration', () => {
  it.each([
    ['STRIPE_SECRET_KEY', 'pk_live_publishable', 'STRIPE_SECRET_KEY must look like sk_test_… or sk_live_…'],
    ['STRIPE_WEBHOOK_SECRET', 'secret', 'STRIPE_WEBHOOK_SECRET must look like whsec_…'],
    ['STRIPE_PRICE_ID', 'prod_123', 'STRIPE_PRICE_ID must look like price_…'],
    ['STRIPE_METER_ID', 'meter', 'STRIPE_METER_ID must look like mtr_…'],
    ['POKERROOM_ADMIN_KEY', 'short', 'POKERROOM_ADMIN_KEY must be 32 to 256 printable characters'],
    ['POKERROOM_FREE_PLAN_LIMIT', '-1', 'POKERROOM_FREE_PLAN_LIMIT must be a whole number'],
    [
      'POKERROOM_PAST_DUE_GRACE_DAYS',
      '91',
      'POKERROOM_PAST_DUE_GRACE_DAYS must be a whole number from 0 to 90',
    ],
  ])('refuses a bad %s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('defaults to an hourly window, the free limit of 100 and a week of grace', () => {
    const { billing, adminKey } = loadConfig({});
    expect(billing).toMatchObject({
      windowSeconds: 3600,
      freePlanLimit: 100,
      pastDueGraceMs: 7 * DAY,
      meterEventName: 'pokerroom_active_participants',
      stripeSecretKey: null,
    });
    expect(adminKey).toBeNull();
  });
});

describe('without Stripe configured', () => {
  const ADMIN_KEY = 'operator-key-without-stripe-0123456789ab';
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('embedded', {
      POKERROOM_ADMIN_KEY: ADMIN_KEY,
      POKERROOM_FREE_PLAN_LIMIT: '2',
    });
  }, 60_000);
  afterAll(async () => server?.destroy());

  const request = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.json(),
    };
  };

  it('starts, says so in one line, records usage and answers billing routes with billing_not_configured', async () => {
    expect(server.server.billingStatus).toBe(
      'billing: not configured (no STRIPE_SECRET_KEY, STRIPE_PRICE_ID, STRIPE_WEBHOOK_SECRET): usage is recorded, nothing is sent to Stripe',
    );
    const created = await request('POST', '/admin/v1/accounts', ADMIN_KEY, { name: 'Self-hosted' });
    const live = created.body.keys.live as string;
    const room = (await request('POST', '/v1/rooms', live, {})).body.id as string;
    for (const person of ['a', 'b']) {
      const minted = await request('POST', `/v1/rooms/${room}/tokens`, live, {
        name: person,
        externalUserId: person,
      });
      await (await ProtocolClient.connect(minted.body.wsUrl, minted.body.token)).close();
    }
    // The plan's limit holds without Stripe too.
    const third = await request('POST', `/v1/rooms/${room}/tokens`, live, { name: 'c', externalUserId: 'c' });
    expect(third).toMatchObject({
      status: 402,
      type: 'application/problem+json',
      body: { code: 'plan_limit_reached' },
    });

    for (const [method, path, body] of [
      ['GET', '/v1/billing', undefined],
      ['POST', '/v1/billing/checkout', { successUrl: 'https://a.example/', cancelUrl: 'https://a.example/' }],
      ['POST', '/v1/billing/portal', { returnUrl: 'https://a.example/' }],
      ['POST', '/v1/stripe/webhook', {}],
    ] as const) {
      const answer = await request(method, path, live, body);
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({
        path,
        status: 404,
        code: 'billing_not_configured',
      });
    }
    const shown = await request('GET', `/admin/v1/accounts/${created.body.account.id}`, ADMIN_KEY);
    expect(shown.body.billing).toMatchObject({ plan: 'free', limit: 2, activeParticipants: 2 });
    // Recorded, and kept unbilled once its window closes: nothing to send it to.
    const report = await request('POST', '/admin/v1/billing/report', ADMIN_KEY);
    expect(report.body.ran).toBe(true);
  });

  it('turns the operator API off without POKERROOM_ADMIN_KEY', async () => {
    const plain = await startTestServer('embedded');
    try {
      const response = await fetch(`${plain.url}/admin/v1/accounts`, {
        headers: { authorization: 'Bearer anything' },
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('not_found');
    } finally {
      await plain.destroy();
    }
  }, 60_000);
});
