/**
 * `npm run loadtest`: starts the stack, makes rooms and tokens over REST, runs the k6 scenarios
 * against it and records the results.
 *
 * 1. Finds k6 (LOADTEST_K6, then PATH, then ~/go/bin/k6); without it, says how to install it and
 *    exits 1.
 * 2. Starts the stack (`stack.ts`): one server on embedded storage by default;
 *    `LOADTEST_STORAGE=postgres` uses a database made for the run on the local PostgreSQL (dropped
 *    after); `LOADTEST_NODES=2` adds a second node and a Redis of its own.
 * 3. Makes the rooms and tokens, the timeline and the pre-encoded frames (`setup.ts`), writes them
 *    for k6, and runs `k6/rooms.js` with `--summary-export`, the connections spread over several
 *    127.0.0.x source addresses (`--local-ips`).
 * 4. Stops the stack and prints a markdown summary, also written with the raw figures to
 *    `loadtest/results/<time>.md` and `.json` (git-ignored), next to a folder with k6's summary export
 *    and the logs.
 *
 * Scenarios: `npm run loadtest -- steady storm spike` (all three by default, in that order), or
 * LOADTEST_SCENARIOS. A threshold missed is recorded, not a failure; the exit code is non-zero only
 * when the run itself could not be made. Every wait is bounded and the whole run is stopped after
 * LOADTEST_TIMEOUT_SECONDS (default 540). Loopback only.
 *
 * Other knobs (defaults): LOADTEST_ROOMS (500), LOADTEST_ROOM_SIZE (10), LOADTEST_ROOMS_PER_VU (10),
 * LOADTEST_CONNECT_SECONDS (45: from k6's start to the timeline's start), LOADTEST_ROUND_SECONDS (6),
 * LOADTEST_STEADY_SECONDS (60), LOADTEST_STORMS (3), LOADTEST_SPIKES (3), LOADTEST_ACK_P99_MS (250),
 * LOADTEST_REVEAL_P99_MS (250), LOADTEST_LOCAL_IPS (127.0.0.2-127.0.0.9), LOADTEST_POSTGRES_URL
 * (TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres), LOADTEST_REDIS_URL (use this
 * Redis instead of starting one), LOADTEST_KEEP_INPUT=1 (keep the plan and the rooms file, which
 * holds the tokens).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, release } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figures, type K6Summary, markdown, type RunRecord, summarizeLog } from './report.js';
import { makePlan, makeRooms, SCENARIOS, type Scenario } from './setup.js';
import { type Child, sampler, start, startStack } from './stack.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const K6_INSTALL = 'go install go.k6.io/k6/v2@v2.2.0';

/** One clear line and a non-zero exit, for what makes the run impossible. */
function fail(message: string, code = 1): never {
  console.error(`loadtest: ${message}`);
  process.exit(code);
}

// ---------------------------------------------------------------- configuration

const env = process.env;

function integer(name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`${name} must be an integer from ${min} to ${max}, got "${raw}"`, 2);
  return value;
}

const requested = (
  process.argv.length > 2 ? process.argv.slice(2) : (env.LOADTEST_SCENARIOS ?? '').split(',')
)
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
const rooms = integer('LOADTEST_ROOMS', 500, 1, 2000);
const roomSize = integer('LOADTEST_ROOM_SIZE', 10, 2, 100);
const roomsPerVu = integer('LOADTEST_ROOMS_PER_VU', 10, 1, 100);
const connectMs = integer('LOADTEST_CONNECT_SECONDS', 45, 5, 300) * 1000;
const roundMs = integer('LOADTEST_ROUND_SECONDS', 6, 3, 60) * 1000;
const steadyMs = integer('LOADTEST_STEADY_SECONDS', 60, 5, 600) * 1000;
const storms = integer('LOADTEST_STORMS', 3, 1, 20);
const spikes = integer('LOADTEST_SPIKES', 3, 1, 20);
const ackP99Ms = integer('LOADTEST_ACK_P99_MS', 250, 1, 600_000);
const revealP99Ms = integer('LOADTEST_REVEAL_P99_MS', 250, 1, 600_000);
const timeoutMs = integer('LOADTEST_TIMEOUT_SECONDS', 540, 60, 3600) * 1000;
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

// ---------------------------------------------------------------- k6

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findK6(): string | null {
  if (env.LOADTEST_K6 !== undefined && env.LOADTEST_K6 !== '')
    return executable(env.LOADTEST_K6) ? env.LOADTEST_K6 : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, 'k6'))) return join(dir, 'k6');
  }
  const goBin = join(env.GOPATH ?? join(homedir(), 'go'), 'bin', 'k6');
  return executable(goBin) ? goBin : null;
}

const k6 = findK6();
if (k6 === null)
  fail(
    `k6 not found (LOADTEST_K6, PATH, ~/go/bin/k6): install it with \`${K6_INSTALL}\` (or \`bash loadtest/install-k6.sh\` where that fails), then run again`,
  );
const k6Version =
  spawnSync(k6, ['version'], { encoding: 'utf8', timeout: 10_000 }).stdout?.trim().split('\n')[0] ?? '';
if (!k6Version.startsWith('k6 v')) fail(`${k6} does not run as k6 (\`k6 version\` printed "${k6Version}")`);

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
  ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
].join(' ');
const cpu = cpus();
const machine = `${cpu.length} vCPUs (${cpu[0]?.model.trim() ?? 'unknown'}), Linux ${release()}, Node ${process.version}, load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at the start`;

const log = (message: string) => console.error(`loadtest: ${message}`);
let stopStack: () => Promise<void> = async () => {};
let k6Child: Child | null = null;

// The whole run is bounded: past the timeout, everything is stopped and the run fails.
const watchdog = setTimeout(() => {
  log(`the run took longer than ${timeoutMs / 1000} s: stopping everything`);
  void (async () => {
    await k6Child?.stop(2000);
    await stopStack();
    process.exit(1);
  })();
}, timeoutMs);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await k6Child?.stop(2000);
      await stopStack();
      process.exit(130);
    })();
  });
}

async function main(): Promise<void> {
  log(
    `scenarios ${scenarios.join(', ')}; ${rooms} rooms × ${roomSize}; ${storage} storage, ${nodeCount} node(s); ${k6Version}`,
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

  const plan = makePlan(
    {
      scenarios,
      rooms,
      roomSize,
      roomsPerVu,
      connectMs,
      roundMs,
      steadyMs,
      storms,
      spikes,
      ackP99Ms,
      revealP99Ms,
    },
    Date.now(),
  );
  const planFile = join(runDir, 'plan.json');
  const roomsFile = join(runDir, 'rooms.json');
  writeFileSync(planFile, JSON.stringify(plan));
  writeFileSync(roomsFile, JSON.stringify(roomSpecs));
  const summaryFile = join(runDir, 'k6-summary.json');
  log(
    `k6: ${plan.vus} VUs, timeline starts in ${(connectMs / 1000).toFixed(0)} s and lasts ${((plan.closeAt - plan.startAt) / 1000).toFixed(0)} s`,
  );

  const k6Start = Date.now();
  const child = start(
    'k6',
    k6 as string,
    [
      'run',
      '--quiet',
      '--no-color',
      '--no-usage-report',
      '--summary-export',
      summaryFile,
      '--local-ips',
      localIps,
      '-e',
      `LOADTEST_PLAN=${planFile}`,
      '-e',
      `LOADTEST_ROOMS=${roomsFile}`,
      join(HERE, 'k6', 'rooms.js'),
    ],
    { cwd: ROOT, env: { ...env, K6_NO_USAGE_REPORT: 'true' }, logFile: join(runDir, 'k6.log') },
  );
  k6Child = child;
  const usage = sampler(
    () => stack.servers.map((s) => s.pid),
    () => child.pid,
    storage === 'postgres',
  );
  const exitCode = await new Promise<number | null>((resolveExit) => {
    const limit = setTimeout(
      () => {
        log('k6 did not finish in time: stopping it');
        void child.stop(5000);
      },
      plan.closeAt - Date.now() + 90_000,
    );
    child.process.on('exit', (code) => {
      clearTimeout(limit);
      resolveExit(code);
    });
  });
  usage.stop();
  const durationMs = Date.now() - k6Start;
  const serverExits = stack.servers
    .filter((s) => s.exited())
    .map((s) => `${s.name} exited during the run (code ${s.process.exitCode ?? s.process.signalCode})`);
  await stack.stop();
  stopStack = async () => {};

  if (!existsSync(summaryFile)) {
    fail(`k6 exited with ${exitCode} and wrote no summary:\n${child.output().slice(-3000)}`);
  }
  if (exitCode !== 0 && exitCode !== 99)
    log(
      `k6 exited with ${exitCode} (99 is "thresholds missed"); see ${relative(ROOT, join(runDir, 'k6.log'))}`,
    );
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as K6Summary;
  const record: RunRecord = {
    startedAt: new Date(setupStart).toISOString(),
    command,
    machine,
    stack: stack.description,
    k6: k6Version,
    localIps,
    rooms,
    roomSize,
    vus: plan.vus,
    setupMs,
    k6ExitCode: exitCode,
    durationMs,
    ...figures(summary, plan, usage.samples),
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
    `written to ${relative(ROOT, join(resultsDir, `${stamp}.md`))} and .json (k6's output in ${relative(ROOT, runDir)})`,
  );
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await k6Child?.stop(2000);
    await stopStack();
    fail(error instanceof Error ? error.message : String(error));
  },
);
