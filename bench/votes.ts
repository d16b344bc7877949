/**
 * Durable votes benchmark: how many votes a second are stored in PostgreSQL, acknowledged and
 * broadcast, and how long a vote waits for its ack, for four configurations side by side in one
 * run:
 *
 * - `embedded`: one node on embedded PGlite (`POKERROOM_DATA_DIR`, a temporary directory);
 * - `postgres`: one node on the machine's PostgreSQL (a database made for the run, then dropped);
 * - `cluster`: two nodes on that PostgreSQL and Redis, the clients of every room spread over both;
 * - `cluster-affinity`: the same two nodes, each room's clients all on one node (rooms alternate);
 * - `pg-only`: PostgreSQL alone as the limit (`votes-pg.ts`): the server's own group-commit code
 *   storing the same votes at the same concurrency, with no server and no sockets;
 * - `sockets-only`: the sockets alone as the limit (`votes-sockets-server.ts`): raw uWebSockets.js
 *   answering the same load with the same frames (ack, and the event to the room), storing nothing.
 *
 * Every server is the bundle `npm start` runs (`server/dist/main.js`, built first) in its own
 * process. Rooms hold 10 clients, made through the REST API: a facilitator (who starts the round)
 * and 9 voters, and all 10 vote, alternating two cards so that each vote is a change. The clients
 * live in load-generator processes (`votes-load.ts`), bound to several 127.0.0.x source addresses. Each connection votes in a
 * closed loop with at most VOTES_IN_FLIGHT votes unanswered and at most 19 a second (the server
 * allows 20 sustained per connection). Three phases per configuration:
 *
 * - `max`: every connection at its rate cap — the sustained maximum, with the latency it costs;
 * - `paced`: the load offers the target rate (20,000/s on one node, 10,000/s on two) — whether the
 *   target is met, and the ack latency at that rate;
 * - `half`: the load offers half of the configuration's own maximum (its `max` phase) — the ack
 *   latency of a busy node that keeps up;
 * - `matched` (sockets-only, run last): the load offers each earlier configuration's `half` rate, so
 *   that configuration's ack p99 can be set against the sockets' own p99 at the same offered rate,
 *   and the votes/s of its `max`, so that its CPU per vote can be set against the sockets' at the
 *   same votes/s (at their own maximum, the sockets answer several times more votes a second, and
 *   a socket's write then carries more of them).
 *
 * The report ends with the ratios to the sockets' own limit that docs/performance.md tracks.
 *
 * Counters are taken over a steady-state window after a warm-up. CPU time of the server(s), of
 * PostgreSQL (all its processes), of Redis and of the load generators is read from /proc over the
 * same window. Every child is killed when this process exits, and every wait is bounded.
 *
 * Environment (all optional): VOTES_CONFIGS (`embedded,postgres,cluster,cluster-affinity,pg-only,sockets-only`), VOTES_ROOMS
 * (`300`), VOTES_IN_FLIGHT (`2`), VOTES_WARMUP_MS (`5000`), VOTES_WINDOW_MS (`20000`),
 * VOTES_PACED_WINDOW_MS (`10000`), VOTES_PHASES (`max,paced,half`), VOTES_TARGET (the paced rate for every configuration, instead of
 * 20,000/s on one node and 10,000/s on two), VOTES_LOADGENS (`2`), VOTES_RUNS (`1`: with more, every
 * configuration runs that many times in turn, and the report ends with each ratio's runs, their mean and
 * its 95 % interval), VOTES_CPU_PROF (a directory: run the servers with `--cpu-prof` and write
 * their profiles there), VOTES_HEAP_PROF (a directory: sample what the servers allocate with
 * `bench/heap-sampler.cjs` and write their heap profiles there), TEST_POSTGRES_URL (the admin URL,
 * default `postgres://postgres@127.0.0.1:5432/postgres`), VOTES_REDIS_URL
 * (`redis://127.0.0.1:6379`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { builtServer } from './built-server.js';
import { repeated } from './repeated.js';
import { pool, post } from './rest-setup.js';
import {
  addCounts,
  type FromLoad,
  type LoadClient,
  mergeHists,
  type PhasePlan,
  type PhaseResult,
  quantileMs,
  type ToLoad,
} from './votes-shared.js';

type ConfigName = 'embedded' | 'postgres' | 'cluster' | 'cluster-affinity' | 'pg-only' | 'sockets-only';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const ROOM_SIZE = 10;
const PER_CONNECTION_RATE = 19;
/** Each API key may make 50 requests a second with a burst of 200: setup spreads over several. */
const REQUESTS_PER_KEY = 180;

const env = process.env;
const list = (name: string, fallback: string) =>
  (env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
const CONFIGS = list(
  'VOTES_CONFIGS',
  'embedded,postgres,cluster,cluster-affinity,pg-only,sockets-only',
) as ConfigName[];
const ROOMS = Number(env.VOTES_ROOMS ?? 300);
const IN_FLIGHT = Number(env.VOTES_IN_FLIGHT ?? 2);
const WARMUP_MS = Number(env.VOTES_WARMUP_MS ?? 5000);
const WINDOW_MS = Number(env.VOTES_WINDOW_MS ?? 20_000);
const PACED_WINDOW_MS = Number(env.VOTES_PACED_WINDOW_MS ?? 10_000);
/** Overrides every configuration's target rate (the paced phase; half of it for the half phase). */
const TARGET_OVERRIDE = env.VOTES_TARGET === undefined ? null : Number(env.VOTES_TARGET);
const LOADGENS = Number(env.VOTES_LOADGENS ?? 2);
/** Times to run every configuration; with more than one, the ratios are also given as a mean with its interval. */
const RUNS = Math.max(1, Math.floor(Number(env.VOTES_RUNS ?? 1)));
const CPU_PROF = env.VOTES_CPU_PROF;
const HEAP_PROF = env.VOTES_HEAP_PROF;
const ADMIN_URL = env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = env.VOTES_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BOOTSTRAP_KEY = `sk_test_${randomBytes(24).toString('hex').slice(0, 32)}`;

const LABELS: Record<ConfigName, string> = {
  embedded: 'embedded (PGlite), 1 node',
  postgres: 'PostgreSQL, 1 node',
  cluster: 'PostgreSQL + Redis, 2 nodes',
  'cluster-affinity': 'PostgreSQL + Redis, 2 nodes, room affinity',
  'pg-only': 'PostgreSQL alone (group commit, no server)',
  'sockets-only': 'raw uWebSockets.js alone (no storage)',
};
/**
 * `max`: every connection at its cap; `paced`: the target rate offered; `half`: half of it, the
 * latency of a node that is busy but not saturated.
 */
const PHASES = ['max', 'paced', 'half'] as const;
type Phase = (typeof PHASES)[number] | 'matched';
const RUN_PHASES = list('VOTES_PHASES', PHASES.join(',')).filter((phase): phase is (typeof PHASES)[number] =>
  (PHASES as readonly string[]).includes(phase),
);
/** A rate an earlier configuration was offered (`half`) or reached (`max`), offered again to the sockets alone. */
interface Match {
  readonly config: ConfigName;
  readonly phase: 'max' | 'half';
  readonly rate: number;
}
/** The rates the sockets alone are offered again (`matched`), in the order the configurations ran. */
const matchedRates: Match[] = [];

const TARGETS: Record<ConfigName, number> = {
  embedded: 20_000,
  postgres: 20_000,
  cluster: 10_000,
  'cluster-affinity': 10_000,
  'pg-only': 20_000,
  'sockets-only': 20_000,
};

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

interface Child {
  readonly process: ChildProcess;
  readonly name: string;
  output(): string;
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts `node <args>` with up to 20,000 open files and an IPC channel. */
function start(name: string, args: string[], extraEnv: Record<string, string> = {}): Child {
  const child = spawn(
    'sh',
    ['-c', 'ulimit -n 20000 2>/dev/null; exec "$0" "$@"', process.execPath, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  children.add(child);
  const exited = new Promise<void>((done) =>
    child.on('exit', () => {
      children.delete(child);
      done();
    }),
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    process: child,
    name,
    output: () => output,
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The next IPC message of `type` from a child, or an error after `timeoutMs`. */
function next<T extends FromLoad['type']>(
  child: Child,
  type: T,
  timeoutMs: number,
): Promise<Extract<FromLoad, { type: T }>> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (message: FromLoad) => {
      if (message.type !== type) return;
      cleanup();
      resolvePromise(message as Extract<FromLoad, { type: T }>);
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`${child.name} exited while waiting for ${type}:\n${child.output().slice(-2000)}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.name}: no ${type} within ${timeoutMs} ms:\n${child.output().slice(-2000)}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.process.off('message', onMessage);
      child.process.off('exit', onExit);
    };
    child.process.on('message', onMessage);
    child.process.on('exit', onExit);
  });
}

const tell = (child: Child, message: ToLoad) => child.process.send(message);

async function startServer(name: string, port: number, extraEnv: Record<string, string>): Promise<Child> {
  // One directory per server: Node writes a profile per thread (the main one is the largest).
  const profileDir = CPU_PROF === undefined ? null : resolve(CPU_PROF, name);
  if (profileDir !== null) mkdirSync(profileDir, { recursive: true });
  const profile = profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const heapDir = HEAP_PROF === undefined ? null : resolve(HEAP_PROF, name);
  if (heapDir !== null) mkdirSync(heapDir, { recursive: true });
  const heap =
    heapDir === null ? [] : ['--require', fileURLToPath(new URL('heap-sampler.cjs', import.meta.url))];
  const child = start(name, [...profile, ...heap, ...builtServer()], {
    ...(heapDir === null ? {} : { POKERROOM_HEAP_PROF_DIR: heapDir }),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    POKERROOM_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
    ...extraEnv,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`${name} exited early:\n${child.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline) {
      await child.stop(1000);
      throw new Error(`${name} did not answer /healthz within 60 s:\n${child.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A port for a server (and the one after it, for a second node), below Linux's ephemeral ports
 * (32768 up): those are the load generators' client sockets', and one of the previous
 * configuration's may still be in use (a node then failed to listen).
 */
function serverPort(): number {
  return 21000 + Math.floor(Math.random() * 11000);
}

/** Starts the sockets-only server (`votes-sockets-server.ts`) and waits until it listens. */
async function startSocketsServer(port: number): Promise<Child> {
  const child = start('votes-sockets-only', [
    '--import',
    'tsx',
    'bench/votes-sockets-server.ts',
    String(port),
  ]);
  const deadline = Date.now() + 30_000;
  while (!child.output().includes(`port ${port}`)) {
    if (child.process.exitCode !== null) throw new Error(`sockets server exited early:\n${child.output()}`);
    if (Date.now() > deadline) {
      await child.stop(1000);
      throw new Error(`sockets server did not listen within 30 s:\n${child.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

/** The same rooms of clients for the sockets-only server: no REST, no tokens. */
function socketsOnlyClients(port: number): LoadClient[][] {
  return Array.from({ length: ROOMS }, (_, r) =>
    Array.from({ length: ROOM_SIZE }, (_, j) => ({
      url: `ws://127.0.0.1:${port}/v1/ws?room=r${r}&p=p${r}_${j}`,
      facilitator: j === 0,
      localAddress: `127.0.0.${2 + ((r * ROOM_SIZE + j) % 8)}`,
    })),
  );
}

// ---------------------------------------------------------------- setup through the REST API

/** Rooms and tokens for every client; client `j` of a room connects to node `j % nodes.length`. */
async function makeClients(nodes: readonly string[], affinity: boolean): Promise<LoadClient[][]> {
  const requests = ROOMS * (ROOM_SIZE + 1);
  const keyCount = Math.ceil(requests / REQUESTS_PER_KEY);
  const first = nodes[0] as string;
  const keys = await pool(Array.from({ length: keyCount }), 4, async (_, i) => {
    const created = await post(first, BOOTSTRAP_KEY, '/v1/keys', { name: `votes benchmark ${i}` });
    return String(created.secret);
  });
  const roomIndexes = Array.from({ length: ROOMS }, (_, i) => i);
  return pool(roomIndexes, 32, async (r) => {
    const key = keys[r % keys.length] as string;
    const base = nodes[r % nodes.length] as string;
    const room = await post(base, key, '/v1/rooms', { name: `Votes ${r}` });
    const roomId = String(room.id);
    const clients: LoadClient[] = [];
    for (let j = 0; j < ROOM_SIZE; j++) {
      const token = await post(base, key, `/v1/rooms/${roomId}/tokens`, {
        name: `Voter ${j}`,
        role: j === 0 ? 'facilitator' : 'voter',
      });
      // Spread every room over the nodes, or (affinity) keep each room on one node, as a load
      // balancer hashing the `room` query parameter would.
      const node = new URL(nodes[(affinity ? r : j) % nodes.length] as string);
      const ws = new URL(String(token.wsUrl));
      ws.host = node.host;
      ws.searchParams.set('token', String(token.token));
      clients.push({
        url: ws.toString(),
        facilitator: j === 0,
        localAddress: `127.0.0.${2 + ((r * ROOM_SIZE + j) % 8)}`,
      });
    }
    return clients;
  });
}

// ---------------------------------------------------------------- CPU time from /proc

const TICKS = 100;

function procTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function ticksByCommand(names: readonly string[]): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (names.includes(comm)) total += procTicks(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

interface CpuSample {
  readonly at: number;
  readonly server: number;
  readonly postgres: number;
  readonly redis: number;
  readonly load: number;
  readonly machineBusy: number;
  readonly machineTotal: number;
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

function sampleCpu(servers: readonly Child[], loads: readonly Child[]): CpuSample {
  const sum = (group: readonly Child[]) =>
    group.reduce((total, c) => total + procTicks(c.process.pid ?? 0), 0);
  const machine = machineTicks();
  return {
    at: Date.now(),
    server: sum(servers),
    postgres: ticksByCommand(['postgres']),
    redis: ticksByCommand(['redis-server']),
    load: sum(loads),
    machineBusy: machine.busy,
    machineTotal: machine.total,
  };
}

interface Cpu {
  readonly server: number;
  readonly postgres: number;
  readonly redis: number;
  readonly load: number;
  /** Share of the whole machine busy (0–1). */
  readonly machine: number;
}

function cpuBetween(a: CpuSample, b: CpuSample): Cpu {
  const seconds = (b.at - a.at) / 1000;
  const cores = (x: number, y: number) => (y - x) / TICKS / seconds;
  return {
    server: cores(a.server, b.server),
    postgres: cores(a.postgres, b.postgres),
    redis: cores(a.redis, b.redis),
    load: cores(a.load, b.load),
    machine: (b.machineBusy - a.machineBusy) / Math.max(1, b.machineTotal - a.machineTotal),
  };
}

// ---------------------------------------------------------------- one configuration

interface Row {
  readonly config: ConfigName;
  readonly phase: Phase;
  /** For `matched`: the configuration and phase whose rate was offered. */
  readonly matches?: Match | undefined;
  readonly connections: number;
  readonly offered: string;
  readonly votesPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly deliveriesPerSecond: number | null;
  readonly errors: Record<string, number>;
  readonly cpu: Cpu;
  readonly note: string;
}

async function runPhases(
  config: ConfigName,
  servers: readonly Child[],
  loads: readonly Child[],
  shares: readonly number[],
): Promise<Row[]> {
  const rows: Row[] = [];
  const connections = shares.reduce((a, b) => a + b, 0);
  const steps: { phase: Phase; matches?: Match }[] = RUN_PHASES.map((phase) => ({ phase }));
  if (config === 'sockets-only')
    for (const match of matchedRates) steps.push({ phase: 'matched', matches: match });
  for (const { phase, matches } of steps) {
    const window = phase === 'max' ? WINDOW_MS : PACED_WINDOW_MS;
    const warmup = phase === 'max' ? WARMUP_MS : Math.min(WARMUP_MS, 3000);
    const startAt = Date.now() + 300;
    const plan: PhasePlan = {
      mode: phase === 'max' ? 'max' : 'paced',
      perConnectionRate: PER_CONNECTION_RATE,
      maxInFlight: IN_FLIGHT,
      startAt,
      windowStart: startAt + warmup,
      windowEnd: startAt + warmup + window,
      stopAt: startAt + warmup + window + 100,
    };
    const ownMax = rows.find((row) => row.phase === 'max')?.votesPerSecond;
    const target =
      phase === 'matched'
        ? (matches as Match).rate
        : phase === 'half' && ownMax !== undefined
          ? ownMax / 2
          : (TARGET_OVERRIDE ?? TARGETS[config]) * (phase === 'half' ? 0.5 : 1);
    if (phase === 'half' && config !== 'sockets-only') matchedRates.push({ config, phase, rate: target });
    const results = loads.map((load) => next(load, 'phase-result', warmup + window + 30_000));
    for (const [i, load] of loads.entries()) {
      tell(load, {
        type: 'phase',
        plan,
        totalRate: phase === 'max' ? null : (target * (shares[i] ?? 0)) / connections,
      });
    }
    const cpuStart = new Promise<CpuSample>((r) =>
      setTimeout(() => r(sampleCpu(servers, loads)), plan.windowStart - Date.now()),
    );
    const cpuEnd = new Promise<CpuSample>((r) =>
      setTimeout(() => r(sampleCpu(servers, loads)), plan.windowEnd - Date.now()),
    );
    const cpu = cpuBetween(await cpuStart, await cpuEnd);
    const measured = (await Promise.all(results)).map((m) => m.result);
    const row = { ...summarize(config, phase, connections, measured, window, cpu, target), matches };
    rows.push(row);
    if (phase === 'max' && config !== 'sockets-only')
      matchedRates.push({ config, phase, rate: row.votesPerSecond });
    console.error(
      `votes: ${config} ${phase}${matches === undefined ? '' : ` (${matches.config}'s ${matches.phase})`}: ${Math.round(row.votesPerSecond)} votes/s, p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms`,
    );
  }
  return rows;
}

function summarize(
  config: ConfigName,
  phase: Phase,
  connections: number,
  results: readonly PhaseResult[],
  windowMs: number,
  cpu: Cpu,
  target: number,
): Row {
  const seconds = windowMs / 1000;
  const errors: Record<string, number> = {};
  const closes: Record<string, number> = {};
  for (const result of results) {
    addCounts(errors, result.errors);
    addCounts(closes, result.closes);
  }
  for (const [code, count] of Object.entries(closes)) errors[`close ${code}`] = count;
  const unanswered = results.reduce((a, r) => a + r.unanswered, 0);
  if (unanswered > 0) errors.unanswered = unanswered;
  const hist = mergeHists(results.map((r) => r.hist));
  const acked = results.reduce((a, r) => a + r.acked, 0);
  const deliveries = results.reduce((a, r) => a + r.deliveries, 0);
  const open = results.reduce((a, r) => a + r.open, 0);
  return {
    config,
    phase,
    connections,
    offered:
      phase === 'max'
        ? `≤ ${fmt(connections * PER_CONNECTION_RATE)}/s (${PER_CONNECTION_RATE}/s × ${fmt(connections)})`
        : `${fmt(Math.min(target, connections * PER_CONNECTION_RATE))}/s`,
    votesPerSecond: acked / seconds,
    p50: quantileMs(hist, 0.5),
    p99: quantileMs(hist, 0.99),
    deliveriesPerSecond: config === 'pg-only' ? null : deliveries / seconds,
    errors,
    cpu,
    note: open < connections ? `${connections - open} connections closed` : '',
  };
}

async function runConfig(config: ConfigName): Promise<Row[]> {
  const servers: Child[] = [];
  const loads: Child[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    let databaseUrl: string | null = null;
    if (config !== 'embedded' && config !== 'sockets-only') {
      const name = `pokerroom_votes_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      cleanups.push(async () => {
        const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
        await sql.unsafe(`drop database if exists ${name} with (force)`);
        await sql.end();
      });
    }

    let perLoad: LoadClient[][];
    const loadScript = config === 'pg-only' ? 'bench/votes-pg.ts' : 'bench/votes-load.ts';
    const loadCount = config === 'pg-only' ? 1 : LOADGENS;
    if (config === 'pg-only') {
      perLoad = [[]];
    } else if (config === 'sockets-only') {
      const port = serverPort();
      servers.push(await startSocketsServer(port));
      perLoad = Array.from({ length: loadCount }, () => []);
      for (const [r, clients] of socketsOnlyClients(port).entries()) perLoad[r % loadCount]?.push(...clients);
    } else {
      const port = serverPort();
      const storage: Record<string, string> =
        config === 'embedded'
          ? { POKERROOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'pokerroom-votes-')) }
          : { DATABASE_URL: databaseUrl as string };
      if (config === 'embedded') {
        const dir = storage.POKERROOM_DATA_DIR as string;
        cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      }
      const multiNode = config === 'cluster' || config === 'cluster-affinity';
      const nodeCount = multiNode ? 2 : 1;
      for (let n = 0; n < nodeCount; n++) {
        servers.push(
          await startServer(`votes-${config}-node${n + 1}`, port + n, {
            ...storage,
            ...(multiNode ? { REDIS_URL } : {}),
          }),
        );
      }
      const setupStart = Date.now();
      const rooms = await makeClients(
        servers.map((_, n) => `http://127.0.0.1:${port + n}`),
        config === 'cluster-affinity',
      );
      console.error(
        `votes: ${config}: ${ROOMS} rooms and ${ROOMS * ROOM_SIZE} tokens in ${Date.now() - setupStart} ms`,
      );
      perLoad = Array.from({ length: loadCount }, () => []);
      for (const [r, clients] of rooms.entries()) perLoad[r % loadCount]?.push(...clients);
    }

    for (let i = 0; i < loadCount; i++) {
      loads.push(
        start(`votes-load-${i + 1}`, ['--conditions=source', '--import', 'tsx', loadScript], {
          VOTES_PG_URL: databaseUrl ?? '',
          VOTES_PG_ROOMS: String(ROOMS),
          VOTES_PG_ROOM_SIZE: String(ROOM_SIZE),
        }),
      );
    }
    const connectStart = Date.now();
    const connected = await Promise.all(
      loads.map((load, i) => {
        const reply = next(load, 'connected', 120_000);
        tell(load, { type: 'connect', clients: perLoad[i] ?? [] });
        return reply;
      }),
    );
    const failed: Record<string, number> = {};
    for (const c of connected) addCounts(failed, c.failed);
    const shares = connected.map((c) => c.open);
    console.error(
      `votes: ${config}: ${shares.reduce((a, b) => a + b, 0)} clients connected in ${Date.now() - connectStart} ms` +
        (Object.keys(failed).length > 0 ? `; failed: ${JSON.stringify(failed)}` : ''),
    );
    const rounds = await Promise.all(
      loads.map((load) => {
        const reply = next(load, 'round-started', 60_000);
        tell(load, { type: 'start-round' });
        return reply;
      }),
    );
    const roundErrors: Record<string, number> = {};
    for (const r of rounds) addCounts(roundErrors, r.errors);
    if (Object.keys(roundErrors).length > 0)
      console.error(`votes: ${config}: round.start errors ${JSON.stringify(roundErrors)}`);

    return await runPhases(config, servers, loads, shares);
  } finally {
    for (const load of loads) if (load.process.connected) tell(load, { type: 'exit' });
    await Promise.all(loads.map((load) => load.stop(5000)));
    await Promise.all(servers.map((server) => server.stop(15_000)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

// ---------------------------------------------------------------- report

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : Math.round(n).toString()) : '—');
const pct = (n: number) => `${(n * 100).toFixed(0)} %`;

function table(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (right[i] ? `${'-'.repeat(Math.max(1, w - 1))}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const phaseLabel = (row: Row) =>
  row.matches === undefined ? row.phase : `at ${row.matches.config}'s ${row.matches.phase}`;

/** A ratio docs/performance.md tracks, from one run: our figure, the limit's, and their ratio. */
interface LimitRatio {
  /** What is compared; the same words in every run, so that runs can be set side by side. */
  readonly figure: string;
  readonly ours: string;
  readonly limit: string;
  readonly value: number;
  /** `×`: how many times the limit; `%`: a share of it. */
  readonly unit: '×' | '%';
}

const ratioText = (value: number, unit: LimitRatio['unit']) =>
  !Number.isFinite(value) ? '—' : unit === '%' ? pct(value) : `${value.toFixed(2)}×`;

/**
 * The figures docs/performance.md states as ratios to a limit measured in the same run: CPU per
 * durable vote and throughput against raw uWebSockets.js, two nodes against one, and the ack p99 of
 * a node at half its maximum against the sockets' p99 at the same offered rate.
 */
function limitRatios(rows: readonly Row[]): LimitRatio[] {
  const find = (config: ConfigName, phase: Phase, matches?: Omit<Match, 'rate'>) =>
    rows.find(
      (r) =>
        r.config === config &&
        r.phase === phase &&
        r.matches?.config === matches?.config &&
        r.matches?.phase === matches?.phase,
    );
  const perCore = (row: Row) => row.votesPerSecond / row.cpu.server;
  const out: LimitRatio[] = [];
  const sockets = find('sockets-only', 'max');
  for (const config of ['embedded', 'postgres', 'cluster', 'cluster-affinity'] as const) {
    const max = find(config, 'max');
    if (max === undefined) continue;
    if (sockets !== undefined) {
      out.push({
        figure: `${LABELS[config]}: server CPU per durable vote ÷ raw uWebSockets.js's (votes per server core-second)`,
        ours: fmt(perCore(max)),
        limit: fmt(perCore(sockets)),
        value: perCore(sockets) / perCore(max),
        unit: '×',
      });
      out.push({
        figure: `${LABELS[config]}: durable votes/s ÷ the sockets-only maximum`,
        ours: fmt(max.votesPerSecond),
        limit: fmt(sockets.votesPerSecond),
        value: max.votesPerSecond / sockets.votesPerSecond,
        unit: '%',
      });
    }
    const sameRate = find('sockets-only', 'matched', { config, phase: 'max' });
    if (sameRate !== undefined)
      out.push({
        figure: `${LABELS[config]}: server CPU per durable vote ÷ raw uWebSockets.js's at the same votes/s`,
        ours: fmt(perCore(max)),
        limit: `${fmt(perCore(sameRate))} at ${fmt(sameRate.votesPerSecond)}/s`,
        value: perCore(sameRate) / perCore(max),
        unit: '×',
      });
    const half = find(config, 'half');
    const matched = find('sockets-only', 'matched', { config, phase: 'half' });
    if (half !== undefined && matched !== undefined)
      out.push({
        figure: `${LABELS[config]}: ack p99 at half its maximum ÷ the sockets' p99 at that offered rate`,
        ours: `${ms(half.p99)} ms`,
        limit: `${ms(matched.p99)} ms at ${fmt(matched.matches?.rate ?? Number.NaN)}/s`,
        value: half.p99 / matched.p99,
        unit: '×',
      });
  }
  const one = find('postgres', 'max');
  const two = find('cluster-affinity', 'max');
  if (one !== undefined && two !== undefined)
    out.push({
      figure: 'votes per server core-second, two nodes with room affinity ÷ one node',
      ours: fmt(perCore(two)),
      limit: fmt(perCore(one)),
      value: perCore(two) / perCore(one),
      unit: '%',
    });
  return out;
}

/**
 * Every ratio over the runs: each run's value, their geometric mean and its 95 % interval, in the
 * order the ratios first appeared.
 */
function ratiosOverRuns(runs: readonly LimitRatio[][]): string[][] {
  const figures = [...new Set(runs.flat().map((ratio) => ratio.figure))];
  return figures.map((figure) => {
    const unit = runs.flat().find((ratio) => ratio.figure === figure)?.unit ?? '×';
    const values = runs.map((ratios) => ratios.find((ratio) => ratio.figure === figure)?.value ?? Number.NaN);
    const { runs: counted, mean, low, high } = repeated(values, 'ratio');
    return [
      figure,
      ...values.map((value) => ratioText(value, unit)),
      ratioText(mean, unit),
      counted < 2 ? '—' : `${ratioText(low, unit)} – ${ratioText(high, unit)}`,
    ];
  });
}

/** Runs every configuration once and prints its tables; returns its ratios and whether all ran. */
async function runOnce(): Promise<{ ratios: LimitRatio[]; failures: string[] }> {
  matchedRates.length = 0;
  const rows: Row[] = [];
  const failures: string[] = [];
  // The sockets alone run last, so that they can be offered the other configurations' half rates.
  const order = [
    ...CONFIGS.filter((c) => c !== 'sockets-only'),
    ...CONFIGS.filter((c) => c === 'sockets-only'),
  ];
  for (const config of order) {
    if (!Object.hasOwn(LABELS, config)) {
      failures.push(`${config}: unknown configuration (known: ${Object.keys(LABELS).join(', ')})`);
      continue;
    }
    try {
      rows.push(...(await runConfig(config)));
    } catch (error) {
      failures.push(`${config}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1500));
    }
  }
  const errorText = (errors: Record<string, number>) => {
    const entries = Object.entries(errors);
    return entries.length === 0 ? 'none' : entries.map(([code, n]) => `${code} ${fmt(n)}`).join(', ');
  };
  console.log(
    table(
      [
        'configuration',
        'phase',
        'offered',
        'durable votes/s',
        'ack p50 ms',
        'ack p99 ms',
        'deliveries/s',
        'errors',
      ],
      rows.map((r) => [
        LABELS[r.config],
        phaseLabel(r),
        r.offered,
        fmt(r.votesPerSecond),
        ms(r.p50),
        ms(r.p99),
        r.deliveriesPerSecond === null ? '—' : fmt(r.deliveriesPerSecond),
        errorText(r.errors) + (r.note === '' ? '' : `; ${r.note}`),
      ]),
      [false, false, false, true, true, true, true, false],
    ),
  );
  console.log('\nCPU over the same windows (cores busy; the machine has 2):\n');
  console.log(
    table(
      [
        'configuration',
        'phase',
        'server(s)',
        'PostgreSQL',
        'Redis',
        'load generator',
        'machine busy',
        'votes per server core-second',
        'votes per PostgreSQL core-second',
      ],
      rows.map((r) => [
        LABELS[r.config],
        phaseLabel(r),
        r.config === 'pg-only' ? '—' : r.cpu.server.toFixed(2),
        r.config === 'embedded' || r.config === 'sockets-only' ? '—' : r.cpu.postgres.toFixed(2),
        r.config === 'cluster' || r.config === 'cluster-affinity' ? r.cpu.redis.toFixed(2) : '—',
        r.cpu.load.toFixed(2),
        pct(r.cpu.machine),
        r.config === 'pg-only' ? '—' : fmt(r.votesPerSecond / r.cpu.server),
        r.config === 'embedded' || r.config === 'sockets-only' ? '—' : fmt(r.votesPerSecond / r.cpu.postgres),
      ]),
      [false, false, true, true, true, true, true, true, true],
    ),
  );
  const ratios = limitRatios(rows);
  if (ratios.length > 0) {
    console.log("\nRatios to the sockets' own limit, this run:\n");
    console.log(
      table(
        ['figure', 'ours', 'limit', 'ratio'],
        ratios.map((r) => [r.figure, r.ours, r.limit, ratioText(r.value, r.unit)]),
        [false, true, true, true],
      ),
    );
  }
  return { ratios, failures };
}

export default async function main(): Promise<void> {
  const machine = `${cpus().length} vCPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} before the run`;
  console.log(
    `Durable votes: ${ROOMS} rooms × ${ROOM_SIZE} clients, every client voting (≤ ${PER_CONNECTION_RATE}/s, ≤ ${IN_FLIGHT} in flight); ` +
      `max: ${WARMUP_MS / 1000} s warm-up + ${WINDOW_MS / 1000} s window; paced and half: ${Math.min(WARMUP_MS, 3000) / 1000} s + ${PACED_WINDOW_MS / 1000} s` +
      `${RUNS > 1 ? `; ${RUNS} runs` : ''}.\n` +
      `Machine: ${machine}.\n`,
  );
  const runs: LimitRatio[][] = [];
  const failures: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    if (RUNS > 1) console.log(`\n## Run ${run} of ${RUNS}\n`);
    const once = await runOnce();
    runs.push(once.ratios);
    failures.push(...once.failures.map((failure) => (RUNS > 1 ? `run ${run}: ${failure}` : failure)));
  }
  if (RUNS > 1 && runs.some((ratios) => ratios.length > 0)) {
    console.log(
      `\nRatios to the sockets' own limit over ${RUNS} runs: their geometric mean, with its 95 % interval (Student's t on the logarithms):\n`,
    );
    console.log(
      table(
        ['figure', ...runs.map((_, i) => `run ${i + 1}`), 'mean', '95 % interval'],
        ratiosOverRuns(runs),
        [false, ...runs.map(() => true), true, true],
      ),
    );
  }
  console.log(
    `\nLoad average after the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}.`,
  );
  if (failures.length > 0) {
    console.log(`\nFailed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}
