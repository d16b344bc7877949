import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type Sql } from '../../src/storage/database.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { type StripeMock, startStripeMock } from '../support/stripe-mock.js';
import { type Fault, StripeProxy } from '../support/stripe-proxy.js';
import { createTestDatabase } from '../support/test-server.js';

// Exactly-once metering, end to end: two server processes on one PostgreSQL report to
// stripe-mock through a recording proxy that injects faults, and the test checks what reached
// Stripe against who joined.

const ADMIN_KEY = 'operator-key-of-the-metering-test-0123456789';
const WEBHOOK_SECRET = 'whsec_meteringTest';
const signer = new Stripe('sk_test_signingOnly');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let stripeMock: StripeMock;
let proxy: Awaited<ReturnType<typeof StripeProxy.start>>;
let sql: Sql;
const nodes: ServerProcess[] = [];

const env = () => ({
  DATABASE_URL: database.url,
  POKERROOM_BOOTSTRAP_KEY: 'sk_test_meteringBootstrapKey000000000000',
  STRIPE_SECRET_KEY: 'sk_test_metering',
  STRIPE_API_BASE: proxy.url,
  STRIPE_PRICE_ID: 'price_metering',
  STRIPE_METER_ID: 'mtr_metering',
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  POKERROOM_ADMIN_KEY: ADMIN_KEY,
  // One-second windows, reported every 100 ms: hours of metering in seconds of test.
  POKERROOM_METER_WINDOW_SECONDS: '1',
  POKERROOM_METER_INTERVAL_MS: '100',
  // Long enough for a loaded machine's stripe-mock; the injected hang costs one such wait.
  POKERROOM_STRIPE_TIMEOUT_MS: '4000',
  POKERROOM_PAST_DUE_GRACE_DAYS: '7',
  LOG_LEVEL: 'error',
});

async function startNode(): Promise<ServerProcess> {
  const node = await startServerProcess(env());
  nodes.push(node);
  return node;
}

async function call(node: ServerProcess, method: string, path: string, key: string, body?: unknown) {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the answers it checks freely
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Polls a condition until it holds: the state the test waits for, with a bound. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const found = await probe().catch((error: unknown) => {
      last = error;
      return undefined;
    });
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${String(last ?? '')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  stripeMock = await startStripeMock();
  proxy = await StripeProxy.start(stripeMock.url);
  sql = connectPostgres(database.url, { max: 2 });
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
  await sql?.end();
  await proxy?.stop();
  await stripeMock?.stop();
  await database?.drop();
});

describe('usage reaches Stripe exactly once', () => {
  it('sends every (account, window) once, and the windows sum to the people who joined, across faults, a kill, a restart and two nodes', async () => {
    let a = await startNode();
    let b = await startNode();
    const created = await call(a, 'POST', '/admin/v1/accounts', ADMIN_KEY, { name: 'Metered' });
    const accountId = created.body.account.id as string;
    const live = created.body.keys.live as string;

    // Subscribe as Stripe would: a checkout makes the customer, its webhook the subscription.
    const checkout = await call(a, 'POST', '/v1/billing/checkout', live, {
      successUrl: 'https://tool.example.com/ok',
      cancelUrl: 'https://tool.example.com/back',
    });
    expect(checkout.status).toBe(201);
    const [{ customer } = { customer: '' }] = await sql<{ customer: string }[]>`
      select stripe_customer_id as customer from accounts where id = ${accountId}`;
    const subscription = `sub_${randomBytes(6).toString('hex')}`;
    proxy.subscriptions.set(subscription, { status: 'active', customer });
    const payload = JSON.stringify({
      id: `evt_${randomBytes(6).toString('hex')}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: { object: 'checkout.session', client_reference_id: accountId, customer, subscription },
      },
    });
    const webhook = await fetch(`${a.url}/v1/stripe/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
      },
      body: payload,
    });
    expect(webhook.status).toBe(200);

    const room = (await call(a, 'POST', '/v1/rooms', live, { name: 'Metered room' })).body.id as string;
    let people = 0;
    const join = async (node: ServerProcess, count: number) => {
      for (let i = 0; i < count; i++) {
        const person = `person-${people++}`;
        const minted = await call(node, 'POST', `/v1/rooms/${room}/tokens`, live, {
          name: person,
          externalUserId: person,
        });
        expect(minted.status).toBe(201);
        const client = await ProtocolClient.connect(minted.body.wsUrl, minted.body.token);
        await client.close();
      }
    };
    const reported = (node: () => ServerProcess, expected: number, failed = 0) =>
      until(`${expected} reported`, async () => {
        const billing = (await call(node(), 'GET', `/admin/v1/accounts/${accountId}`, ADMIN_KEY)).body
          .billing;
        const u = billing.usage;
        return u.reported === expected && u.failed === failed && u.pending === 0 && u.open === 0
          ? billing
          : undefined;
      });
    const meterRequests = () =>
      proxy
        .to('POST', '/v1/billing/meter_events')
        .filter((request) => request.form.get('payload[stripe_customer_id]') === customer);
    let injected = 0;
    const failNext = (count: number, fault: Fault) => {
      let left = count;
      proxy.inject((request) => {
        if (request.path !== '/v1/billing/meter_events' || left === 0) return null;
        left--;
        injected++;
        return fault;
      });
    };

    // Stripe answers 500, then 200.
    failNext(2, { kind: 'answer', status: 500 });
    await join(a, 3);
    await join(b, 2);
    await reported(() => a, 5);
    proxy.heal();

    // A timeout after Stripe accepted: the retry carries the same identifier.
    failNext(1, { kind: 'accept-then-hang' });
    await join(b, 3);
    await reported(() => a, 8);
    proxy.heal();

    // SIGKILL between send and mark, then a restart: the window is sent again, same identifier.
    await b.stop('SIGTERM');
    let held: () => void = () => {};
    const sending = new Promise<void>((resolve) => (held = resolve));
    failNext(1, { kind: 'accept-then-hold', onHeld: () => held() });
    await join(a, 2);
    await sending;
    expect(await a.stop('SIGKILL')).toBe('SIGKILL');
    proxy.heal();
    a = await startNode();
    await reported(() => a, 10);

    // Two nodes reporting at once.
    b = await startNode();
    await Promise.all([join(a, 2), join(b, 2)]);
    await reported(() => b, 14);

    // A refusal retrying cannot change: a discrepancy, and reconciliation sends it again.
    failNext(1, { kind: 'answer', status: 400 });
    await join(a, 1);
    const refused = await reported(() => a, 14, 1);
    expect(refused.discrepancies).toEqual([
      expect.objectContaining({ kind: 'meter_event_refused', expected: '1' }),
    ]);
    proxy.heal();
    const reconciled = await call(a, 'POST', '/admin/v1/billing/reconcile', ADMIN_KEY);
    expect(reconciled.body).toMatchObject({ ran: true, requeued: 1 });
    await reported(() => a, 15, 0);

    // What Stripe holds: one accepted event per window, summing to the people who joined.
    const windows = await sql<{ identifier: string; value: number; start: Date; status: string }[]>`
      select identifier, value, window_start as start, status from usage_windows where account_id = ${accountId}`;
    expect(windows.every((window) => window.status === 'sent')).toBe(true);
    expect(windows.reduce((sum, window) => sum + window.value, 0)).toBe(people);
    const accepted = [...proxy.acceptedMeterEvents].filter(([, event]) => event.customer === customer);
    expect(new Map(accepted.map(([id, event]) => [id, event.value]))).toEqual(
      new Map(windows.map((window) => [window.identifier, window.value])),
    );
    for (const window of windows) {
      const sends = meterRequests().filter((request) => request.form.get('identifier') === window.identifier);
      // Every send of a window carries the same value, with a timestamp inside the window.
      expect(new Set(sends.map((request) => request.form.get('payload[value]')))).toEqual(
        new Set([String(window.value)]),
      );
      const at = Number(sends[0]?.form.get('timestamp')) * 1000;
      expect(at).toBeGreaterThanOrEqual(window.start.getTime());
      expect(at).toBeLessThan(window.start.getTime() + 1000);
    }
    // No window was sent twice except where a fault made a retry necessary.
    expect(meterRequests()).toHaveLength(windows.length + injected);

    // Reconciliation finds Stripe's daily summaries equal to ours; a lost event is a discrepancy.
    expect((await call(a, 'POST', '/admin/v1/billing/reconcile', ADMIN_KEY)).body.discrepancies).toBe(0);
    const [lost] = accepted;
    if (lost === undefined) throw new Error('nothing was accepted');
    proxy.acceptedMeterEvents.delete(lost[0]);
    expect((await call(a, 'POST', '/admin/v1/billing/reconcile', ADMIN_KEY)).body.discrepancies).toBe(1);
    const billing = (await call(a, 'GET', '/v1/billing', live)).body;
    // One UTC day's figures (a run across midnight spreads the windows over two days).
    expect(billing.discrepancies).toHaveLength(1);
    const [mismatch] = billing.discrepancies;
    expect(mismatch.kind).toBe('usage_mismatch');
    expect(Number(mismatch.expected) - Number(mismatch.actual)).toBe(lost[1].value);
    expect(billing.activeParticipants).toBe(people);

    // The metrics of the two nodes running now (both started after the kill): the refusal and its
    // discrepancy, the windows they sent, an empty outbox, and the open usage mismatch on each node.
    const scrape = async (name: string, labels: Record<string, string> = {}) => {
      let sum = 0;
      for (const node of [a, b]) {
        const text = await fetch(`${node.url}/metrics`).then((response) => response.text());
        for (const line of text.split('\n')) {
          if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
          const [series = '', value = '0'] = line.split(/\s+/);
          if (Object.entries(labels).every(([key, wanted]) => series.includes(`${key}="${wanted}"`)))
            sum += Number(value);
        }
      }
      return sum;
    };
    const meterEvents = 'pokerroom_billing_meter_events_total';
    expect(await scrape(meterEvents, { outcome: 'failed' })).toBe(1);
    expect(await scrape(meterEvents, { outcome: 'sent' })).toBeGreaterThanOrEqual(3);
    const found = 'pokerroom_billing_discrepancies_found_total';
    expect(await scrape(found, { kind: 'meter_event_refused' })).toBe(1);
    expect(await scrape(found, { kind: 'usage_mismatch' })).toBe(1);
    await until('every node to show an empty outbox and the one open discrepancy', async () =>
      (await scrape('pokerroom_billing_outbox_lag_seconds')) === 0 &&
      (await scrape('pokerroom_billing_discrepancies_open')) === 2
        ? true
        : undefined,
    );
  }, 180_000);
});
