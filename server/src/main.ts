import { startServer } from './app.js';
import { ConfigError, loadConfig } from './ops/config.js';
import { type Collect, trimYoungGenerationWhenQuiet } from './ops/young-generation.js';

/** Exit within this long after SIGTERM, whatever is still pending (longer drain windows get 5 s more). */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`pokerroom: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const server = await startServer(config);
  // `npm start` runs node with `--expose-gc` for this (see ops/young-generation.ts).
  trimYoungGenerationWhenQuiet({
    gc: (globalThis as { gc?: Collect }).gc,
    onTrimmed: (fromBytes, toBytes) =>
      server.log.info({ fromBytes, toBytes }, 'young generation given back after the load'),
  });
  const storage = config.databaseUrl === null ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL';
  server.log.info(
    {
      port: server.port,
      storage,
      bus: config.redisUrl === null ? 'in-process' : 'redis',
      demo: server.demo.enabled ? 'on' : 'off',
      demoReason: server.demo.reason,
    },
    'listening',
  );
  process.stdout.write(
    `${[
      '',
      `  Poker Room is running at ${server.url}/`,
      `  storage: ${storage}`,
      `  ${server.billingStatus}`,
      `  demo: ${server.demo.enabled ? 'on' : 'off'} (${server.demo.reason})`,
      server.devKey === null ? '  secret key: POKERROOM_BOOTSTRAP_KEY' : `  dev secret key: ${server.devKey}`,
      `  try: curl -X POST ${server.url}/v1/rooms -H "Authorization: Bearer ${server.devKey ?? '$POKERROOM_BOOTSTRAP_KEY'}"`,
      '',
    ].join('\n')}\n`,
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    // A drain window longer than the default must not be cut short by the deadline.
    const deadline = Math.max(SHUTDOWN_DEADLINE_MS, config.drainMs + 5000);
    setTimeout(() => process.exit(1), deadline).unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `pokerroom: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
