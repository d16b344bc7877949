import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import type { Billing } from '../billing/index.js';
import {
  handleStripeWebhook,
  StripeSignatureError,
  StripeUnavailableError,
} from '../billing/stripe-webhooks.js';
import { refuseRepeatedQuery, refuseUnsafeText } from '../http/request-checks.js';
import {
  HttpProblem,
  parseJsonBody,
  type RequestInfo,
  readBody,
  readRequest,
  reply,
} from '../http/request-reply.js';
import type { Logger } from '../ops/logger.js';
import { createAccount } from '../storage/accounts.js';
import { createApiKey } from '../storage/api-keys.js';
import {
  type BillingAccount,
  findBillingAccount,
  listBillingAccounts,
  setPlanOverride,
} from '../storage/billing-accounts.js';
import type { Sql } from '../storage/database.js';
import type { CreateAccountBody, SetPlanBody } from './billing-schemas.js';
import { billingSummary } from './billing-summary.js';
import { OPERATIONS, type Operation } from './operations.js';
import { parseBody } from './request-schemas.js';

/** The largest body the webhook and operator routes read: Stripe's events are well below it. */
const MAX_BODY_BYTES = 512 * 1024;

/** What the billing routes need. */
export interface BillingRouteDeps {
  readonly app: TemplatedApp;
  readonly sql: Sql;
  readonly billing: Billing;
  readonly log: Logger;
  /** `POKERROOM_ADMIN_KEY`; `null` turns the operator API off (its routes answer 404). */
  readonly adminKey: string | null;
}

type OperatorHandler = (input: {
  readonly info: RequestInfo;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}) => Promise<{ status: number; body: unknown }>;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Stripe's webhook endpoint, and the operator API under `/admin/v1`. */
export function mountBillingRoutes(deps: BillingRouteDeps): void {
  const { app, log } = deps;

  app.post('/v1/stripe/webhook', (res, req) => {
    const signature = req.getHeader('stripe-signature');
    const url = req.getUrl();
    const out = reply(res);
    const body = readBody(res, MAX_BODY_BYTES);
    body.catch(() => {});
    void (async () => {
      try {
        const raw = await body;
        if (deps.billing.webhooks === null) throw new HttpProblem('billing_not_configured');
        const { outcome } = await handleStripeWebhook(deps.billing.webhooks, raw, signature || undefined);
        out.json(200, { received: true, outcome });
      } catch (error) {
        if (error instanceof StripeSignatureError) {
          out.problem(new HttpProblem('webhook_signature_invalid'), url);
        } else if (error instanceof HttpProblem) {
          out.problem(error, url);
        } else if (error instanceof StripeUnavailableError) {
          // Nothing was stored: Stripe delivers the event again later.
          log.warn({ reason: error.message, route: '/v1/stripe/webhook' }, 'Stripe webhook not applied yet');
          out.problem(new HttpProblem('billing_provider_unavailable'), url);
        } else {
          // Nothing was stored: Stripe delivers the event again later.
          log.error({ err: error, route: '/v1/stripe/webhook' }, 'Stripe webhook failed');
          out.problem(new HttpProblem('internal'), url);
        }
      }
    })();
  });

  const handlers = operatorHandlers(deps);
  const expected = deps.adminKey === null ? null : digest(deps.adminKey);
  for (const op of OPERATIONS as readonly Operation[]) {
    if (op.scope !== 'operator') continue;
    const handler = handlers[op.id];
    if (handler === undefined) throw new Error(`no handler for operator operation ${op.id}`);
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
    app[op.method === 'delete' ? 'del' : op.method](op.path.replace(/\{(\w+)\}/g, ':$1'), (res, req) => {
      let info: RequestInfo;
      try {
        info = readRequest(req, names.length);
      } catch {
        reply(res).problem(new HttpProblem('invalid_request', 'the path is not valid percent-encoding'));
        return;
      }
      void serveOperator(res, info, op, names, handler);
    });
  }

  async function serveOperator(
    res: HttpResponse,
    info: RequestInfo,
    op: Operation,
    names: readonly string[],
    handler: OperatorHandler,
  ): Promise<void> {
    const out = reply(res);
    const hasBody = op.method === 'post' || op.method === 'put';
    const bytes = hasBody ? readBody(res, MAX_BODY_BYTES) : Promise.resolve(Buffer.alloc(0));
    bytes.catch(() => {});
    try {
      const raw = await bytes;
      // Off: the operator API does not exist on this deployment, and says nothing more.
      if (expected === null) throw new HttpProblem('not_found', `nothing at ${info.url}`);
      const given = /^Bearer\s+(\S+)$/i.exec(info.headers.get('authorization') ?? '')?.[1];
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        throw new HttpProblem('operator_key_invalid');
      }
      const parsed = hasBody ? parseJsonBody(raw, info.headers.get('content-type')) : {};
      const params = Object.fromEntries(names.map((name, i) => [name, info.params[i] ?? '']));
      refuseRepeatedQuery(info.query);
      refuseUnsafeText(params, info.query, parsed);
      const body = op.body === undefined ? parsed : parseBody(op.body as TSchema, parsed);
      const result = await handler({ info, params, body });
      out.json(result.status, result.body);
    } catch (error) {
      if (error instanceof HttpProblem) {
        out.problem(error, info.url);
        return;
      }
      log.error({ err: error, route: op.path }, 'operator request failed');
      out.problem(new HttpProblem('internal'), info.url);
    }
  }
}

function operatorHandlers(deps: BillingRouteDeps): Record<string, OperatorHandler> {
  const { sql, billing } = deps;
  const show = async (account: BillingAccount) => ({
    id: account.id,
    name: account.name,
    createdAt: account.createdAt.toISOString(),
    stripeCustomerId: account.stripeCustomerId,
    billing: await billingSummary(sql, account, billing.plans, billing.config.pastDueGraceMs, Date.now()),
  });
  const accountOf = async (params: Readonly<Record<string, string>>) => {
    const account = await findBillingAccount(sql, params.accountId ?? '');
    if (account === null) throw new HttpProblem('not_found', 'No account with this id exists.');
    return account;
  };
  return {
    async createAccount({ body }) {
      const input = body as Static<typeof CreateAccountBody>;
      const accountId = await createAccount(sql, input.name);
      const test = await createApiKey(sql, accountId, { mode: 'test' });
      const live = await createApiKey(sql, accountId, { mode: 'live' });
      const account = await findBillingAccount(sql, accountId);
      if (account === null) throw new Error('the new account was not stored');
      return {
        status: 201,
        body: { account: await show(account), keys: { test: test.secret, live: live.secret } },
      };
    },
    async listAccounts({ info }) {
      const limit = Number(info.query.get('limit') ?? '20');
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw new HttpProblem('invalid_request', 'limit: must be a whole number from 1 to 100');
      }
      const cursor = info.query.get('cursor');
      const after = cursor === null ? null : Buffer.from(cursor, 'base64url').toString('utf8');
      if (after !== null && (await findBillingAccount(sql, after)) === null) {
        throw new HttpProblem('invalid_request', 'cursor: is not a cursor this API returned');
      }
      const rows = await listBillingAccounts(sql, { limit: limit + 1, after });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        status: 200,
        body: {
          data: await Promise.all(page.map(show)),
          nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null,
        },
      };
    },
    async getAccount({ params }) {
      return { status: 200, body: await show(await accountOf(params)) };
    },
    async setAccountPlan({ params, body }) {
      const account = await accountOf(params);
      await setPlanOverride(sql, account.id, (body as Static<typeof SetPlanBody>).plan);
      return { status: 200, body: await show(await accountOf(params)) };
    },
    async runReconciliation() {
      if (billing.stripe === null) throw new HttpProblem('billing_not_configured');
      const run = await billing.reconciler.run();
      return {
        status: 200,
        body: {
          ran: run.ran,
          windowsClosed: 0,
          eventsSent: 0,
          eventsFailed: 0,
          discrepancies: run.discrepancies,
          requeued: run.requeued,
        },
      };
    },
    async runUsageReport() {
      const run = await billing.reporter.run();
      return { status: 200, body: { ...run, discrepancies: 0, requeued: 0 } };
    },
  };
}
