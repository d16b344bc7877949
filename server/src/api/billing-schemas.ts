import { type Static, Type } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** A URL Stripe sends the person back to: absolute, http or https (parsed by the handler too). */
const ReturnUrl = (description: string) =>
  Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048, description });

/** `POST /v1/billing/checkout`. */
export const CheckoutBody = Type.Object(
  {
    successUrl: ReturnUrl('Where Stripe sends the person after paying.'),
    cancelUrl: ReturnUrl('Where Stripe sends the person if they go back.'),
  },
  { ...Strict, $id: 'CheckoutRequest' },
);

/** `POST /v1/billing/portal`. */
export const PortalBody = Type.Object(
  { returnUrl: ReturnUrl('Where the billing portal’s back link leads.') },
  { ...Strict, $id: 'PortalRequest' },
);

/** A Stripe-hosted page to send the person to. */
export const RedirectSchema = Type.Object(
  { url: Type.String({ pattern: '^https?://', description: 'Redirect the person’s browser here.' }) },
  { ...Strict, $id: 'BillingRedirect' },
);

const PlanName = Type.Union([Type.Literal('free'), Type.Literal('payg')]);

/** A difference between our records and Stripe's that reconciliation found and has not seen resolved. */
export const DiscrepancySchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([
      Type.Literal('usage_mismatch'),
      Type.Literal('plan_mismatch'),
      Type.Literal('meter_event_refused'),
    ]),
    subject: Type.String({ description: 'A UTC day, a meter event identifier or a subscription id.' }),
    expected: Nullable(Type.String()),
    actual: Nullable(Type.String()),
    detail: Type.String(),
    detectedAt: DateTime,
  },
  { ...Strict, $id: 'BillingDiscrepancy' },
);

const Count = (description: string) => Type.Integer({ minimum: 0, description });

/** An account's plan, subscription and this month's metered usage. */
export const BillingSchema = Type.Object(
  {
    plan: PlanName,
    planSource: Type.Union(
      [Type.Literal('override'), Type.Literal('subscription'), Type.Literal('default')],
      {
        description: '`override`: set by an operator; `subscription`: paid through Stripe; `default`: free.',
      },
    ),
    limit: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Monthly active participants the plan allows in live mode; null: no cap.',
    }),
    subscription: Type.Union([
      Type.Object(
        {
          id: Type.String(),
          status: Type.String({ description: 'As Stripe holds it: active, past_due, canceled…' }),
          currentPeriodStart: Nullable(DateTime),
          currentPeriodEnd: Nullable(DateTime),
          pastDueSince: Nullable(DateTime),
        },
        Strict,
      ),
      Type.Null(),
    ]),
    period: Type.Object(
      { start: DateTime, end: DateTime },
      { ...Strict, description: 'This calendar month, UTC.' },
    ),
    activeParticipants: Count('People who joined a live room this month, each counted once.'),
    usage: Type.Object(
      {
        reported: Count('Accepted by Stripe.'),
        pending: Count('In closed windows waiting to be sent (or retried).'),
        unbilled: Count('Recorded while the account had no paid subscription: never sent.'),
        failed: Count('Refused by Stripe; see discrepancies.'),
        open: Count('In the current window, which has not closed yet.'),
      },
      Strict,
    ),
    discrepancies: Type.Array(DiscrepancySchema),
  },
  { ...Strict, $id: 'Billing' },
);
/** The body of `GET /v1/billing`. */
export type BillingBody = Static<typeof BillingSchema>;

/** `POST /v1/stripe/webhook`'s answer. */
export const WebhookReceiptSchema = Type.Object(
  {
    received: Type.Boolean(),
    outcome: Type.Union([Type.Literal('processed'), Type.Literal('replayed'), Type.Literal('ignored')], {
      description: '`replayed`: this event id was processed before, nothing changed.',
    }),
  },
  { ...Strict, $id: 'StripeWebhookReceipt' },
);

/** `POST /admin/v1/accounts`. */
export const CreateAccountBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { ...Strict, $id: 'CreateAccountRequest' },
);

/** `PUT /admin/v1/accounts/{accountId}/plan`. */
export const SetPlanBody = Type.Object(
  {
    plan: Type.Union([PlanName, Type.Null()], {
      description: 'A plan set by hand (a negotiated contract); null: follow the Stripe subscription again.',
    }),
  },
  { ...Strict, $id: 'SetPlanRequest' },
);

/** An account as the operator API shows it. */
export const AccountSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    createdAt: DateTime,
    stripeCustomerId: Nullable(Type.String()),
    billing: BillingSchema,
  },
  { ...Strict, $id: 'OperatorAccount' },
);

/** A new account with its first secret keys, shown this once. */
export const NewAccountSchema = Type.Object(
  {
    account: AccountSchema,
    keys: Type.Object(
      {
        test: Type.String({ pattern: '^sk_test_', description: 'Shown once: store it now.' }),
        live: Type.String({ pattern: '^sk_live_', description: 'Shown once: store it now.' }),
      },
      Strict,
    ),
  },
  { ...Strict, $id: 'NewOperatorAccount' },
);

/** A page of accounts. */
export const AccountListSchema = Type.Object(
  { data: Type.Array(AccountSchema), nextCursor: Nullable(Type.String()) },
  { ...Strict, $id: 'OperatorAccountList' },
);

/** What a reconciliation or report run did. */
export const BillingRunSchema = Type.Object(
  {
    ran: Type.Boolean({ description: 'False when another node holds the lock and is running it now.' }),
    windowsClosed: Count('Usage windows closed.'),
    eventsSent: Count('Meter events Stripe accepted.'),
    eventsFailed: Count('Meter events refused or retried later.'),
    discrepancies: Count('Open discrepancies after the run.'),
    requeued: Count('Failed windows put back to be sent again.'),
  },
  { ...Strict, $id: 'BillingRun' },
);
/** The body of a billing run. */
export type BillingRun = Static<typeof BillingRunSchema>;
