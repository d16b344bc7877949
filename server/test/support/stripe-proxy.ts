import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One request that reached the proxy, with its form body decoded. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly form: URLSearchParams;
  readonly idempotencyKey: string | undefined;
  /** The status Stripe (stripe-mock) answered, or `null` when the proxy answered itself. */
  status: number | null;
}

/** What a fault does to one request. */
export type Fault =
  /** Answer this status without forwarding: Stripe never saw the request. */
  | { readonly kind: 'answer'; readonly status: number }
  /** Forward, let Stripe accept it, then never answer: the client times out after Stripe accepted. */
  | { readonly kind: 'accept-then-hang' }
  /** Forward, then tell the test and wait for it before answering (to SIGKILL the caller meanwhile). */
  | { readonly kind: 'accept-then-hold'; readonly onHeld: () => void };

/** A subscription as Stripe holds it now, for the test to set (stripe-mock keeps no state). */
export interface SubscriptionOverride {
  status: string;
  customer: string;
  metadata?: Record<string, string>;
}

/**
 * A small HTTP proxy in front of stripe-mock, of the test's own: it records every request that
 * reaches "Stripe", injects faults, and adds the state stripe-mock lacks (it is stateless):
 * customers get unique ids (the same id again for a repeated Idempotency-Key, as Stripe does),
 * subscriptions answer with the status the test set, and meter event summaries add up the meter
 * events Stripe accepted, counting each identifier once, as Stripe does.
 */
export class StripeProxy {
  readonly requests: RecordedRequest[] = [];
  readonly subscriptions = new Map<string, SubscriptionOverride>();
  /** Changes to Stripe's answers the test wants (a list that holds what an earlier run made, say). */
  readonly rewrites: ((request: RecordedRequest, body: Record<string, unknown>) => void)[] = [];
  /** Meter events Stripe accepted, by identifier (a resend of one identifier is not counted again). */
  readonly acceptedMeterEvents = new Map<string, { customer: string; value: number; timestamp: number }>();
  #faults: ((request: RecordedRequest) => Fault | null)[] = [];
  readonly #customersByKey = new Map<string, string>();
  readonly #held: ServerResponse[] = [];
  #server: Server | null = null;

  private constructor(private readonly upstream: string) {}

  /** Starts a proxy to stripe-mock at `upstream` on a free port. */
  static async start(upstream: string): Promise<StripeProxy & { url: string }> {
    const proxy = new StripeProxy(upstream);
    const server = createServer((req, res) => void proxy.#handle(req, res));
    proxy.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return Object.assign(proxy, { url: `http://127.0.0.1:${port}` });
  }

  /** Adds a fault rule; the first rule that returns a fault for a request applies to it. */
  inject(rule: (request: RecordedRequest) => Fault | null): void {
    this.#faults.push(rule);
  }

  /** Removes every fault rule and answers every held request (with what Stripe said). */
  heal(): void {
    this.#faults = [];
    for (const res of this.#held.splice(0)) res.destroy();
  }

  /** Requests to a path (exact, or starting with it when it ends with `*`). */
  to(method: string, path: string): RecordedRequest[] {
    const prefix = path.endsWith('*') ? path.slice(0, -1) : null;
    return this.requests.filter(
      (request) =>
        request.method === method &&
        (prefix === null ? request.path === path : request.path.startsWith(prefix)),
    );
  }

  async stop(): Promise<void> {
    this.heal();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://proxy');
    const key = req.headers['idempotency-key'];
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      form: new URLSearchParams(req.method === 'GET' ? url.search : body),
      idempotencyKey: typeof key === 'string' ? key : undefined,
      status: null,
    };
    this.requests.push(request);
    const fault = this.#faults.map((rule) => rule(request)).find((found) => found !== null) ?? null;
    if (fault?.kind === 'answer') {
      res.writeHead(fault.status, { 'content-type': 'application/json', 'request-id': 'req_fault' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: `injected ${fault.status}` } }));
      return;
    }
    const upstream = await fetch(`${this.upstream}${req.url ?? '/'}`, {
      method: request.method,
      headers: {
        authorization: req.headers.authorization ?? '',
        'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
        ...(request.idempotencyKey === undefined ? {} : { 'idempotency-key': request.idempotencyKey }),
      },
      ...(request.method === 'GET' || request.method === 'DELETE' ? {} : { body }),
    });
    request.status = upstream.status;
    let text = await upstream.text();
    if (upstream.ok) text = this.#stateful(request, text);
    if (fault?.kind === 'accept-then-hang') {
      this.#held.push(res);
      return;
    }
    if (fault?.kind === 'accept-then-hold') {
      this.#held.push(res);
      fault.onHeld();
      return;
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json', 'request-id': 'req_proxy' });
    res.end(text);
  }

  /** Adds to stripe-mock's answer the state Stripe would keep. */
  #stateful(request: RecordedRequest, text: string): string {
    const body = JSON.parse(text) as Record<string, unknown>;
    if (request.method === 'POST' && request.path === '/v1/customers') {
      const known = request.idempotencyKey && this.#customersByKey.get(request.idempotencyKey);
      const id = known || `cus_${randomBytes(8).toString('hex')}`;
      if (request.idempotencyKey !== undefined) this.#customersByKey.set(request.idempotencyKey, id);
      body.id = id;
    }
    if (request.method === 'POST' && request.path === '/v1/billing/meter_events') {
      const identifier = request.form.get('identifier') ?? '';
      if (!this.acceptedMeterEvents.has(identifier)) {
        this.acceptedMeterEvents.set(identifier, {
          customer: request.form.get('payload[stripe_customer_id]') ?? '',
          value: Number(request.form.get('payload[value]')),
          timestamp: Number(request.form.get('timestamp')),
        });
      }
    }
    const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(request.path)?.[1];
    if (request.method === 'GET' && subscription !== undefined) {
      const override = this.subscriptions.get(subscription);
      if (override !== undefined) Object.assign(body, { id: subscription, ...override });
    }
    const summaries = /^\/v1\/billing\/meters\/[^/]+\/event_summaries$/.exec(request.path);
    if (request.method === 'GET' && summaries !== null) {
      const customer = request.form.get('customer');
      const start = Number(request.form.get('start_time'));
      const end = Number(request.form.get('end_time'));
      let total = 0;
      for (const event of this.acceptedMeterEvents.values()) {
        if (event.customer === customer && event.timestamp >= start && event.timestamp < end)
          total += event.value;
      }
      const template = ((body.data as Record<string, unknown>[]) ?? [])[0] ?? {};
      body.data = [{ ...template, aggregated_value: total, start_time: start, end_time: end }];
    }
    for (const rewrite of this.rewrites) rewrite(request, body);
    return JSON.stringify(body);
  }
}
