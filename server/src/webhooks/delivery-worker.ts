import type { Logger } from '../ops/logger.js';
import type { ClaimedDelivery, DeliveryStore } from './delivery-store.js';
import { signatureHeaders } from './signature.js';

/** How the delivery worker paces itself. Every field has a production default. */
export interface DeliverySettings {
  /** How often the outbox is polled for due deliveries. */
  readonly pollMs: number;
  /** How long an endpoint has to answer an attempt. */
  readonly timeoutMs: number;
  /** Deliveries claimed per poll. */
  readonly batchSize: number;
  /** The waits between attempts; a delivery gets `retryDelaysMs.length + 1` attempts, then fails. */
  readonly retryDelaysMs: readonly number[];
  /** Each wait is spread by up to this fraction either way, so retries of many deliveries don't align. */
  readonly jitter: number;
  /** Deliveries in a row that fail every attempt before their endpoint is disabled. */
  readonly disableAfterFailures: number;
  /** How long an endpoint may fail without one success before it is disabled. */
  readonly disableAfterMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h: a delivery is retried for about 24 hours
 * (11 attempts) before it fails; an endpoint failing every attempt for 3 days, or 20 deliveries in
 * a row, is disabled.
 */
export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  pollMs: SECOND,
  timeoutMs: 10 * SECOND,
  batchSize: 20,
  retryDelaysMs: [
    10 * SECOND,
    30 * SECOND,
    2 * MINUTE,
    10 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    4 * HOUR,
    8 * HOUR,
    8 * HOUR,
  ],
  jitter: 0.2,
  disableAfterFailures: 20,
  disableAfterMs: 72 * HOUR,
};

/** What the worker needs; `fetch` and `random` are replaceable for tests. */
export interface DeliveryWorkerDeps {
  readonly store: DeliveryStore;
  readonly log: Logger;
  readonly settings?: Partial<DeliverySettings>;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

/** A running worker. */
export interface DeliveryWorker {
  /** Stops polling, cuts attempts in flight (they are handed back, uncounted) and waits for them. */
  stop(): Promise<void>;
}

/** The body of a delivery: the same bytes on every attempt, so its id dedupes retries. */
export function deliveryBody(delivery: Pick<ClaimedDelivery, 'id' | 'type' | 'createdAt' | 'data'>): string {
  return JSON.stringify({
    id: delivery.id,
    type: delivery.type,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.data,
  });
}

/** The wait before the attempt after `attempts` failed ones, with jitter; `null` when there are no more. */
export function retryDelay(
  settings: DeliverySettings,
  attempts: number,
  random: () => number,
): number | null {
  const base = settings.retryDelaysMs[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + settings.jitter * (2 * random() - 1)));
}

/**
 * Starts the webhook delivery worker of this node. Every node runs one: they share the outbox in
 * PostgreSQL, claim due deliveries with `for update skip locked`, and record each attempt there,
 * so a restart or a dead node loses nothing (an attempt cut short is retried, under the same id).
 */
export function startDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const settings = { ...DEFAULT_DELIVERY_SETTINGS, ...deps.settings };
  const send = deps.fetch ?? fetch;
  const random = deps.random ?? Math.random;
  const shutdown = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const attempt = async (delivery: ClaimedDelivery): Promise<void> => {
    const body = deliveryBody(delivery);
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string;
    try {
      const response = await send(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'PokerRoom-Webhooks/1',
          ...signatureHeaders(delivery.secrets, delivery.id, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([shutdown.signal, AbortSignal.timeout(settings.timeoutMs)]),
      });
      status = response.status;
      await response.body?.cancel().catch(() => {});
      if (status >= 200 && status < 300) {
        await deps.store.recordDelivered(delivery.id, status);
        return;
      }
      error = `HTTP ${status}`;
    } catch (cause) {
      if (shutdown.signal.aborted) {
        await deps.store.release(delivery.id);
        return;
      }
      const name = (cause as Error).name;
      error =
        name === 'TimeoutError'
          ? `no answer within ${settings.timeoutMs} ms`
          : `could not connect: ${String((cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message)}`;
    }
    const disabled = await deps.store.recordFailedAttempt({
      id: delivery.id,
      status,
      error,
      retryInMs: retryDelay(settings, delivery.attempts + 1, random),
      disableAfterFailures: settings.disableAfterFailures,
      disableAfterMs: settings.disableAfterMs,
    });
    if (disabled)
      deps.log.warn({ endpointId: delivery.endpointId }, 'webhook endpoint disabled after failures');
  };

  const tick = async () => {
    try {
      const leaseMs = settings.timeoutMs + 30 * SECOND;
      for (;;) {
        const claimed = await deps.store.claimDue(settings.batchSize, leaseMs);
        await Promise.all(claimed.map((delivery) => attempt(delivery)));
        if (claimed.length < settings.batchSize || stopped) break;
      }
    } catch (error) {
      // Storage away or shutting down: the outbox keeps everything, the next poll picks it up.
      if (!stopped) deps.log.warn({ err: error }, 'webhook delivery poll failed');
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().then(schedule);
    }, settings.pollMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      shutdown.abort();
      await running;
    },
  };
}
