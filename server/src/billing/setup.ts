import type Stripe from 'stripe';

/** The lookup key of the metered price, so setup finds the price it made before. */
export const PRICE_LOOKUP_KEY = 'pokerroom_active_participants_monthly';
/** The product's metadata marker, so setup finds the product it made before. */
const PRODUCT_MARKER = { pokerroom: 'active-participants' } as const;

/** What setup needs to know. */
export interface SetupOptions {
  readonly meterEventName: string;
  /** ISO currency of the price, e.g. `usd`. */
  readonly currency: string;
  /** The price of one monthly active participant, in the currency's smallest unit (cents). */
  readonly unitAmount: number;
}

/** The Stripe objects billing runs on, and which of them this run created. */
export interface SetupResult {
  readonly meterId: string;
  readonly productId: string;
  readonly priceId: string;
  readonly created: readonly ('meter' | 'product' | 'price')[];
}

/**
 * Creates the Billing Meter (sum of `value` per customer), the product and the monthly metered
 * price on it, or finds them when a previous run made them: the meter by its event name, the
 * product by its metadata, the price by its lookup key. Safe to run again and again.
 */
export async function setUpStripeBilling(stripe: Stripe, options: SetupOptions): Promise<SetupResult> {
  const created: ('meter' | 'product' | 'price')[] = [];
  const meters = await stripe.billing.meters.list({ status: 'active', limit: 100 });
  let meter = meters.data.find((candidate) => candidate.event_name === options.meterEventName);
  if (meter === undefined) {
    meter = await stripe.billing.meters.create(
      {
        display_name: 'Monthly active participants',
        event_name: options.meterEventName,
        default_aggregation: { formula: 'sum' },
        customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
        value_settings: { event_payload_key: 'value' },
      },
      { idempotencyKey: `pokerroom-meter-${options.meterEventName}` },
    );
    created.push('meter');
  }

  const prices = await stripe.prices.list({ lookup_keys: [PRICE_LOOKUP_KEY], active: true, limit: 10 });
  const existingPrice = prices.data.find((price) => price.lookup_key === PRICE_LOOKUP_KEY);
  if (existingPrice !== undefined) {
    const productId =
      typeof existingPrice.product === 'string' ? existingPrice.product : existingPrice.product.id;
    return { meterId: meter.id, productId, priceId: existingPrice.id, created };
  }

  const products = await stripe.products.list({ active: true, limit: 100 });
  let product = products.data.find((candidate) => candidate.metadata?.pokerroom === PRODUCT_MARKER.pokerroom);
  if (product === undefined) {
    product = await stripe.products.create(
      { name: 'Poker Room', description: 'Monthly active participants', metadata: { ...PRODUCT_MARKER } },
      { idempotencyKey: 'pokerroom-product-active-participants' },
    );
    created.push('product');
  }
  const price = await stripe.prices.create(
    {
      product: product.id,
      currency: options.currency,
      unit_amount: options.unitAmount,
      recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
      lookup_key: PRICE_LOOKUP_KEY,
      nickname: 'Per monthly active participant',
    },
    { idempotencyKey: `pokerroom-price-${meter.id}-${options.currency}-${options.unitAmount}` },
  );
  created.push('price');
  return { meterId: meter.id, productId: product.id, priceId: price.id, created };
}
