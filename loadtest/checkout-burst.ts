/**
 * `npm run loadtest:checkout`: the blueprint's checkout burst. Starts stripe-mock behind the tests'
 * recording proxy and a server process (embedded storage; `LOADTEST_STORAGE=postgres` for a database
 * made for the run), makes one live account through the operator API, then sends
 * `LOADTEST_CHECKOUTS` (50) `POST /v1/billing/checkout` at once and reports the latencies, the
 * errors and how many Stripe customers were created: the targets are no error and one customer.
 * Exits 1 when a target is missed. Loopback only, every wait bounded.
 */
import { performance } from 'node:perf_hooks';
import { type ServerProcess, startServerProcess } from '../server/test/support/server-process.js';
import { startStripeMock } from '../server/test/support/stripe-mock.js';
import { StripeProxy } from '../server/test/support/stripe-proxy.js';
import { createTestDatabase } from '../server/test/support/test-server.js';

const CHECKOUTS = Number(process.env.LOADTEST_CHECKOUTS ?? '50');
const ADMIN_KEY = 'operator-key-of-the-checkout-burst-0123456789';

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const stripeMock = await startStripeMock();
  const proxy = await StripeProxy.start(stripeMock.url);
  const database = process.env.LOADTEST_STORAGE === 'postgres' ? await createTestDatabase() : null;
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess({
      ...(database === null ? {} : { DATABASE_URL: database.url }),
      POKERROOM_DATA_DIR: `/tmp/pokerroom-checkout-burst-${process.pid}`,
      POKERROOM_BOOTSTRAP_KEY: 'sk_test_checkoutBurstBootstrap00000000',
      STRIPE_SECRET_KEY: 'sk_test_checkoutBurst',
      STRIPE_API_BASE: proxy.url,
      STRIPE_PRICE_ID: 'price_checkoutBurst',
      STRIPE_WEBHOOK_SECRET: 'whsec_checkoutBurst',
      POKERROOM_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: 'error',
    });
    const created = await fetch(`${server.url}/admin/v1/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Checkout burst' }),
    }).then((response) => response.json() as Promise<{ keys: { live: string } }>);
    const url = server.url;
    const burstStart = performance.now();
    const answers = await Promise.all(
      Array.from({ length: CHECKOUTS }, async () => {
        const start = performance.now();
        const response = await fetch(`${url}/v1/billing/checkout`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.keys.live}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            successUrl: 'https://tool.example.com/billing/done',
            cancelUrl: 'https://tool.example.com/billing',
          }),
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        return { status: response.status, ms: performance.now() - start };
      }),
    );
    const wallMs = performance.now() - burstStart;
    const latencies = answers.map((answer) => answer.ms).sort((a, b) => a - b);
    const errors = answers.filter((answer) => answer.status !== 201).length;
    const customers = proxy.to('POST', '/v1/customers').length;
    const sessionCustomers = new Set(
      proxy.to('POST', '/v1/checkout/sessions').map((request) => request.form.get('customer')),
    ).size;
    const lines = [
      `checkout burst: ${CHECKOUTS} at once on ${database === null ? 'embedded storage' : 'PostgreSQL'}`,
      `  errors: ${errors}; Stripe customers created: ${customers}; distinct customers in sessions: ${sessionCustomers}`,
      `  latency ms: p50 ${percentile(latencies, 50).toFixed(0)}, p95 ${percentile(latencies, 95).toFixed(0)}, max ${(latencies.at(-1) ?? 0).toFixed(0)}; whole burst ${wallMs.toFixed(0)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (errors > 0 || customers !== 1 || sessionCustomers !== 1) process.exitCode = 1;
  } finally {
    await server?.stop('SIGTERM');
    await proxy.stop();
    await stripeMock.stop();
    await database?.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`loadtest:checkout: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
