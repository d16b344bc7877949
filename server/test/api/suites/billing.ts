import { randomBytes } from 'node:crypto';
import { CLOSE_CODES } from '@pokerroom/protocol';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { ProtocolClient } from '../../support/protocol-client.js';
import { ApiClient } from '../api-client.js';
import type { ApiFixture } from '../fixture.js';

const signer = new Stripe('sk_test_signingOnly');

/** An operator-made account, with a client for each of its first keys. */
interface Account {
  readonly id: string;
  readonly test: ApiClient;
  readonly live: ApiClient;
}

function operator(fixture: ApiFixture, key: string | null = fixture.billing.POKERROOM_ADMIN_KEY) {
  return new ApiClient(fixture.server.url, key ?? 'sk_test_unused000000000000000000');
}

async function newAccount(fixture: ApiFixture, name = 'Billing customer'): Promise<Account> {
  const created = await operator(fixture).post('/admin/v1/accounts', { name });
  expect(created.status).toBe(201);
  return {
    id: created.body.account.id,
    test: new ApiClient(fixture.server.url, created.body.keys.test),
    live: new ApiClient(fixture.server.url, created.body.keys.live),
  };
}

/** Delivers a Stripe event to the server, signed as Stripe signs it (or with another secret). */
async function deliver(
  fixture: ApiFixture,
  type: string,
  object: Record<string, unknown>,
  options: { id?: string; secret?: string; signature?: string | null } = {},
) {
  const payload = JSON.stringify({
    id: options.id ?? `evt_${randomBytes(8).toString('hex')}`,
    object: 'event',
    type,
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  });
  const signature =
    options.signature === undefined
      ? signer.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? fixture.billing.STRIPE_WEBHOOK_SECRET,
        })
      : options.signature;
  return fixture.api.post('/v1/stripe/webhook', payload, {
    key: null,
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'stripe-signature': signature }),
    },
  });
}

/** Mints a token in a live room and joins with it; resolves with the join's outcome. */
async function joinAs(account: Account, roomId: string, externalUserId: string) {
  const minted = await account.live.post(`/v1/rooms/${roomId}/tokens`, {
    name: externalUserId,
    externalUserId,
  });
  if (minted.status !== 201) return { minted };
  const client = await ProtocolClient.connect(minted.body.wsUrl, minted.body.token);
  await client.close();
  return { minted };
}

async function billingOf(account: Account) {
  const response = await account.live.get('/v1/billing');
  expect(response.status).toBe(200);
  return response.body;
}

/** Subscribes an account as Stripe would after a paid checkout: the customer, then the webhook. */
async function subscribe(fixture: ApiFixture, account: Account, status = 'active') {
  const checkout = await account.live.post('/v1/billing/checkout', {
    successUrl: 'https://tool.example.com/billing/done',
    cancelUrl: 'https://tool.example.com/billing',
  });
  expect(checkout.status).toBe(201);
  const customer = (
    await fixture.sql<{ stripeCustomerId: string }[]>`
    select stripe_customer_id from accounts where id = ${account.id}`
  )[0]?.stripeCustomerId;
  if (customer === undefined) throw new Error('checkout made no customer');
  const subscription = `sub_${randomBytes(6).toString('hex')}`;
  fixture.stripe.subscriptions.set(subscription, { status, customer, metadata: { accountId: account.id } });
  const delivered = await deliver(fixture, 'checkout.session.completed', {
    id: `cs_${randomBytes(6).toString('hex')}`,
    object: 'checkout.session',
    client_reference_id: account.id,
    customer,
    subscription,
    metadata: { accountId: account.id },
  });
  expect(delivered.body).toEqual({ received: true, outcome: 'processed' });
  return { customer, subscription };
}

const subscriptionObject = (id: string, customer: string, status: string) => ({
  id,
  object: 'subscription',
  customer,
  status,
  metadata: {},
  items: { object: 'list', data: [] },
});

/** The sum of a Prometheus metric's samples whose labels include all of `labels`. */
async function metric(fixture: ApiFixture, name: string, labels: Record<string, string>): Promise<number> {
  const text = (await fetch(`${fixture.server.url}/metrics`).then((response) => response.text())) as string;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const [series = '', value = '0'] = line.split(/\s+/);
    if (Object.entries(labels).every(([label, wanted]) => series.includes(`${label}="${wanted}"`)))
      sum += Number(value);
  }
  return sum;
}

export function billingSuite(get: () => ApiFixture): void {
  describe('billing: plans, checkout and Stripe webhooks', () => {
    it('shows a new account on the free plan with no usage', async () => {
      const account = await newAccount(get());
      const billing = await billingOf(account);
      expect(billing).toMatchObject({
        plan: 'free',
        planSource: 'default',
        limit: 3,
        subscription: null,
        activeParticipants: 0,
        usage: { reported: 0, pending: 0, unbilled: 0, failed: 0, open: 0 },
        discrepancies: [],
      });
      expect(new Date(billing.period.start).getUTCDate()).toBe(1);
      // Billing is the account's: a test key reads the same.
      expect((await account.test.get('/v1/billing')).body.plan).toBe('free');
    });

    it('refuses checkout and the portal with a test key (test mode is free) and bad return URLs', async () => {
      const account = await newAccount(get());
      const urls = { successUrl: 'https://a.example/ok', cancelUrl: 'https://a.example/back' };
      const test = await account.test.post('/v1/billing/checkout', urls);
      expect(test.body).toMatchObject({ status: 403, code: 'live_key_required' });
      const portal = await account.test.post('/v1/billing/portal', { returnUrl: 'https://a.example/' });
      expect(portal.body.code).toBe('live_key_required');
      const bad = await account.live.post('/v1/billing/checkout', {
        ...urls,
        successUrl: 'javascript:alert(1)',
      });
      expect(bad.body).toMatchObject({ status: 400, code: 'invalid_request' });
      expect(bad.body.detail).toContain('successUrl');
    });

    it('makes one Stripe customer however many checkouts run at once, and opens the portal for it', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      const before = fixture.stripe.to('POST', '/v1/customers').length;
      const urls = { successUrl: 'https://a.example/ok', cancelUrl: 'https://a.example/back' };
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => account.live.post('/v1/billing/checkout', urls)),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(201);
        expect(answer.body.url).toMatch(/^https:\/\//);
      }
      const creations = fixture.stripe.to('POST', '/v1/customers').slice(before);
      expect(creations).toHaveLength(1);
      expect(creations[0]?.form.get('metadata[accountId]')).toBe(account.id);
      const sessions = fixture.stripe
        .to('POST', '/v1/checkout/sessions')
        .filter((request) => request.form.get('client_reference_id') === account.id);
      expect(sessions).toHaveLength(10);
      expect(new Set(sessions.map((request) => request.form.get('customer'))).size).toBe(1);
      expect(sessions[0]?.form.get('mode')).toBe('subscription');
      expect(sessions[0]?.form.get('line_items[0][price]')).toBe(fixture.billing.STRIPE_PRICE_ID);
      const portal = await account.live.post('/v1/billing/portal', {
        returnUrl: 'https://a.example/settings',
      });
      expect(portal.status).toBe(201);
      expect(fixture.stripe.to('POST', '/v1/billing_portal/sessions').at(-1)?.form.get('customer')).toBe(
        sessions[0]?.form.get('customer'),
      );
    });

    it('answers 502 billing_provider_unavailable, retryable, when Stripe fails a checkout', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      fixture.stripe.inject((request) =>
        request.path === '/v1/customers' && request.form.get('metadata[accountId]') === account.id
          ? { kind: 'answer', status: 500 }
          : null,
      );
      try {
        const answer = await account.live.post('/v1/billing/checkout', {
          successUrl: 'https://a.example/ok',
          cancelUrl: 'https://a.example/back',
        });
        expect(answer.body).toMatchObject({
          status: 502,
          code: 'billing_provider_unavailable',
          retryable: true,
        });
      } finally {
        fixture.stripe.heal();
      }
      expect((await get().sql`select stripe_customer_id from accounts where id = ${account.id}`)[0]).toEqual({
        stripeCustomerId: null,
      });
    });

    it('refuses webhooks without a valid signature with 400, changing nothing', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      const object = { client_reference_id: account.id, customer: 'cus_forged', subscription: 'sub_forged' };
      for (const options of [{ secret: 'whsec_notOurs' }, { signature: null }, { signature: 't=1,v1=00' }]) {
        const refused = await deliver(fixture, 'checkout.session.completed', object, options);
        expect(refused.body).toMatchObject({ status: 400, code: 'webhook_signature_invalid' });
      }
      const billing = await billingOf(account);
      expect(billing).toMatchObject({ plan: 'free', subscription: null });
    });

    it('caps a free account at its limit, lifts the cap on checkout, and brings it back when the subscription ends', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      const room = (await account.live.post('/v1/rooms', { name: 'Capped' })).body.id as string;
      for (const person of ['ann', 'bob', 'cy'])
        expect((await joinAs(account, room, person)).minted.status).toBe(201);
      expect((await billingOf(account)).activeParticipants).toBe(3);

      const refused = await account.live.post(`/v1/rooms/${room}/tokens`, {
        name: 'Dee',
        externalUserId: 'dee',
      });
      expect(refused.body).toMatchObject({ status: 402, code: 'plan_limit_reached' });
      expect(refused.body.detail).toContain('3 monthly active participants');
      expect(refused.body.detail).toContain('/v1/billing/checkout');
      // People already counted this month keep joining, on any device.
      expect((await joinAs(account, room, 'ann')).minted.status).toBe(201);
      // Test mode is free and uncapped.
      const testRoom = (await account.test.post('/v1/rooms', {})).body.id as string;
      for (const person of ['t1', 't2', 't3', 't4']) {
        const minted = await account.test.post(`/v1/rooms/${testRoom}/tokens`, {
          name: person,
          externalUserId: person,
        });
        expect(minted.status).toBe(201);
      }

      const { customer, subscription } = await subscribe(fixture, account);
      expect(await billingOf(account)).toMatchObject({
        plan: 'payg',
        planSource: 'subscription',
        limit: null,
        subscription: { id: subscription, status: 'active' },
      });
      expect((await joinAs(account, room, 'dee')).minted.status).toBe(201);
      expect((await billingOf(account)).activeParticipants).toBe(4);

      fixture.stripe.subscriptions.set(subscription, { status: 'canceled', customer });
      const ended = await deliver(
        fixture,
        'customer.subscription.deleted',
        subscriptionObject(subscription, customer, 'canceled'),
      );
      expect(ended.body.outcome).toBe('processed');
      expect(await billingOf(account)).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
      const again = await account.live.post(`/v1/rooms/${room}/tokens`, {
        name: 'Eve',
        externalUserId: 'eve',
      });
      expect(again.body.code).toBe('plan_limit_reached');
    });

    it('refuses a join past the cap with a plan_limit_reached error frame, even with a token minted before', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      const room = (await account.live.post('/v1/rooms', {})).body.id as string;
      const early = await account.live.post(`/v1/rooms/${room}/tokens`, {
        name: 'Late',
        externalUserId: 'late',
      });
      expect(early.status).toBe(201);
      for (const person of ['a', 'b', 'c']) await joinAs(account, room, person);
      const client = await ProtocolClient.connect(early.body.wsUrl, early.body.token, {
        awaitWelcome: false,
      });
      const refusal = await client.waitFor((message) => message.t === 'error');
      expect(refusal.d).toMatchObject({ code: 'plan_limit_reached', retryable: false });
      expect(await client.closed()).toBe(CLOSE_CODES.forbidden);
      expect((await billingOf(account)).activeParticipants).toBe(3);
    });

    it('processes each event id once: a replay answers 200 and changes nothing', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      const { customer, subscription } = await subscribe(fixture, account);
      fixture.stripe.subscriptions.set(subscription, { status: 'past_due', customer });
      const id = `evt_${randomBytes(8).toString('hex')}`;
      const invoice = {
        object: 'invoice',
        customer,
        parent: { type: 'subscription_details', subscription_details: { subscription } },
      };
      expect((await deliver(fixture, 'invoice.payment_failed', invoice, { id })).body.outcome).toBe(
        'processed',
      );
      const pastDue = await billingOf(account);
      // past_due keeps the paid plan through the grace period.
      expect(pastDue).toMatchObject({ plan: 'payg', subscription: { status: 'past_due' } });
      expect(pastDue.subscription.pastDueSince).not.toBeNull();

      fixture.stripe.subscriptions.set(subscription, { status: 'canceled', customer });
      const replay = await deliver(fixture, 'invoice.payment_failed', invoice, { id });
      expect(replay.body).toEqual({ received: true, outcome: 'replayed' });
      expect((await billingOf(account)).subscription.status).toBe('past_due');

      fixture.stripe.subscriptions.set(subscription, { status: 'active', customer });
      expect((await deliver(fixture, 'invoice.paid', invoice)).body.outcome).toBe('processed');
      expect(await billingOf(account)).toMatchObject({
        plan: 'payg',
        subscription: { status: 'active', pastDueSince: null },
      });
    });

    it('ends on the plan Stripe holds now whatever order events arrive in: deleted before updated', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      const { customer, subscription } = await subscribe(fixture, account);
      fixture.stripe.subscriptions.set(subscription, { status: 'canceled', customer });
      const deleted = await deliver(
        fixture,
        'customer.subscription.deleted',
        subscriptionObject(subscription, customer, 'canceled'),
      );
      const updated = await deliver(
        fixture,
        'customer.subscription.updated',
        subscriptionObject(subscription, customer, 'active'),
      );
      expect([deleted.body.outcome, updated.body.outcome]).toEqual(['processed', 'processed']);
      expect(await billingOf(account)).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
    });

    it('needs the billing scope on every billing route', async () => {
      const fixture = get();
      const roomsOnly = (await fixture.newAccount(['rooms'])).api;
      for (const response of [
        await roomsOnly.get('/v1/billing'),
        await roomsOnly.post('/v1/billing/checkout', {
          successUrl: 'https://a.example/ok',
          cancelUrl: 'https://a.example/back',
        }),
        await roomsOnly.post('/v1/billing/portal', { returnUrl: 'https://a.example/' }),
      ]) {
        expect(response.body).toMatchObject({
          status: 403,
          code: 'scope_missing',
          detail: expect.stringContaining('"billing"'),
        });
      }
      const billingOnly = (await fixture.newAccount(['billing'])).api;
      expect((await billingOnly.get('/v1/billing')).body.plan).toBe('free');
    });

    it('counts Stripe webhook events by type and outcome in /metrics', async () => {
      const fixture = get();
      const name = 'pokerroom_stripe_webhook_events_total';
      const refused = { type: 'unknown', outcome: 'refused' };
      const ignored = { type: 'charge.refunded', outcome: 'ignored' };
      const replayed = { type: 'charge.refunded', outcome: 'replayed' };
      const before = await Promise.all([refused, ignored, replayed].map((l) => metric(fixture, name, l)));
      const id = `evt_${randomBytes(8).toString('hex')}`;
      await deliver(fixture, 'charge.refunded', { object: 'charge' }, { signature: null });
      expect((await deliver(fixture, 'charge.refunded', { object: 'charge' }, { id })).body.outcome).toBe(
        'ignored',
      );
      expect((await deliver(fixture, 'charge.refunded', { object: 'charge' }, { id })).body.outcome).toBe(
        'replayed',
      );
      const after = await Promise.all([refused, ignored, replayed].map((l) => metric(fixture, name, l)));
      expect(after.map((value, i) => value - (before[i] ?? 0))).toEqual([1, 1, 1]);
    });

    it('answers 502 and stores nothing when Stripe cannot be read, so Stripe’s redelivery applies it', async () => {
      const fixture = get();
      const account = await newAccount(fixture);
      const { customer, subscription } = await subscribe(fixture, account);
      fixture.stripe.subscriptions.set(subscription, { status: 'canceled', customer });
      const id = `evt_${randomBytes(8).toString('hex')}`;
      const event = subscriptionObject(subscription, customer, 'canceled');
      // Stripe cannot be read: the subscription as Stripe holds it is unknown.
      fixture.stripe.inject((request) =>
        request.method === 'GET' && request.path === `/v1/subscriptions/${subscription}`
          ? { kind: 'answer', status: 503 }
          : null,
      );
      try {
        const failed = await deliver(fixture, 'customer.subscription.deleted', event, { id });
        expect(failed.body).toMatchObject({
          status: 502,
          code: 'billing_provider_unavailable',
          retryable: true,
        });
      } finally {
        fixture.stripe.heal();
      }
      expect(await billingOf(account)).toMatchObject({ plan: 'payg', subscription: { status: 'active' } });
      const redelivered = await deliver(fixture, 'customer.subscription.deleted', event, { id });
      expect(redelivered.body.outcome).toBe('processed');
      expect(await billingOf(account)).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
    });

    it('ignores events of unknown accounts and types, recording them so a replay is known', async () => {
      const fixture = get();
      const id = `evt_${randomBytes(8).toString('hex')}`;
      const unknown = await deliver(
        fixture,
        'customer.subscription.updated',
        subscriptionObject('sub_nobody', 'cus_nobody', 'active'),
        { id },
      );
      expect(unknown.body.outcome).toBe('ignored');
      expect((await deliver(fixture, 'customer.subscription.updated', {}, { id })).body.outcome).toBe(
        'replayed',
      );
      expect((await deliver(fixture, 'charge.refunded', { object: 'charge' })).body.outcome).toBe('ignored');
    });
  });

  describe('operator API', () => {
    it('refuses requests without the operator key, in constant time, with 401', async () => {
      const fixture = get();
      for (const key of [
        null,
        'sk_live_notTheOperatorKey0000000000',
        `${fixture.billing.POKERROOM_ADMIN_KEY}x`,
      ]) {
        const client = new ApiClient(fixture.server.url, key ?? '');
        const response = await client.get('/admin/v1/accounts', key === null ? { key: null } : {});
        expect(response.body).toMatchObject({ status: 401, code: 'operator_key_invalid' });
      }
      // An API key is no operator key.
      expect((await fixture.api.get('/admin/v1/accounts', { key: fixture.server.key })).body.code).toBe(
        'operator_key_invalid',
      );
    });

    it('creates accounts whose keys work in their own mode, lists, reads and sets a plan by hand', async () => {
      const fixture = get();
      const account = await newAccount(fixture, 'Contract customer');
      expect((await account.test.get('/v1/keys')).body.data[0].mode).toBe('test');
      expect((await account.live.get('/v1/keys')).body.data[0].mode).toBe('live');
      const read = await operator(fixture).get(`/admin/v1/accounts/${account.id}`);
      expect(read.body).toMatchObject({
        id: account.id,
        name: 'Contract customer',
        billing: { plan: 'free' },
      });
      const set = await operator(fixture).put(`/admin/v1/accounts/${account.id}/plan`, { plan: 'payg' });
      expect(set.body.billing).toMatchObject({ plan: 'payg', planSource: 'override', limit: null });
      const cleared = await operator(fixture).put(`/admin/v1/accounts/${account.id}/plan`, { plan: null });
      expect(cleared.body.billing).toMatchObject({ plan: 'free', planSource: 'default' });
      expect((await operator(fixture).get('/admin/v1/accounts/acct_missing')).body.code).toBe('not_found');

      const first = await operator(fixture).get('/admin/v1/accounts?limit=1');
      expect(first.body.data).toHaveLength(1);
      const next = await operator(fixture).get(`/admin/v1/accounts?limit=1&cursor=${first.body.nextCursor}`);
      expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
    });

    it('reconciles a plan with the subscription Stripe holds: a plan_mismatch, shown, and the plan follows Stripe', async () => {
      const fixture = get();
      const account = await newAccount(fixture, 'Missed webhook');
      const { customer, subscription } = await subscribe(fixture, account);
      const found = 'pokerroom_billing_discrepancies_found_total';
      const before = await metric(fixture, found, { kind: 'plan_mismatch' });
      // Stripe cancels the subscription, and its webhook never arrives.
      fixture.stripe.subscriptions.set(subscription, { status: 'canceled', customer });
      const run = await operator(fixture).post('/admin/v1/billing/reconcile', {});
      expect(run.body.ran).toBe(true);
      const mismatch = {
        kind: 'plan_mismatch',
        subject: subscription,
        expected: 'active',
        actual: 'canceled',
      };
      const billing = await billingOf(account);
      expect(billing).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
      expect(billing.discrepancies).toEqual([expect.objectContaining(mismatch)]);
      const shown = await operator(fixture).get(`/admin/v1/accounts/${account.id}`);
      expect(shown.body.billing.discrepancies).toEqual([expect.objectContaining(mismatch)]);
      expect(await metric(fixture, found, { kind: 'plan_mismatch' })).toBe(before + 1);
      expect(await metric(fixture, 'pokerroom_billing_discrepancies_open', {})).toBeGreaterThanOrEqual(1);

      // The next run finds both sides equal and resolves it.
      expect((await operator(fixture).post('/admin/v1/billing/reconcile', {})).body.ran).toBe(true);
      expect((await billingOf(account)).discrepancies).toEqual([]);
    });

    it('runs the usage report and reconciliation on demand', async () => {
      const fixture = get();
      const report = await operator(fixture).post('/admin/v1/billing/report', {});
      expect(report.status).toBe(200);
      expect(report.body.ran).toBe(true);
      const reconcile = await operator(fixture).post('/admin/v1/billing/reconcile', {});
      expect(reconcile.status).toBe(200);
      expect(reconcile.body.ran).toBe(true);
    });
  });
}
