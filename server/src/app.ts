import uWS from 'uWebSockets.js';
import { mountBillingRoutes } from './api/billing-routes.js';
import { KnownRoutes, mountFallback, trackRoutes } from './api/known-routes.js';
import { mountOpsRoutes } from './api/ops-routes.js';
import { mountRestRoutes } from './api/rest-routes.js';
import { createBilling } from './billing/index.js';
import type { Bus } from './bus/bus.js';
import { openBus } from './bus/open-bus.js';
import { type DemoDecision, decideDemo } from './demo/demo-policy.js';
import { mountDemo } from './demo/index.js';
import { newId } from './identity/ids.js';
import { TokenSigner } from './identity/participant-tokens.js';
import type { Config } from './ops/config.js';
import { createLogger, type Logger } from './ops/logger.js';
import { createMetrics } from './ops/metrics.js';
import { closeAllGradually, evictConnections } from './realtime/evictions.js';
import { RoomRegistry } from './realtime/room-registry.js';
import type { Connection } from './realtime/session.js';
import { startSocketSweep } from './realtime/socket-sweep.js';
import { publishToRoom } from './realtime/wire-versions.js';
import { mountWebSocket } from './realtime/ws-handler.js';
import { serverSecret } from './storage/accounts.js';
import { hasActiveLiveKeys } from './storage/api-keys.js';
import { type Database, openDatabase } from './storage/database.js';
import { provisionKey } from './storage/dev-key.js';
import { loadEvents } from './storage/event-store.js';
import {
  BATCHES_FOR_ANOTHER_COMMIT,
  COMMIT_GATHER_MS,
  GroupCommitWriter,
  POSTGRES_COMMITS_IN_FLIGHT,
} from './storage/group-commit.js';
import { migrate } from './storage/migrate.js';
import { webhookDeliveryStore } from './storage/webhook-deliveries.js';
import { type DeliverySettings, startDeliveryWorker } from './webhooks/delivery-worker.js';

/** A running server. */
export interface RunningServer {
  readonly port: number;
  /** The base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** A secret key made for local development, when no bootstrap key was configured. */
  readonly devKey: string | null;
  /** Whether the demo (`/`, `/demo/…`) is served, and why; `/element.js` is served either way. */
  readonly demo: DemoDecision;
  readonly log: Logger;
  /** One line saying what billing does on this deployment. */
  readonly billingStatus: string;
  /**
   * Graceful shutdown: stop accepting, close every socket with 1001 (spread over the drain
   * window), let commits in flight finish, close storage.
   */
  stop(): Promise<void>;
}

/**
 * What can be swapped when starting a server: tests and embedders pass their own database, bus
 * or clock. A database or bus passed in stays the caller's: `stop` doesn't close it.
 */
export interface ServerOptions {
  readonly logger?: Logger;
  readonly webhooks?: Partial<DeliverySettings>;
  /** An open database, instead of the one the configuration names (it is migrated). */
  readonly database?: Database;
  /** The bus between nodes, instead of the one the configuration names. */
  readonly bus?: Bus;
  /** The rooms' clock, in ms since the epoch: what decisions and their deadlines are stamped with. */
  readonly clock?: () => number;
}

/**
 * Starts the realtime and REST server with the given configuration: the composition root, which
 * opens storage and the bus, builds each context and connects them; the policies live in the contexts.
 */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const now = options.clock ?? Date.now;
  const db = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  const closeDatabase = options.database === undefined ? () => db.close() : async () => {};
  try {
    await migrate(db.sql);
  } catch (error) {
    await closeDatabase();
    throw error;
  }
  const tokens = new TokenSigner(await serverSecret(db.sql, 'participant-token-signing'));
  const devKey = await provisionKey(db.sql, {
    bootstrapKey: config.bootstrapKey,
    dataDir: config.dataDir,
    kind: db.kind,
  });
  const demo = await decideDemo(config.demo, db.kind, () => hasActiveLiveKeys(db.sql));
  // PGlite is one connection: a second transaction would only queue behind the first.
  const writer = new GroupCommitWriter(
    db.sql,
    metrics,
    db.kind === 'postgres' ? POSTGRES_COMMITS_IN_FLIGHT : 1,
    BATCHES_FOR_ANOTHER_COMMIT,
    config.commitGatherMs ?? COMMIT_GATHER_MS,
  );
  const billing = createBilling({
    sql: db.sql,
    databaseKind: db.kind,
    config: config.billing,
    metrics,
    log,
  });
  let bus: Bus;
  try {
    bus = options.bus ?? (await openBus(config.redisUrl, newId('node'), log));
  } catch (error) {
    await closeDatabase();
    throw error;
  }
  const closeBus = options.bus === undefined ? () => bus.close() : async () => {};
  const knownRoutes = new KnownRoutes();
  const app = trackRoutes(uWS.App(), knownRoutes);
  const connections = new Set<Connection>();
  let draining = false;

  const rooms = new RoomRegistry(
    db.sql,
    {
      commit: (batch) => writer.commit(batch),
      loadEvents: (roomId, afterSeq) => loadEvents(db.sql, roomId, afterSeq),
      publish: (roomId, frame) => publishToRoom(app, roomId, frame),
      announce: (roomId, events) => bus.announce(roomId, events),
      newId: (prefix) => newId(prefix),
      now,
      facilitatorGraceMs: config.facilitatorGraceMs,
      presenceGraceMs: config.presenceGraceMs,
      onEvicted: (roomId, participantId, code) =>
        evictConnections(connections, metrics, { roomId, participantId, code }),
      onError: (error, context) => log.error({ err: error, context }, 'room error'),
      overloaded: () => writer.pressure(),
    },
    bus,
    // No other node can hold a room when the bus reaches none.
    bus.status() === 'none',
  );

  mountWebSocket({
    app,
    rooms,
    tokens,
    log,
    metrics,
    connections,
    readLog: (roomId, untilSeq) => loadEvents(db.sql, roomId, 0, untilSeq),
    newSessionId: () => newId('ses'),
    isDraining: () => draining,
    versions: config.protocolVersions,
    slowConsumerBytes: config.slowConsumerBytes,
    admitPerson: (roomId, claims) =>
      billing.gate.checkJoin(roomId, claims.accountId, {
        id: claims.participantId,
        externalId: claims.externalId,
      }),
  });
  mountRestRoutes({ app, sql: db.sql, rooms, tokens, log, publicUrl: config.publicUrl, billing });
  mountBillingRoutes({ app, sql: db.sql, billing, log, adminKey: config.adminKey });
  mountOpsRoutes({ app, sql: db.sql, metrics, isDraining: () => draining, busStatus: () => bus.status() });
  const webhooks = startDeliveryWorker({
    store: webhookDeliveryStore(db.sql),
    log,
    settings: options.webhooks ?? {},
  });
  billing.start();
  mountDemo({
    app,
    sql: db.sql,
    rooms,
    tokens,
    log,
    accountKey: devKey ?? config.bootstrapKey,
    publicUrl: config.publicUrl,
    enabled: demo.enabled,
  });
  mountFallback(app, knownRoutes);

  const listen = await new Promise<uWS.us_listen_socket>((resolve, reject) => {
    app.listen(config.host, config.port, (socket) =>
      socket ? resolve(socket) : reject(new Error(`cannot listen on ${config.host}:${config.port}`)),
    );
  });
  const port = uWS.us_socket_local_port(listen);
  const stopSweep = startSocketSweep({
    connections,
    slowConsumerBytes: config.slowConsumerBytes,
    rooms,
    metrics,
  });

  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    port,
    url: `http://${host}:${port}`,
    devKey,
    demo,
    log,
    billingStatus: billing.status,
    async stop() {
      if (draining) return;
      draining = true;
      uWS.us_listen_socket_close(listen);
      stopSweep();
      await webhooks.stop();
      await billing.stop();
      await closeAllGradually(connections, config.drainMs);
      for (const hostOfRoom of await rooms.loaded()) await hostOfRoom.settle();
      await writer.flush();
      await rooms.disposeAll();
      await closeBus();
      await closeDatabase();
    },
  };
}
