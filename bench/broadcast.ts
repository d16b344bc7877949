/**
 * Room broadcast benchmark: what one delivered room broadcast costs the server, and what an idle
 * connection costs in memory, for three servers doing the same job side by side in one run:
 *
 * - raw uWebSockets.js (`broadcast-servers.ts uws`): sockets subscribe to their room's topic and
 *   each frame received is `app.publish`ed to it — the limit;
 * - our server (the bundle `npm start` runs, `server/dist/main.js`, built first; embedded storage in a temporary directory): rooms and tokens
 *   made through the REST API, then real commands — `vote.cast` (durable: stored, then broadcast,
 *   then acknowledged) and `reaction.send` (ephemeral) — broadcast to the room;
 * - Socket.IO 4 (`broadcast-servers.ts socketio`): `io.to(room).emit`, websocket transport only,
 *   `perMessageDeflate: false`.
 *
 * Each server runs alone in its own process, measured from inside by `broadcast-probe.ts` (CPU
 * time and memory over IPC); the sockets live in another process (`broadcast-load.ts`). Rooms
 * hold 10 sockets each. Every child is killed when this process exits, and every wait is bounded.
 *
 * Environment (all optional): BROADCAST_RATE (commands per room per second, default `5`; the
 * sender rotates over the room's members), BROADCAST_CONNECTIONS (default `1000,5000`), BROADCAST_IDLE
 * (`15000`; `0` skips the idle runs), BROADCAST_SERVERS (`uws,ours,socketio`; add `ours-pg` for
 * our server on the PostgreSQL at BROADCAST_POSTGRES_URL, default
 * `postgres://postgres@127.0.0.1:5432/postgres`, in a database made and dropped for the run),
 * BROADCAST_CPU_PROF (a directory: run our server with `--cpu-prof`, write its profile there, and
 * print each phase's window for `bench/broadcast-profile.ts`), BROADCAST_HEAP_SNAPSHOTS (a directory:
 * write heap snapshots of each server holding half and all of its idle connections there, for
 * `bench/heap-compare.ts`), BROADCAST_RUNS (`1`: with more, every server runs that many times in
 * turn, and the report ends with each ratio's runs, their mean with its 95 % interval, and their
 * median), BROADCAST_IDLE_CPU_MS (`3000`: how long the server's CPU is measured with every
 * connection open and nobody sending, before the phases).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { YOUNG_GENERATION_FLOOR_BYTES } from '../server/src/ops/young-generation.js';
import { call } from './broadcast-ipc.js';
import type { Target } from './broadcast-load.js';
import { builtServer } from './built-server.js';
import { repeated } from './repeated.js';

type Kind = 'uws' | 'ours' | 'ours-pg' | 'socketio';
const isOurs = (kind: Kind) => kind === 'ours' || kind === 'ours-pg';
type Mode = 'vote' | 'reaction';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const ROOM_SIZE = 10;
/** Commands per room in one broadcast phase, spread over SECONDS (BROADCAST_RATE a second per room). */
const SECONDS = 6;
const RATE = Number(process.env.BROADCAST_RATE ?? 5);
const PER_ROOM = SECONDS * RATE;
/** How long the connections' idle CPU is measured before the phases (BROADCAST_IDLE_CPU_MS). */
const IDLE_CPU_MS = Number(process.env.BROADCAST_IDLE_CPU_MS ?? 3000);
/** API keys to mint tokens with: each key is limited to 50 requests a second. */
const SETUP_KEYS = 24;
const NAMES: Record<Kind, string> = {
  uws: 'raw uWebSockets.js',
  ours: 'Poker Room, embedded',
  'ours-pg': 'Poker Room, PostgreSQL',
  socketio: 'Socket.IO 4',
};

const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
const CONNECTIONS = list('BROADCAST_CONNECTIONS', '1000,5000').map(Number);
const IDLE = Number(process.env.BROADCAST_IDLE ?? 15_000);
const SERVERS = list('BROADCAST_SERVERS', 'uws,ours,socketio') as Kind[];
const CPU_PROF = process.env.BROADCAST_CPU_PROF;
/** A directory: write heap snapshots of each server holding half and all of its idle connections there. */
const HEAP_SNAPSHOTS = process.env.BROADCAST_HEAP_SNAPSHOTS;
/** Times to run every server; with more than one, the ratios are also given over the runs. */
const RUNS = Math.max(1, Math.floor(Number(process.env.BROADCAST_RUNS ?? 1)));

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

interface Child {
  readonly process: ChildProcess;
  /** stdout and stderr, line by line (the last 500). */
  readonly lines: string[];
  /** Lines that look like a warning or an error, with how many there were. */
  readonly problems: { count: number; cork: number; samples: string[] };
  waitForLine(match: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** Starts `node <args>` with up to 20,000 open files and an IPC channel. */
function start(name: string, args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(
    'sh',
    ['-c', 'ulimit -n 20000 2>/dev/null; exec "$0" "$@"', process.execPath, ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  children.add(child);
  child.on('exit', () => children.delete(child));
  const lines: string[] = [];
  const problems = { count: 0, cork: 0, samples: [] as string[] };
  const waiters = new Set<(line: string) => void>();
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 500) lines.shift();
      if (/corked callback/.test(line)) {
        problems.cork++;
      } else if (/warn|error|exception|fatal|"level":(40|50|60)/i.test(line)) {
        problems.count++;
        if (problems.samples.length < 8) problems.samples.push(`${name}: ${line.slice(0, 400)}`);
      }
      for (const waiter of waiters) waiter(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    process: child,
    lines,
    problems,
    waitForLine(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const found = lines.map((line) => line.match(match)).find((m) => m !== null);
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`${name}: no ${match} within ${timeoutMs} ms; output: ${lines.slice(-10).join(' | ')}`),
          );
        }, timeoutMs);
        const check = (line: string) => {
          const m = line.match(match);
          if (m === null) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        };
        waiters.add(check);
        child.once('exit', (code) => {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`${name} exited (${code}): ${lines.slice(-10).join(' | ')}`));
        });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const tsx = ['--import', 'tsx'];
const probe = ['--expose-gc', '--import', pathToFileURL(join(HERE, 'broadcast-probe.ts')).href];

interface Server {
  readonly kind: Kind;
  readonly child: Child;
  readonly url: string;
  /** Our server: the bootstrap key, and where its storage lives. */
  readonly key?: string;
  /** Our server on PostgreSQL: CPU time used so far by the database backends serving it. */
  readonly databaseCpuMicros?: () => Promise<number>;
  /** Our server: stops this process and starts a fresh one on the same storage and key. */
  readonly restart?: () => Promise<Server>;
  cleanup(): Promise<void> | void;
}

async function startServer(kind: Kind): Promise<Server> {
  if (!isOurs(kind)) {
    const child = start(kind, [...tsx, ...probe, join(HERE, 'broadcast-servers.ts'), kind]);
    const [, port] = await child.waitForLine(/^port (\d+)/, 30_000);
    return { kind, child, url: `http://127.0.0.1:${port}`, cleanup: () => {} };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-bench-'));
  const database = kind === 'ours-pg' ? await createDatabase() : null;
  const key = `sk_test_${randomBytes(24)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .padEnd(32, '0')
    .slice(0, 32)}`;
  if (CPU_PROF !== undefined) mkdirSync(CPU_PROF, { recursive: true });
  const prof = CPU_PROF === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', resolve(CPU_PROF)];
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  const spawnOurs = async (): Promise<Server> => {
    // tsx only for the probe: it leaves the bundle's plain JavaScript as it is.
    const child = start(kind, [...prof, ...tsx, ...probe, ...builtServer()], {
      PORT: '0',
      HOST: '127.0.0.1',
      POKERROOM_DATA_DIR: dataDir,
      POKERROOM_BOOTSTRAP_KEY: key,
      LOG_LEVEL: 'warn',
      ...(database === null ? {} : { DATABASE_URL: database.url }),
    });
    const [, url] = await child.waitForLine(/running at (http:\/\/[^\s/]+)/, 60_000);
    return {
      kind,
      child,
      url: url ?? '',
      key,
      cleanup,
      restart: async () => {
        await child.stop();
        return spawnOurs();
      },
      ...(database === null ? {} : { databaseCpuMicros: database.cpuMicros }),
    };
  };
  try {
    return await spawnOurs();
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Where the machine's PostgreSQL is, for `ours-pg`. */
const POSTGRES_ADMIN_URL =
  process.env.BROADCAST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh database for one run of our server on PostgreSQL, dropped afterwards, and the CPU time
 * its backend processes have used so far (from /proc), so a run can count the database's work too.
 */
async function createDatabase() {
  const { default: postgres } = await import('postgres');
  const name = `pokerroom_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(POSTGRES_ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return {
    url: url.toString(),
    async cpuMicros(): Promise<number> {
      const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`;
      let total = 0;
      for (const { pid } of rows) {
        try {
          // fields after the command name: state is field 3; utime and stime are fields 14 and 15
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          total += Number(fields[11]) + Number(fields[12]);
        } catch {
          // the backend ended meanwhile
        }
      }
      return (total / ticks) * 1e6;
    },
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end({ timeout: 5 });
    },
  };
}

function startLoad(): Child {
  return start('load', [...tsx, join(HERE, 'broadcast-load.ts')]);
}

interface Probe {
  cpuMicros: number;
  userMicros: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  youngGeneration: number;
  spaces: Record<string, number>;
  gc: boolean;
  snapshot: string | null;
  clockMicros: number;
}

const probeOf = (server: Server, gc = false, snapshot?: string) =>
  call<Probe>(
    server.child.process,
    'probe',
    { gc, ...(snapshot === undefined ? {} : { snapshot }) },
    120_000,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server's CPU with every connection open and nobody sending: what its timers and sweeps cost
 * whatever the load. A phase's CPU includes it, so it is also given per command of the phase.
 */
async function idleCpu(server: Server, connections: number, commandsPerSecond: number): Promise<string> {
  const before = await probeOf(server);
  await sleep(IDLE_CPU_MS);
  const after = await probeOf(server);
  const seconds = (after.clockMicros - before.clockMicros) / 1e6;
  const msPerSecond = (after.cpuMicros - before.cpuMicros) / 1000 / seconds;
  const userMsPerSecond = (after.userMicros - before.userMicros) / 1000 / seconds;
  const line = `${NAMES[server.kind]} @${connections}: idle CPU ${msPerSecond.toFixed(1)} ms a second (user ${userMsPerSecond.toFixed(1)}), ${((msPerSecond * 1000) / commandsPerSecond).toFixed(1)} µs per command at the phases' ${commandsPerSecond} commands a second`;
  console.log(`  ${line}`);
  if (CPU_PROF !== undefined && isOurs(server.kind)) {
    console.log(
      `  profile window of idle @${connections}: npx tsx bench/broadcast-profile.ts ${resolve(CPU_PROF)}/<file>.cpuprofile ${before.clockMicros} ${after.clockMicros}`,
    );
  }
  return line;
}

/**
 * Memory once it has settled. First, up to 30 s for the young generation grown for the burst of
 * connections to be given back (V8 shrinks it only in a collection at a low allocation rate, which
 * our server asks for when quiet): until the young generation is at its floor
 * ({@link YOUNG_GENERATION_FLOOR_BYTES}).
 * Then probes (each after two full GCs) every 2 s until RSS has moved by less than 0.5 % twice in
 * a row, at most 15 times: our embedded server's WebAssembly database releases start-up memory for
 * tens of seconds after it opens. Those are costs of the burst and of starting, not of the
 * connections that stay.
 */
async function settledProbe(server: Server): Promise<Probe> {
  for (let i = 0; i < 15; i++) {
    if ((await probeOf(server)).youngGeneration <= YOUNG_GENERATION_FLOOR_BYTES) break;
    await sleep(2000);
  }
  let last = await probeOf(server, true);
  let still = 0;
  for (let i = 0; i < 14 && still < 2; i++) {
    await sleep(2000);
    const next = await probeOf(server, true);
    const steady = (of: (probe: Probe) => number) => Math.abs(of(next) - of(last)) / of(last) < 0.005;
    still = steady((probe) => probe.rss) && steady((probe) => probe.heapTotal) ? still + 1 : 0;
    last = next;
  }
  return last;
}

// ---------------------------------------------------------------- our server's REST setup

interface Setup {
  keys: string[];
  requests: number;
  rateLimited: number;
  seconds: number;
}

async function post(base: string, key: string, path: string, body: unknown, stats: Setup) {
  for (let attempt = 0; attempt < 30; attempt++) {
    stats.requests++;
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status === 201) return json;
    if (response.status === 429) {
      stats.rateLimited++;
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(json)}`);
  }
  throw new Error(`POST ${path}: still rate limited after 30 attempts`);
}

/** Runs `tasks` with `perKey` at a time per API key. */
async function pool<T>(keys: string[], perKey: number, tasks: ((key: string) => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (key: string) => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as (key: string) => Promise<T>)(key);
    }
  };
  await Promise.all(keys.flatMap((key) => Array.from({ length: perKey }, () => worker(key))));
  return results;
}

/** Creates rooms `from`…`to - 1` and a token per member: member 0 facilitates, the others vote. */
async function ourTargets(server: Server, stats: Setup, from: number, to: number): Promise<Target[]> {
  const started = performance.now();
  const base = server.url;
  if (stats.keys.length === 0) {
    const made = await Promise.all(
      Array.from({ length: SETUP_KEYS }, (_, i) =>
        post(base, server.key ?? '', '/v1/keys', { name: `bench ${i}` }, stats),
      ),
    );
    stats.keys = made.map((key) => String(key.secret));
  }
  const roomIds = await pool(
    stats.keys,
    4,
    Array.from({ length: to - from }, (_, i) => async (key: string) => {
      const room = await post(base, key, '/v1/rooms', { name: `Bench room ${from + i}` }, stats);
      return String(room.id);
    }),
  );
  const targets = await pool(
    stats.keys,
    4,
    roomIds.flatMap((roomId, i) =>
      Array.from({ length: ROOM_SIZE }, (_, member) => async (key: string): Promise<Target> => {
        const token = await post(
          base,
          key,
          `/v1/rooms/${roomId}/tokens`,
          { name: `Member ${member}`, role: member === 0 ? 'facilitator' : 'voter' },
          stats,
        );
        const wsUrl = String(token.wsUrl);
        return {
          url: `${wsUrl}${wsUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(String(token.token))}`,
          room: from + i,
          facilitator: member === 0,
        };
      }),
    ),
  );
  stats.seconds += (performance.now() - started) / 1000;
  return targets;
}

function plainTargets(server: Server, from: number, to: number): Target[] {
  return Array.from({ length: (to - from) * ROOM_SIZE }, (_, i) => ({
    url:
      server.kind === 'uws'
        ? `ws://127.0.0.1:${new URL(server.url).port}/?room=${from + Math.floor(i / ROOM_SIZE)}`
        : server.url,
    room: from + Math.floor(i / ROOM_SIZE),
  }));
}

// ---------------------------------------------------------------- phases

interface BroadcastRow {
  kind: Kind;
  mode: Mode;
  connections: number;
  delivered: number;
  expected: number;
  cpuMicros: number;
  perMessage: number;
  /** User-space CPU per delivered message: the server's own work, without the kernel's. */
  userPerMessage: number;
  /** Ours on PostgreSQL: CPU time of its database backends during the phase. */
  databaseMicros?: number;
  seconds: number;
  latencyMs: { p50: number; p99: number; max: number };
  acks: number;
  errors: Record<string, number>;
  closes: Record<string, number>;
}

interface IdleRow {
  kind: Kind;
  connections: number;
  rssBefore: number;
  rssAfter: number;
  before: Probe;
  /** After the first half of the connections. */
  middle: Probe;
  after: Probe;
  /** Connections opened in the second half. */
  secondHalf: number;
  connectSeconds: number;
  setupSeconds: number;
  failures: Record<string, number>;
}

interface Report {
  broadcast: BroadcastRow[];
  idle: IdleRow[];
  notes: string[];
}

interface ConnectResult {
  opened: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
}

async function connect(load: Child, kind: Kind, targets: Target[]): Promise<ConnectResult> {
  const result = await call<ConnectResult>(
    load.process,
    'connect',
    { kind: isOurs(kind) ? 'ours' : kind, targets, concurrency: isOurs(kind) ? 100 : 200 },
    180_000,
  );
  if (result.failed > 0) {
    console.log(
      `  ${NAMES[kind]}: ${result.failed} of ${targets.length} connections failed: ${JSON.stringify(result.failures)}`,
    );
  }
  return result;
}

async function broadcastRuns(kind: Kind, report: Report): Promise<void> {
  const server = await startServer(kind);
  const load = startLoad();
  const stats: Setup = { keys: [], requests: 0, rateLimited: 0, seconds: 0 };
  try {
    let rooms = 0;
    for (const connections of CONNECTIONS) {
      const wanted = Math.ceil(connections / ROOM_SIZE);
      const targets = isOurs(kind)
        ? await ourTargets(server, stats, rooms, wanted)
        : plainTargets(server, rooms, wanted);
      const opened = await connect(load, kind, targets);
      console.log(
        `  ${NAMES[kind]}: ${connections} connections (${opened.opened} new in ${opened.seconds.toFixed(1)} s${isOurs(kind) ? `, REST setup ${stats.seconds.toFixed(1)} s so far` : ''})`,
      );
      if (isOurs(kind)) {
        const rounds = await call(load.process, 'startRounds', { rooms: wanted, from: rooms }, 60_000);
        if (Object.keys(rounds).some((key) => key !== 'ok'))
          console.log(`  round.start outcomes: ${JSON.stringify(rounds)}`);
      }
      rooms = wanted;
      await sleep(1500); // joins and presence settle before measuring
      report.notes.push(await idleCpu(server, connections, wanted * RATE));
      for (const mode of isOurs(kind) ? (['vote', 'reaction'] as const) : (['vote'] as const)) {
        const databaseBefore = await server.databaseCpuMicros?.();
        const before = await probeOf(server);
        const result = await call<
          Omit<BroadcastRow, 'kind' | 'mode' | 'connections' | 'cpuMicros' | 'perMessage' | 'userPerMessage'>
        >(
          load.process,
          'broadcast',
          { rooms: wanted, perRoom: PER_ROOM, seconds: SECONDS, mode, timeoutMs: 30_000 },
          90_000,
        );
        const after = await probeOf(server);
        const databaseAfter = await server.databaseCpuMicros?.();
        const cpuMicros = after.cpuMicros - before.cpuMicros;
        if (CPU_PROF !== undefined && isOurs(kind)) {
          console.log(
            `  profile window of ${mode} @${connections}: npx tsx bench/broadcast-profile.ts ${resolve(CPU_PROF)}/<file>.cpuprofile ${before.clockMicros} ${after.clockMicros}`,
          );
        }
        const row: BroadcastRow = {
          kind,
          mode,
          connections,
          ...result,
          cpuMicros,
          perMessage: cpuMicros / Math.max(1, result.delivered),
          userPerMessage: (after.userMicros - before.userMicros) / Math.max(1, result.delivered),
          ...(databaseBefore === undefined || databaseAfter === undefined
            ? {}
            : { databaseMicros: databaseAfter - databaseBefore }),
        };
        report.broadcast.push(row);
        console.log(
          `  ${NAMES[kind]} ${mode} @${connections}: ${row.delivered}/${row.expected} delivered, ${(cpuMicros / 1e6).toFixed(2)} s CPU, ${row.perMessage.toFixed(2)} µs/msg${row.databaseMicros === undefined ? '' : ` (+ ${(row.databaseMicros / Math.max(1, row.delivered)).toFixed(2)} µs/msg in PostgreSQL)`}, p50 ${row.latencyMs.p50.toFixed(1)} ms p99 ${row.latencyMs.p99.toFixed(1)} ms${Object.keys(row.errors).length > 0 ? `, errors ${JSON.stringify(row.errors)}` : ''}${Object.keys(row.closes).length > 0 ? `, closes ${JSON.stringify(row.closes)}` : ''}`,
        );
      }
    }
    const status = await call<{ closes: Record<string, number> }>(load.process, 'status', {}, 10_000);
    if (Object.keys(status.closes).length > 0) {
      report.notes.push(
        `${NAMES[kind]} (broadcast run): sockets closed by the server: ${JSON.stringify(status.closes)}`,
      );
    }
    if (isOurs(kind)) {
      report.notes.push(
        `${NAMES[kind]} (broadcast run): REST setup ${stats.requests} requests (${stats.rateLimited} answered 429 and retried) in ${stats.seconds.toFixed(1)} s`,
      );
    }
    await call(load.process, 'close', {}, 30_000);
  } finally {
    await stopRun(load, server, report, `${NAMES[kind]} (broadcast run)`);
  }
}

/** Stops a run's load and server, and notes what the server printed that a reader should know. */
async function stopRun(load: Child, server: Server, report: Report, run: string): Promise<void> {
  await load.stop();
  await server.child.stop();
  await server.cleanup();
  const { cork, count, samples } = server.child.problems;
  if (cork > 0) {
    report.notes.push(
      `${run}: ${cork} lines "uWS.HttpResponse writes must be made from within a corked callback" (one per upgrade made after waiting for its room to load)`,
    );
  }
  if (count > 0)
    report.notes.push(`${run}: ${count} warning/error lines, e.g.\n    ${samples.join('\n    ')}`);
}

async function idleRun(kind: Kind, report: Report): Promise<void> {
  let server = await startServer(kind);
  const load = startLoad();
  const stats: Setup = { keys: [], requests: 0, rateLimited: 0, seconds: 0 };
  try {
    const rooms = Math.ceil(IDLE / ROOM_SIZE);
    let targets = isOurs(kind) ? await ourTargets(server, stats, 0, rooms) : plainTargets(server, 0, rooms);
    if (server.restart !== undefined) {
      // The REST setup (15,000 tokens) grows the heap, and RSS keeps those pages after GC: a
      // baseline taken after it would hide the connections' memory in them. Measure from a fresh
      // process on the same storage instead; its connections load the rooms again, so the figure
      // includes each room's state and each participant's join, as a restart's reconnections do.
      server = await server.restart();
      const port = new URL(server.url).port;
      targets = targets.map((target) => {
        const url = new URL(target.url);
        url.port = port;
        return { ...target, url: url.toString() };
      });
    }
    await sleep(1000);
    const before = await settledProbe(server);
    // Half the rooms, then the other half: the second half's cost is the marginal one, free of
    // whatever the first connections and rooms set up once (and of the baseline's own noise).
    const half = Math.floor(rooms / 2) * ROOM_SIZE;
    const first = await connect(load, kind, targets.slice(0, half));
    await sleep(isOurs(kind) ? 3000 : 2000); // joins committed, buffers settled
    const middle = await settledProbe(server);
    if (HEAP_SNAPSHOTS !== undefined) {
      mkdirSync(HEAP_SNAPSHOTS, { recursive: true });
      await probeOf(server, true, join(HEAP_SNAPSHOTS, `${kind}-half.heapsnapshot`));
    }
    const second = await connect(load, kind, targets.slice(half));
    await sleep(isOurs(kind) ? 3000 : 2000);
    const after = await settledProbe(server);
    const opened = {
      opened: first.opened + second.opened,
      failed: first.failed + second.failed,
      seconds: first.seconds + second.seconds,
      failures: { ...first.failures, ...second.failures },
    };
    if (HEAP_SNAPSHOTS !== undefined) {
      mkdirSync(HEAP_SNAPSHOTS, { recursive: true });
      const file = await probeOf(server, true, join(HEAP_SNAPSHOTS, `${kind}-idle.heapsnapshot`));
      console.log(
        `  ${NAMES[kind]}: heap snapshots of half and all the idle connections in ${String(file.snapshot)}` +
          ` and ${kind}-half.heapsnapshot beside it (compare: npx tsx bench/heap-compare.ts <half> <all> ${second.opened})`,
      );
    }
    const status = await call<{ closes: Record<string, number> }>(load.process, 'status', {}, 10_000);
    report.idle.push({
      kind,
      connections: opened.opened,
      secondHalf: second.opened,
      middle,
      rssBefore: before.rss,
      rssAfter: after.rss,
      before,
      after,
      connectSeconds: opened.seconds,
      setupSeconds: stats.seconds,
      failures: opened.failures,
    });
    console.log(
      `  ${NAMES[kind]} idle: ${opened.opened} connections in ${opened.seconds.toFixed(1)} s${isOurs(kind) ? ` (REST setup ${stats.requests} requests, ${stats.rateLimited} answered 429 and retried, ${stats.seconds.toFixed(1)} s)` : ''}, RSS ${mb(before.rss)} → ${mb(middle.rss)} (half) → ${mb(after.rss)} (V8 heap committed ${mb(before.heapTotal)} → ${mb(middle.heapTotal)} → ${mb(after.heapTotal)}), ${((after.rss - before.rss) / Math.max(1, opened.opened) / 1024).toFixed(2)} KB per connection (second half only: ${((after.rss - middle.rss) / Math.max(1, second.opened) / 1024).toFixed(2)})`,
    );
    console.log(
      `  ${NAMES[kind]} idle: JS heap in use by space, second half only, bytes per connection: ${Object.keys(
        after.spaces,
      )
        .map(
          (space) =>
            `${space} ${Math.round(((after.spaces[space] ?? 0) - (middle.spaces[space] ?? 0)) / Math.max(1, second.opened))}`,
        )
        .join(', ')}`,
    );
    if (Object.keys(status.closes).length > 0) {
      report.notes.push(
        `${NAMES[kind]} (idle run): sockets closed by the server: ${JSON.stringify(status.closes)}`,
      );
    }
    if (opened.failed > 0) {
      report.notes.push(
        `${NAMES[kind]} (idle run): ${opened.failed} connections failed: ${JSON.stringify(opened.failures)}`,
      );
    }
    await call(load.process, 'close', {}, 30_000);
  } finally {
    await stopRun(load, server, report, `${NAMES[kind]} (idle run)`);
  }
}

// ---------------------------------------------------------------- report

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ratio = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`;

function print(report: Report) {
  const find = (kind: Kind, connections: number) =>
    report.broadcast.find(
      (row) => row.kind === kind && row.connections === connections && row.mode === 'vote',
    );
  const label = (row: BroadcastRow) =>
    isOurs(row.kind)
      ? `${NAMES[row.kind]} (${row.mode === 'vote' ? 'vote.cast' : 'reaction.send'})`
      : NAMES[row.kind];
  console.log('\n### Server CPU per delivered message\n');
  const header = [
    'server',
    'connections',
    'delivered / expected',
    'server CPU',
    'µs per delivered msg',
    '+ PostgreSQL µs',
    'ours ÷ raw uWS',
    'Socket.IO ÷ ours',
    'latency p50 / p99',
  ];
  /** Ours against raw uWebSockets.js and Socket.IO at the same connections, by one cost per message. */
  const ratios = (row: BroadcastRow, cost: (r: BroadcastRow) => number): [string, string] => {
    if (!isOurs(row.kind)) return ['', ''];
    const raw = find('uws', row.connections);
    const sio = find('socketio', row.connections);
    return [
      ratio(raw === undefined ? undefined : cost(row) / cost(raw)),
      ratio(sio === undefined ? undefined : cost(sio) / cost(row)),
    ];
  };
  const rows = report.broadcast.map((row) => {
    return [
      label(row),
      row.connections.toLocaleString('en-US'),
      `${row.delivered.toLocaleString('en-US')} / ${row.expected.toLocaleString('en-US')}`,
      `${(row.cpuMicros / 1e6).toFixed(2)} s`,
      row.perMessage.toFixed(2),
      row.databaseMicros === undefined ? '' : (row.databaseMicros / Math.max(1, row.delivered)).toFixed(2),
      ...ratios(row, (r) => r.perMessage),
      `${row.latencyMs.p50.toFixed(1)} / ${row.latencyMs.p99.toFixed(1)} ms`,
    ];
  });
  table(header, rows, [1, 2, 3, 4, 5, 6, 7, 8]);

  console.log(
    "\nThe same in user-space CPU alone (the process's own code; the kernel's work for its socket writes left out):\n",
  );
  table(
    [
      'server',
      'connections',
      'user µs per delivered msg',
      'kernel share',
      'ours ÷ raw uWS',
      'Socket.IO ÷ ours',
    ],
    report.broadcast.map((row) => [
      label(row),
      row.connections.toLocaleString('en-US'),
      row.userPerMessage.toFixed(2),
      `${Math.round((1 - row.userPerMessage / Math.max(1e-9, row.perMessage)) * 100)} %`,
      ...ratios(row, (r) => r.userPerMessage),
    ]),
    [1, 2, 3, 4, 5],
  );

  console.log('\n### Memory per idle connection\n');
  const idleOf = (kind: Kind) => report.idle.find((row) => row.kind === kind);
  const perConnection = (row: IdleRow) => (row.rssAfter - row.rssBefore) / Math.max(1, row.connections);
  const marginal = (row: IdleRow) => (row.after.rss - row.middle.rss) / Math.max(1, row.secondHalf);
  table(
    [
      'server',
      'idle connections',
      'RSS at 0',
      'RSS at N',
      'KB per connection',
      'second half only',
      'ours ÷ raw uWS (second half)',
      'Socket.IO ÷ ours (second half)',
    ],
    report.idle.map((row) => {
      const raw = idleOf('uws');
      const sio = idleOf('socketio');
      const ours = isOurs(row.kind);
      return [
        NAMES[row.kind],
        row.connections.toLocaleString('en-US'),
        mb(row.rssBefore),
        mb(row.rssAfter),
        (perConnection(row) / 1024).toFixed(2),
        (marginal(row) / 1024).toFixed(2),
        ours ? ratio(raw === undefined ? undefined : marginal(row) / marginal(raw)) : '',
        ours ? ratio(sio === undefined ? undefined : marginal(sio) / marginal(row)) : '',
      ];
    }),
    [1, 2, 3, 4, 5, 6, 7],
  );
  console.log('\nOf which, in KB per connection (differences between the two probes):\n');
  const kb = (row: IdleRow, bytes: (p: Probe) => number) =>
    ((bytes(row.after) - bytes(row.before)) / Math.max(1, row.connections) / 1024).toFixed(2);
  table(
    [
      'server',
      'RSS',
      'JS heap in use',
      'external (ArrayBuffers, WebAssembly)',
      "young generation's reserve",
      'the rest (native, old generation reserve)',
    ],
    report.idle.map((row) => [
      NAMES[row.kind],
      kb(row, (p) => p.rss),
      kb(row, (p) => p.heapUsed),
      kb(row, (p) => p.external),
      kb(row, (p) => p.youngGeneration),
      kb(row, (p) => p.rss - p.heapUsed - p.external - p.youngGeneration),
    ]),
    [1, 2, 3, 4, 5],
  );
  console.log(
    `\nYoung generation at N: ${report.idle.map((row) => `${NAMES[row.kind]} ${mb(row.after.youngGeneration)}`).join(', ')}.`,
  );
  if (report.notes.length > 0) {
    console.log('\nNotes:\n');
    for (const note of report.notes) console.log(`- ${note}`);
  }
}

function table(header: string[], rows: string[][], right: number[]) {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (right.includes(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((width, i) => (right.includes(i) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));
}

/**
 * The ratios docs/performance.md tracks, from one run's report, each under words that are the same
 * in every run: ours ÷ raw uWebSockets.js per delivered message, the share of raw uWebSockets.js's
 * lead over Socket.IO we keep, and KB per idle connection.
 */
function trackedFigures(report: Report): { figure: string; value: number; unit: '×' | '%' | 'KB' }[] {
  const figures: { figure: string; value: number; unit: '×' | '%' | 'KB' }[] = [];
  const rawOf = (connections: number) =>
    report.broadcast.find((row) => row.kind === 'uws' && row.connections === connections);
  for (const row of report.broadcast) {
    if (!isOurs(row.kind)) continue;
    const command = row.mode === 'vote' ? 'vote.cast' : 'reaction.send';
    const at = `${row.connections.toLocaleString('en-US')} connections`;
    const raw = rawOf(row.connections);
    if (raw !== undefined)
      figures.push({
        figure: `${NAMES[row.kind]}, ${command}, ${at}: CPU per delivered message ÷ raw uWebSockets.js's`,
        value: row.perMessage / raw.perMessage,
        unit: '×',
      });
    // The share of raw uWebSockets.js's lead over Socket.IO we keep, (Socket.IO ÷ ours) ÷
    // (Socket.IO ÷ raw), is raw ÷ ours: Socket.IO's own cost cancels out.
    if (row.mode === 'reaction' && raw !== undefined)
      figures.push({
        figure: `${NAMES[row.kind]}, ${command}, ${at}: raw uWebSockets.js ÷ ours (the share of its lead over Socket.IO we keep)`,
        value: raw.perMessage / row.perMessage,
        unit: '%',
      });
  }
  for (const row of report.idle)
    figures.push(
      {
        figure: `${NAMES[row.kind]}, ${row.connections.toLocaleString('en-US')} idle connections: KB of RSS per connection`,
        value: (row.rssAfter - row.rssBefore) / Math.max(1, row.connections) / 1024,
        unit: 'KB',
      },
      {
        // The marginal cost: free of what the first connections set up once, and of memory a
        // fresh process gives back over its first minute whatever it serves (the baseline's).
        figure: `${NAMES[row.kind]}, ${row.connections.toLocaleString('en-US')} idle connections: KB of RSS per connection, second half only`,
        value: (row.after.rss - row.middle.rss) / Math.max(1, row.secondHalf) / 1024,
        unit: 'KB',
      },
      {
        figure: `${NAMES[row.kind]}, ${row.connections.toLocaleString('en-US')} idle connections: KB of JS heap in use per connection`,
        value: (row.after.heapUsed - row.before.heapUsed) / Math.max(1, row.connections) / 1024,
        unit: 'KB',
      },
      {
        // The second half alone, as bench/heap-compare.ts counts live objects: free of what the
        // first connections set up once (code compiled for them, caches, pools).
        figure: `${NAMES[row.kind]}, ${row.connections.toLocaleString('en-US')} idle connections: KB of JS heap in use per connection, second half only`,
        value: (row.after.heapUsed - row.middle.heapUsed) / Math.max(1, row.secondHalf) / 1024,
        unit: 'KB',
      },
    );
  return figures;
}

/**
 * Every tracked figure over the runs: each run's value, their mean with its 95 % interval (geometric
 * for ratios), and their median.
 */
function printOverRuns(reports: readonly Report[]) {
  const perRun = reports.map(trackedFigures);
  const names = [...new Set(perRun.flat().map((entry) => entry.figure))];
  if (names.length === 0) return;
  const text = (value: number, unit: '×' | '%' | 'KB') =>
    !Number.isFinite(value)
      ? '—'
      : unit === '%'
        ? `${(value * 100).toFixed(0)} %`
        : unit === '×'
          ? `${value.toFixed(2)}×`
          : value.toFixed(2);
  console.log(
    `\n### Over ${reports.length} runs: each run, the mean with its 95 % interval (Student's t; for ratios, on their logarithms), and the median\n`,
  );
  table(
    ['figure', ...reports.map((_, i) => `run ${i + 1}`), 'mean', '95 % interval', 'median'],
    names.map((name) => {
      const unit = perRun.flat().find((entry) => entry.figure === name)?.unit ?? '×';
      const values = perRun.map(
        (figures) => figures.find((entry) => entry.figure === name)?.value ?? Number.NaN,
      );
      const { runs, mean, low, high, median } = repeated(values, unit === 'KB' ? 'value' : 'ratio');
      return [
        name,
        ...values.map((value) => text(value, unit)),
        text(mean, unit),
        runs < 2 ? '—' : `${text(low, unit)} – ${text(high, unit)}`,
        text(median, unit),
      ];
    }),
    reports.map((_, i) => i + 1).concat([reports.length + 1, reports.length + 2, reports.length + 3]),
  );
}

export default async function run(): Promise<void> {
  const started = performance.now();
  const cpu = cpus();
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${process.platform} ${process.arch}, Node ${process.version}, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `Rooms of ${ROOM_SIZE}; each broadcast phase sends ${PER_ROOM} commands per room over ${SECONDS} s (sender rotating over the members); broadcast at ${CONNECTIONS.join(' and ')} connections, idle memory at ${IDLE}${RUNS > 1 ? `; ${RUNS} runs` : ''}.\n`,
  );
  const reports: Report[] = [];
  for (let run = 1; run <= RUNS; run++) {
    if (RUNS > 1) console.log(`\n## Run ${run} of ${RUNS}`);
    const report: Report = { broadcast: [], idle: [], notes: [] };
    for (const kind of SERVERS) {
      await broadcastRuns(kind, report);
      if (IDLE > 0) await idleRun(kind, report);
    }
    print(report);
    reports.push(report);
  }
  if (RUNS > 1) printOverRuns(reports);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
}
