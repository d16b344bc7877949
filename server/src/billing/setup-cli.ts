import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../ops/config.js';
import { setUpStripeBilling } from './setup.js';
import { createStripe, describeStripeError } from './stripe-client.js';

/**
 * `npm run billing:setup [-- --currency usd --unit-amount 100]`: creates or finds the meter,
 * product and price on the Stripe account of STRIPE_SECRET_KEY and prints the variables to set.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      currency: { type: 'string', default: 'usd' },
      'unit-amount': { type: 'string', default: '100' },
    },
  });
  const currency = values.currency.toLowerCase();
  const unitAmount = values['unit-amount'];
  if (!/^[a-z]{3}$/.test(currency))
    throw new ConfigError('--currency must be a three-letter ISO code, e.g. usd');
  if (!/^\d{1,8}$/.test(unitAmount)) {
    throw new ConfigError(
      '--unit-amount must be the price per participant in cents (or the smallest unit), e.g. 100',
    );
  }
  const config = loadConfig();
  const stripe = createStripe(config.billing);
  if (stripe === null)
    throw new ConfigError('STRIPE_SECRET_KEY is not set: use a test key (sk_test_…) first');
  const result = await setUpStripeBilling(stripe, {
    meterEventName: config.billing.meterEventName,
    currency,
    unitAmount: Number(unitAmount),
  });
  const made =
    result.created.length === 0
      ? 'found everything from an earlier run'
      : `created ${result.created.join(', ')}`;
  process.stdout.write(
    [
      `Stripe billing is set up (${made}). Set these on every node:`,
      `STRIPE_PRICE_ID=${result.priceId}`,
      `STRIPE_METER_ID=${result.meterId}`,
      `# product: ${result.productId}; meter event name: ${config.billing.meterEventName}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : describeStripeError(error);
  process.stderr.write(`billing:setup: ${message}\n`);
  process.exit(1);
});
