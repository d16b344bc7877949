/**
 * `npm run loadtest`: starts the stack, makes rooms and tokens over REST, runs the scenarios on
 * Artillery against it and records the results.
 *
 * 1. Finds Artillery in `loadtest/node_modules`; without it, says how to install it and exits 1.
 * 2. Starts the stack (`stack.ts`): one server on embedded storage by default;
 *    `LOADTEST_STORAGE=postgres` uses a database made for the run on the local PostgreSQL (dropped
 *    after); `LOADTEST_NODES=2` adds a second node and a Redis of its own.
 * 3. Makes the rooms and tokens and the timeline (`setup.ts`), bundles the processor
 *    (`artillery/participants.ts`), writes the Artillery script, and runs it in a process of its
 *    own, the connections spread over several 127.0.0.x source addresses.
 * 4. Stops the stack and prints a markdown summary, also written with the raw figures to
 *    `loadtest/results/<time>.md` and `.json` (git-ignored), next to a folder with Artillery's
 *    script, report and output, and the server logs.
 *
 * Scenarios: `npm run loadtest -- steady storm spike` (all three by default, in that order), or
 * LOADTEST_SCENARIOS. A check missed is recorded, not a failure (LOADTEST_ENFORCE=1 makes it one);
 * the exit code is otherwise non-zero only when the run itself could not be made. Every wait is
 * bounded and the whole run is stopped after LOADTEST_TIMEOUT_SECONDS (default 540; smoke 180). Loopback only.
 *
 * `npm run loadtest -- --smoke` (`npm run loadtest:smoke`) is the bounded version CI runs: 50 rooms,
 * two steady rounds, one storm and one spike in under 2 minutes (a watchdog stops it at 3: the
 * server's start alone can take a minute on a saturated machine), its
 * checks enforced (no error, no lost delivery, every participant welcomed, ack and reveal→all p99
 * under 2 s): exit 1 when one is missed. Its knobs can still be set as below.
 *
 * Other knobs (defaults, smoke's in brackets): LOADTEST_ROOMS (500 [50]), LOADTEST_ROOM_SIZE (10),
 * LOADTEST_CONNECT_SECONDS (45 [18]: from the generator's start to the timeline's start),
 * LOADTEST_ROUND_SECONDS (6), LOADTEST_STEADY_SECONDS (60 [12]), LOADTEST_STORMS (3 [1]),
 * LOADTEST_SPIKES (3 [1]), LOADTEST_ACK_P99_MS (250 [2000]), LOADTEST_REVEAL_P99_MS (250 [2000]),
 * LOADTEST_TIMER_LAG_P99_MS (100 [1000]), LOADTEST_LOCAL_IPS (127.0.0.2-127.0.0.9),
 * LOADTEST_POSTGRES_URL (TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres),
 * LOADTEST_REDIS_URL (use this Redis instead of starting one), LOADTEST_KEEP_INPUT=1 (keep the plan
 * and the rooms file, which holds the tokens).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ArtilleryReport,
  bundleProcessor,
  checksFrom,
  findArtillery,
  INSTALL,
  script,
} from './generator.js';
import { figures, markdown, type RunRecord, summarizeLog } from './report.js';
import { makePlan, makeRooms, SCENARIOS, type Scenario } from './setup.js';
import { type Child, sampler, start, startStack } from './stack.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

/** One clear line and a non-zero exit, for what makes the run impossible. */
function fail(message: string, code = 1): never {
  console.error(`loadtest: ${message}`);
  process.exit(code);
}

// ---------------------------------------------------------------- configuration

const env = process.env;

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const enforce = smoke || env.LOADTEST_ENFORCE === '1';
/** The default of a knob: the full run's, or the smoke run's. */
const pick = (full: number, short: number) => (smoke ? short : full);

function integer(name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`${name} must be an integer from ${min} to ${max}, got "${raw}"`, 2);
  return value;
}

const named = args.filter((a) => a !== '--smoke');
const flags = named.filter((a) => a.startsWith('-'));
if (flags.length > 0) fail(`unknown option ${flags.join(', ')}; known: --smoke`, 2);
const requested = (named.length > 0 ? named : (env.LOADTEST_SCENARIOS ?? '').split(','))
  .map((s) => s.trim())
  .filter((s) => s !== '');
const unknown = requested.filter((s) => !SCENARIOS.includes(s as Scenario));
if (unknown.length > 0) fail(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`, 2);
const scenarios = requested.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => requested.includes(s));

const storage = env.LOADTEST_STORAGE ?? 'embedded';
if (storage !== 'embedded' && storage !== 'postgres')
  fail(`LOADTEST_STORAGE must be embedded or postgres, got "${storage}"`, 2);
const nodeCount = integer('LOADTEST_NODES', 1, 1, 2);
if (nodeCount > 1 && storage !== 'postgres')
  fail('LOADTEST_NODES=2 needs LOADTEST_STORAGE=postgres (two nodes cannot share an embedded database)', 2);
const rooms = integer('LOADTEST_ROOMS', pick(500, 50), 1, 2000);
const roomSize = integer('LOADTEST_ROOM_SIZE', 10, 2, 100);
const connectMs = integer('LOADTEST_CONNECT_SECONDS', pick(45, 18), 5, 300) * 1000;
const roundMs = integer('LOADTEST_ROUND_SECONDS', 6, 3, 60) * 1000;
const steadyMs = integer('LOADTEST_STEADY_SECONDS', pick(60, 12), 5, 600) * 1000;
const storms = integer('LOADTEST_STORMS', pick(3, 1), 1, 20);
const spikes = integer('LOADTEST_SPIKES', pick(3, 1), 1, 20);
const limits = {
  ackP99Ms: integer('LOADTEST_ACK_P99_MS', pick(250, 2000), 1, 600_000),
  revealP99Ms: integer('LOADTEST_REVEAL_P99_MS', pick(250, 2000), 1, 600_000),
  timerLagP99Ms: integer('LOADTEST_TIMER_LAG_P99_MS', pick(100, 1000), 1, 600_000),
};
const timeoutMs = integer('LOADTEST_TIMEOUT_SECONDS', pick(540, 180), 60, 3600) * 1000;
const localIps = env.LOADTEST_LOCAL_IPS ?? '127.0.0.2-127.0.0.9';
if (!/^127\.[\d.]+(-127\.[\d.]+)?$/.test(localIps))
  fail(`LOADTEST_LOCAL_IPS must be loopback (127.x), got "${localIps}"`, 2);
const postgresAdminUrl =
  env.LOADTEST_POSTGRES_URL ?? env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (
  storage === 'postgres' &&
  !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(postgresAdminUrl).hostname)
)
  fail('LOADTEST_POSTGRES_URL must point at this machine (127.0.0.1, localhost or [::1])', 2);
const redisUrl = env.LOADTEST_REDIS_URL ?? null;

// ---------------------------------------------------------------- the load generator

const artillery = findArtillery(HERE);
if (artillery === null)
  fail(`Artillery is not installed in loadtest/node_modules: install it with \`${INSTALL}\`, then run again`);

// ---------------------------------------------------------------- the run

const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const resultsDir = join(HERE, 'results');
const runDir = join(resultsDir, stamp);
mkdirSync(runDir, { recursive: true });
const bootstrapKey = `sk_test_${randomBytes(16).toString('hex')}`;
const command = [
  ...Object.entries(env)
    .filter(([name, value]) => name.startsWith('LOADTEST_') && value !== '')
    .map(([name, value]) => `${name}=${value}`),
  'npm run loadtest',
  ...(args.length > 0 ? ['--', ...args] : []),
].join(' ');
const cpu = cpus();
const machine = `${cpu.length} vCPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Linux ${release()}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at the start`;

const began = Date.now();
const log = (message: string) =>
  console.error(`loadtest: [${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${message}`);
let stopStack: () => Promise<void> = async () => {};
let generatorChild: Child | null = null;

// The whole run is bounded: past the timeout, everything is stopped and the run fails.
const watchdog = setTimeout(() => {
  log(`the run took longer than ${timeoutMs / 1000} s: stopping everything`);
  void (async () => {
    await generatorChild?.stop(2000);
    await stopStack();
    process.exit(1);
  })();
}, timeoutMs);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await generatorChild?.stop(2000);
      await stopStack();
      process.exit(130);
    })();
  });
}

async function main(): Promise<void> {
  log(
    `${smoke ? 'smoke: ' : ''}scenarios ${scenarios.join(', ')}; ${rooms} rooms × ${roomSize}; ${storage} storage, ${nodeCount} node(s); ${artillery?.version}`,
  );
  const stack = await startStack({
    root: ROOT,
    storage: storage as 'embedded' | 'postgres',
    nodes: nodeCount,
    postgresAdminUrl,
    redisUrl,
    logDir: runDir,
    bootstrapKey,
  });
  stopStack = stack.stop;
  log(`stack up: ${stack.description}`);

  const setupStart = Date.now();
  const roomSpecs = await makeRooms(stack.nodes, bootstrapKey, rooms, roomSize);
  const setupMs = Date.now() - setupStart;
  log(`${rooms} rooms and ${rooms * roomSize} tokens in ${(setupMs / 1000).toFixed(1)} s`);

  const processorFile = join(runDir, 'participants.cjs');
  await bundleProcessor(HERE, processorFile);
  const plan = makePlan(
    { scenarios, rooms, roomSize, connectMs, roundMs, steadyMs, storms, spikes },
    Date.now(),
  );
  const planFile = join(runDir, 'plan.json');
  const roomsFile = join(runDir, 'rooms.json');
  const scriptFile = join(runDir, 'artillery.json');
  const reportFile = join(runDir, 'artillery-report.json');
  writeFileSync(planFile, JSON.stringify(plan));
  writeFileSync(roomsFile, JSON.stringify(roomSpecs));
  const target = (stack.nodes[0] as string).replace(/^http/, 'ws');
  writeFileSync(scriptFile, `${JSON.stringify(script(plan, processorFile, target, limits), null, 2)}\n`);
  log(
    `Artillery: ${rooms * roomSize} virtual users, timeline starts in ${(connectMs / 1000).toFixed(0)} s and lasts ${((plan.closeAt - plan.startAt) / 1000).toFixed(0)} s`,
  );

  const generatorStart = Date.now();
  const child = start(
    'artillery',
    process.execPath,
    [...(artillery as { args: string[] }).args, 'run', '--output', reportFile, scriptFile],
    {
      cwd: HERE,
      env: {
        ...env,
        LOADTEST_PLAN: planFile,
        LOADTEST_ROOMS: roomsFile,
        LOADTEST_LOCAL_IPS: localIps,
        ARTILLERY_DISABLE_TELEMETRY: 'true',
        FORCE_COLOR: '0',
      },
      logFile: join(runDir, 'artillery.log'),
    },
  );
  generatorChild = child;
  const usage = sampler(
    () => stack.servers.map((s) => s.pid),
    () => child.pid,
    stack.database,
  );
  const exitCode = await new Promise<number | null>((resolveExit) => {
    const limit = setTimeout(
      () => {
        log('Artillery did not finish in time: stopping it');
        void child.stop(5000);
      },
      plan.closeAt - Date.now() + 60_000,
    );
    child.process.on('exit', (code) => {
      clearTimeout(limit);
      resolveExit(code);
    });
  });
  usage.stop();
  const durationMs = Date.now() - generatorStart;
  const serverExits = stack.servers
    .filter((s) => s.exited())
    .map((s) => `${s.name} exited during the run (code ${s.process.exitCode ?? s.process.signalCode})`);
  await stack.stop();
  stopStack = async () => {};
  await child.stop();

  if (!existsSync(reportFile)) {
    fail(`Artillery exited with ${exitCode} and wrote no report:\n${child.output().slice(-3000)}`);
  }
  if (exitCode !== 0)
    log(
      `Artillery exited with ${exitCode} (1 when an ensure check failed); see ${relative(ROOT, join(runDir, 'artillery.log'))}`,
    );
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ArtilleryReport;
  const record: RunRecord = {
    startedAt: new Date(setupStart).toISOString(),
    command,
    machine,
    stack: stack.description,
    generator: artillery?.version ?? '',
    localIps,
    rooms,
    roomSize,
    setupMs,
    generatorExitCode: exitCode,
    durationMs,
    ...figures(report, plan, usage.samples),
    checks: checksFrom(child.output()),
    serverLogs: stack.servers.map((_, i) =>
      summarizeLog(`node ${i + 1}`, join(runDir, `server-node${i + 1}.log`)),
    ),
    serverExits,
  };
  const text = markdown(record, plan, storage === 'postgres');
  writeFileSync(join(resultsDir, `${stamp}.md`), text);
  writeFileSync(
    join(resultsDir, `${stamp}.json`),
    `${JSON.stringify({ ...record, samples: usage.samples }, null, 2)}\n`,
  );
  if (env.LOADTEST_KEEP_INPUT !== '1') {
    rmSync(roomsFile, { force: true }); // it holds the participants' tokens
  }
  console.log(text);
  log(
    `written to ${relative(ROOT, join(resultsDir, `${stamp}.md`))} and .json (Artillery's script, report and output in ${relative(ROOT, runDir)})`,
  );
  const problems = verdict(record);
  if (problems.length === 0) {
    log(`${smoke ? 'smoke ' : ''}passed: every check met`);
  } else if (enforce) {
    fail(`${smoke ? 'smoke ' : ''}FAILED: ${problems.join('; ')}`);
  } else {
    log(`checks missed (recorded, not enforced): ${problems.join('; ')}`);
  }
}

/** What fails an enforced run: a check missed or missing, an error, a lost delivery, a crash. */
function verdict(run: RunRecord): string[] {
  const problems: string[] = [];
  if (run.checks.length === 0) problems.push('Artillery reported no ensure check');
  for (const c of run.checks) if (!c.ok) problems.push(`${c.check} missed`);
  const errors = Object.entries(run.errors);
  if (errors.length > 0) problems.push(`errors ${errors.map(([code, n]) => `${code} × ${n}`).join(', ')}`);
  if (run.deliveries.lost > 0) problems.push(`${run.deliveries.lost} deliveries lost`);
  if (run.connections.welcomed < run.connections.expected)
    problems.push(`${run.connections.welcomed} of ${run.connections.expected} participants welcomed`);
  if (run.generatorExitCode !== 0) problems.push(`Artillery exited with ${run.generatorExitCode}`);
  problems.push(...run.serverExits);
  return problems;
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await generatorChild?.stop(2000);
    await stopStack();
    fail(error instanceof Error ? error.message : String(error));
  },
);
