import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/api/openapi-document.js';
import { type StripeMock, startStripeMock } from '../support/stripe-mock.js';
import { StripeProxy } from '../support/stripe-proxy.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { exercised, spec, specOperations } from './contract.js';
import { type ApiFixture, BILLING_ENV, createFixture } from './fixture.js';
import { authSuite } from './suites/auth.js';
import { badBodiesSuite } from './suites/bad-bodies.js';
import { billingSuite } from './suites/billing.js';
import { dataProtectionSuite } from './suites/data-protection.js';
import { historySuite } from './suites/history.js';
import { idempotencySuite } from './suites/idempotency.js';
import { modesSuite } from './suites/modes.js';
import { roomsSuite } from './suites/rooms.js';
import { roundsSuite } from './suites/rounds.js';
import { storiesSuite } from './suites/stories.js';
import { webhooksSuite } from './suites/webhooks.js';

// One server for the whole REST suite: every response is checked against openapi.yaml by the
// client, and the last test checks that every operation of the contract was exercised.
let server: TestServer;
let fixture: ApiFixture;
const get = () => fixture;

let stripeMock: StripeMock;
let stripe: Awaited<ReturnType<typeof StripeProxy.start>>;

beforeAll(async () => {
  stripeMock = await startStripeMock();
  stripe = await StripeProxy.start(stripeMock.url);
  server = await startTestServer('postgres', { ...BILLING_ENV, STRIPE_API_BASE: stripe.url });
  fixture = createFixture(server, stripe);
});

afterAll(async () => {
  await fixture?.closeAll();
  await server?.destroy();
  await stripe?.stop();
  await stripeMock?.stop();
});

describe('operations routes and the contract', () => {
  it('serves the contract at /openapi.json, identical to openapi.yaml', async () => {
    const response = await fixture.api.get('/openapi.json', { key: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(spec);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('answers health, readiness and metrics', async () => {
    expect((await fixture.api.get('/healthz', { key: null })).body).toEqual({ status: 'ok' });
    expect((await fixture.api.get('/readyz', { key: null })).body.status).toBe('ready');
    expect((await fixture.api.get('/metrics', { key: null })).status).toBe(200);
  });
});

roomsSuite(get);
storiesSuite(get);
roundsSuite(get);
authSuite(get);
idempotencySuite(get);
historySuite(get);
badBodiesSuite(get);
webhooksSuite(get);
dataProtectionSuite(get);
modesSuite(get);
billingSuite(get);

describe('coverage of the contract', () => {
  it('exercised every operation of openapi.yaml', () => {
    const missed = [...specOperations].filter(([, id]) => !exercised.has(id)).map(([route]) => route);
    expect(missed).toEqual([]);
  });
});
