import uWS from 'uWebSockets.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOSE_CODES } from '@pokerroom/protocol';
import { mountBillingRoutes } from './api/billing-routes.js';
import { KnownRoutes, mountFallback, trackRoutes } from './api/known-routes.js';
import { mountOpsRoutes } from './api/ops-routes.js';
import { mountRestRoutes } from './api/rest-routes.js';
import { createBilling } from './billing/index.js';
import { type Bus, InProcessBus } from './bus/bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { type DemoDecision, decideDemo } from './demo/demo-policy.js';
import { mountDemo } from './demo/index.js';
import { TokenSigner } from './identity/participant-tokens.js';
import type { Config } from './ops/config.js';
import { createLogger, type Logger } from './ops/logger.js';
import { createMetrics } from './ops/metrics.js';
import { RoomRegistry } from './realtime/room-registry.js';
import { type Connection, roomTopic } from './realtime/session.js';
import { closeSlowConsumer } from './realtime/slow-consumers.js';
import { mountWebSocket } from './realtime/ws-handler.js';
import { createAccount, createApiKey, ensureBootstrapKey, newId, serverSecret } from './storage/accounts.js';
import { hasActiveLiveKeys } from './storage/api-keys.js';
import { openDatabase } from './storage/database.js';
import { loadEvents } from './storage/event-store.js';
import { GroupCommitWriter, POSTGRES_COMMITS_IN_FLIGHT } from './storage/group-commit.js';
import { migrate } from './storage/migrate.js';
import { type DeliverySettings, startDeliveryWorker } from './webhooks/delivery-worker.js';

/** The shortest gap between two slices of socket closes while draining. */
const DRAIN_SLICE_MS = 50;

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

/** Starts the realtime and REST server with the given configuration. */
export async function startServer(
  config: Config,
  options: { logger?: Logger; webhooks?: Partial<DeliverySettings> } = {},
): Promise<RunningServer> {
  const log = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db.sql);
  } catch (error) {
    await db.close();
    throw error;
  }
  const tokens = new TokenSigner(await serverSecret(db.sql, 'participant-token-signing'));
  const devKey = await provisionKey(db.sql, config, db.kind);
  const demo = await decideDemo(config.demo, db.kind, () => hasActiveLiveKeys(db.sql));
  // PGlite is one connection: a second transaction would only queue behind the first.
  const writer = new GroupCommitWriter(
    db.sql,
    metrics,
    db.kind === 'postgres' ? POSTGRES_COMMITS_IN_FLIGHT : 1,
  );
  const billing = createBilling({
    sql: db.sql,
    databaseKind: db.kind,
    config: config.billing,
    metrics,
    log,
  });
  const nodeId = newId('node');
  const bus = await openBus(config, nodeId, log, db.close);
  const knownRoutes = new KnownRoutes();
  const app = trackRoutes(uWS.App(), knownRoutes);
  const connections = new Set<Connection>();
  let draining = false;

  const rooms = new RoomRegistry(
    db.sql,
    {
      commit: (batch) => writer.commit(batch),
      loadEvents: (roomId, afterSeq) => loadEvents(db.sql, roomId, afterSeq),
      publish: (roomId, frame) => app.publish(roomTopic(roomId), frame, true),
      announce: (roomId, events) => bus.announce(roomId, events),
      newId: (prefix) => newId(prefix),
      now: () => Date.now(),
      facilitatorGraceMs: config.facilitatorGraceMs,
      presenceGraceMs: config.presenceGraceMs,
      onEvicted: (roomId, participantId, code) => {
        for (const ws of connections) {
          const session = ws.getUserData();
          if (session.claims.roomId !== roomId) continue;
          if (participantId !== null && session.claims.participantId !== participantId) continue;
          session.evicted = true;
          ws.end(code === 'kicked' ? CLOSE_CODES.kicked : CLOSE_CODES.room_closed, code);
        }
      },
      onError: (error, context) => log.error({ err: error, context }, 'room error'),
      overloaded: () => writer.pressure(),
    },
    bus,
    config.redisUrl === null,
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
  const webhooks = startDeliveryWorker({ sql: db.sql, log, settings: options.webhooks ?? {} });
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

  // Slow consumers: a connection whose send buffer grows past the limit is closed (4202) before
  // uWebSockets.js would have to skip messages for it; the client resumes without a gap.
  const sweep = setInterval(() => {
    for (const ws of connections) {
      if (ws.getBufferedAmount() > config.slowConsumerBytes) closeSlowConsumer(ws, metrics);
    }
    metrics.rooms.set(rooms.size);
  }, 250);
  sweep.unref();

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
      clearInterval(sweep);
      await webhooks.stop();
      await billing.stop();
      // Closes go out in slices spread over the drain window; a slice every 50 ms at most, because
      // one timer per socket would stretch ten thousand sockets far past the window.
      const sockets = [...connections];
      const slices = Math.min(sockets.length, Math.max(1, Math.floor(config.drainMs / DRAIN_SLICE_MS)));
      const perSlice = Math.max(1, Math.ceil(sockets.length / slices));
      for (let first = 0; first < sockets.length; first += perSlice) {
        if (first > 0) await new Promise((resolve) => setTimeout(resolve, config.drainMs / slices));
        for (const ws of sockets.slice(first, first + perSlice)) {
          try {
            ws.end(CLOSE_CODES.going_away, 'server shutting down');
          } catch {
            // closed meanwhile
          }
        }
      }
      for (const hostOfRoom of await rooms.loaded()) await hostOfRoom.settle();
      await writer.flush();
      await rooms.disposeAll();
      await bus.close();
      await db.close();
    },
  };
}

/**
 * Makes the configured bootstrap key exist, or, with none, a development key: kept in the data
 * directory for the embedded database so that every `npm start` prints the same working key.
 */
async function provisionKey(
  sql: Parameters<typeof migrate>[0],
  config: Config,
  kind: 'postgres' | 'embedded',
) {
  if (config.bootstrapKey !== null) {
    await ensureBootstrapKey(sql, config.bootstrapKey);
    return null;
  }
  const file = join(config.dataDir, 'dev-secret-key');
  if (kind === 'embedded' && existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    await ensureBootstrapKey(sql, saved);
    return saved;
  }
  const accountId = await createAccount(sql, 'Development account');
  const { secret } = await createApiKey(sql, accountId, { mode: 'test' });
  if (kind === 'embedded') writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The bus between nodes: Redis when configured (and reachable at startup), in-process otherwise. */
async function openBus(
  config: Config,
  nodeId: string,
  log: Logger,
  closeDatabase: () => Promise<void>,
): Promise<Bus> {
  if (config.redisUrl === null) return new InProcessBus();
  const bus = new RedisBus(config.redisUrl, nodeId, log);
  try {
    await bus.ready();
  } catch (error) {
    await bus.close();
    await closeDatabase();
    throw new Error(`REDIS_URL is set but Redis is not reachable: ${(error as Error).message}`);
  }
  return bus;
}
