import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { CommandCounts } from './command-counts.js';

/**
 * How often the event loop is sampled for `pokerroom_nodejs_eventloop_lag_{min,max,mean,…}`, in
 * ms: Node's monitor records the time between two samples, this interval plus the loop's delay.
 * prom-client's default, 10, woke the loop about 200 times a second whatever the load: a server
 * with nobody connected used 9 ms of CPU a second, against 4 at 100 (docs/performance.md, room
 * broadcast, nineteenth run).
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/** The server's Prometheus metrics, served at `/metrics`. One registry per server instance. */
export function createMetrics() {
  const registry = new Registry();
  const commands = new CommandCounts();
  // Only registered: its values come from `commands` whenever the registry is read.
  new Counter({
    name: 'pokerroom_commands_total',
    help: 'Client commands handled, by type and outcome (ok or error code)',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
    collect() {
      commands.addTo(this);
    },
  });
  collectDefaultMetrics({
    register: registry,
    prefix: 'pokerroom_',
    eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS,
  });
  return {
    registry,
    connections: new Gauge({
      name: 'pokerroom_ws_connections',
      help: 'Open WebSocket connections',
      registers: [registry],
    }),
    connectionsByVersion: new Gauge({
      name: 'pokerroom_ws_connections_by_version',
      help: 'Open WebSocket connections, by the protocol version they speak',
      labelNames: ['version'] as const,
      registers: [registry],
    }),
    replyTopics: new Gauge({
      name: 'pokerroom_ws_reply_topics',
      help: 'Connections holding a reply topic: those that sent a command in the last 30 s',
      registers: [registry],
    }),
    rooms: new Gauge({ name: 'pokerroom_rooms_loaded', help: 'Rooms held in memory', registers: [registry] }),
    /** `pokerroom_commands_total`: counted here, added to the counter when `/metrics` is read. */
    commands,
    closes: new Counter({
      name: 'pokerroom_ws_closes_total',
      help: 'Connections closed by the server, by close code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'pokerroom_commit_seconds',
      help: 'Time to make a batch of room events durable',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    commitSplits: new Counter({
      name: 'pokerroom_commit_splits_total',
      help: 'Group commits the database refused, written again one room per transaction',
      registers: [registry],
    }),
    commitBatchEvents: new Histogram({
      name: 'pokerroom_commit_batch_events',
      help: 'Room events per commit (group commit batch size)',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 1000],
      registers: [registry],
    }),
    meterEvents: new Counter({
      name: 'pokerroom_billing_meter_events_total',
      help: 'Meter events sent to Stripe, by outcome (sent, retry, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    meterOutboxLag: new Gauge({
      name: 'pokerroom_billing_outbox_lag_seconds',
      help: 'Age of the oldest usage window waiting to be sent to Stripe',
      registers: [registry],
    }),
    discrepancies: new Gauge({
      name: 'pokerroom_billing_discrepancies_open',
      help: 'Differences between our usage or plans and Stripe’s, not resolved yet',
      registers: [registry],
    }),
    discrepanciesFound: new Counter({
      name: 'pokerroom_billing_discrepancies_found_total',
      help: 'Discrepancies found by reconciliation, by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    stripeWebhooks: new Counter({
      name: 'pokerroom_stripe_webhook_events_total',
      help: 'Stripe webhook events received, by type and outcome (processed, replayed, ignored, refused)',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

/** The metrics of one server. */
export type Metrics = ReturnType<typeof createMetrics>;
