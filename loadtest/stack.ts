/**
 * The stack under test, as child processes of the runner: one or two servers (the bundle
 * `npm start` runs, `server/dist/main.js`, built first), a Redis of its own when there are two, and
 * a PostgreSQL database made for the run (or embedded storage in a temporary directory). Everything listens on 127.0.0.1 on free
 * ports, every wait is bounded, and every child is killed when the runner exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { builtServer } from '../bench/built-server.js';

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** The last 20,000 characters it printed. */
  output(): string;
  exited(): boolean;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts `command args` (through `sh` for `ulimit -n 20000`: thousands of sockets), its output
 * kept in memory and, with `logFile`, written to that file.
 */
export function start(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile?: string },
): Child {
  const child = spawn('sh', ['-c', 'ulimit -n 20000 2>/dev/null; exec "$0" "$@"', command, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const done = new Promise<void>((resolve) =>
    child.on('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const log = options.logFile === undefined ? null : createWriteStream(options.logFile);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    log?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    pid: child.pid ?? 0,
    process: child,
    output: () => output,
    exited,
    async stop(timeoutMs = 15_000) {
      if (!exited()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await done;
        clearTimeout(timer);
      }
      await new Promise<void>((resolve) => (log === null ? resolve() : log.end(resolve)));
    },
  };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `ready()` is true, the child exits, or `timeoutMs` passes. */
async function waitUntil(child: Child, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited()) throw new Error(`${child.name} exited early:\n${child.output().slice(-2000)}`);
    if (await ready()) return;
    if (Date.now() > deadline) {
      await child.stop(1000);
      throw new Error(
        `${child.name} was not ready within ${timeoutMs / 1000} s:\n${child.output().slice(-2000)}`,
      );
    }
    await sleep(100);
  }
}

export interface StackOptions {
  readonly root: string;
  readonly storage: 'embedded' | 'postgres';
  readonly nodes: number;
  readonly postgresAdminUrl: string;
  /** Use this Redis instead of starting one (two nodes only). */
  readonly redisUrl: string | null;
  readonly logDir: string;
  readonly bootstrapKey: string;
}

export interface Stack {
  /** Base URLs of the nodes, `http://127.0.0.1:<port>`. */
  readonly nodes: readonly string[];
  readonly servers: readonly Child[];
  /** The PostgreSQL database made for the run; null on embedded storage. */
  readonly database: string | null;
  readonly description: string;
  stop(): Promise<void>;
}

/** Starts the stack; on failure, stops what it had started and throws. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const servers: Child[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop(15_000)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    delete env.STRIPE_SECRET_KEY;
    delete env.POKERROOM_DATA_DIR;
    const storage: Record<string, string> = {};
    let database: string | null = null;
    const parts: string[] = [];
    if (options.storage === 'embedded') {
      const dir = mkdtempSync(join(tmpdir(), 'pokerroom-loadtest-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      storage.POKERROOM_DATA_DIR = dir;
      parts.push('embedded storage (PGlite, in the server process)');
    } else {
      const name = `pokerroom_loadtest_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      database = name;
      const admin = postgres(options.postgresAdminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try {
        await admin.unsafe(`create database ${name}`);
      } finally {
        await admin.end({ timeout: 5 });
      }
      cleanups.push(async () => {
        const sql = postgres(options.postgresAdminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
        await sql.unsafe(`drop database if exists ${name} with (force)`);
        await sql.end({ timeout: 5 });
      });
      const url = new URL(options.postgresAdminUrl);
      url.pathname = `/${name}`;
      storage.DATABASE_URL = url.toString();
      parts.push(`PostgreSQL (database ${name}, dropped after)`);
    }
    if (options.nodes > 1) {
      let redisUrl = options.redisUrl;
      if (redisUrl === null) {
        const port = await freePort();
        const redis = start(
          'redis',
          'redis-server',
          ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          { cwd: options.root, env, logFile: join(options.logDir, 'redis.log') },
        );
        cleanups.push(() => redis.stop(5000));
        await waitUntil(redis, () => portOpen(port), 10_000);
        redisUrl = `redis://127.0.0.1:${port}`;
        parts.push(`Redis of its own (127.0.0.1:${port})`);
      } else {
        parts.push(`Redis at ${redisUrl}`);
      }
      storage.REDIS_URL = redisUrl;
    }
    const nodes: string[] = [];
    for (let n = 1; n <= options.nodes; n++) {
      const port = await freePort();
      const server = start(`server node ${n}`, process.execPath, builtServer(), {
        cwd: options.root,
        env: {
          ...env,
          ...storage,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          POKERROOM_BOOTSTRAP_KEY: options.bootstrapKey,
        },
        logFile: join(options.logDir, `server-node${n}.log`),
      });
      servers.push(server);
      const base = `http://127.0.0.1:${port}`;
      await waitUntil(
        server,
        () =>
          fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.ok,
            () => false,
          ),
        90_000,
      );
      nodes.push(base);
    }
    parts.unshift(`${options.nodes} node${options.nodes > 1 ? 's' : ''}`);
    return { nodes, servers, database, description: parts.join(', '), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

// ---------------------------------------------------------------- CPU and memory from /proc

const TICKS_PER_SECOND = 100;

function ticks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/**
 * PostgreSQL's processes that work for this run: its background processes (shared by every database)
 * and the backends connected to `database`, not those of other databases on the same server.
 */
function postgresTicks(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const backend = /\[local\]|\d\(\d+\)/.test(title); // "user database host(port) state"
      if (!backend || title.includes(` ${database} `)) out.set(Number(entry), ticks(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total };
}

export interface Sample {
  readonly at: number;
  readonly server: number;
  readonly postgres: number;
  readonly load: number;
  readonly serverRss: number;
  readonly machineBusy: number;
  readonly machineTotal: number;
}

/**
 * Samples the servers, PostgreSQL (with `database`, the run's) and the load generator once a
 * second until stopped. PostgreSQL's figure adds up each process's growth between samples, so a
 * backend that exits takes back nothing already counted.
 */
export function sampler(
  servers: () => readonly number[],
  load: () => number,
  database: string | null,
): { samples: Sample[]; stop(): void } {
  const samples: Sample[] = [];
  let postgresSeen = new Map<number, number>();
  let postgresTotal = 0;
  const postgres = () => {
    if (database === null) return 0;
    const now = postgresTicks(database);
    for (const [pid, value] of now) postgresTotal += Math.max(0, value - (postgresSeen.get(pid) ?? value));
    postgresSeen = now;
    return postgresTotal;
  };
  const take = () => {
    const machine = machineTicks();
    const pids = servers();
    samples.push({
      at: Date.now(),
      server: pids.reduce((sum, pid) => sum + ticks(pid), 0),
      postgres: postgres(),
      load: ticks(load()),
      serverRss: pids.reduce((sum, pid) => sum + rssBytes(pid), 0),
      machineBusy: machine.busy,
      machineTotal: machine.total,
    });
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
    },
  };
}

export interface Usage {
  /** Cores busy on average over the window. */
  readonly server: number;
  readonly postgres: number;
  readonly load: number;
  /** Share of the whole machine busy, 0–1. */
  readonly machine: number;
  readonly serverRssMax: number;
}

/** Usage between `from` and `to` (ms since epoch), from the samples nearest inside the window. */
export function usageBetween(samples: readonly Sample[], from: number, to: number): Usage | null {
  const inside = samples.filter((s) => s.at >= from - 500 && s.at <= to + 500);
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (first === undefined || last === undefined || last.at - first.at < 500) return null;
  const seconds = (last.at - first.at) / 1000;
  const cores = (a: number, b: number) => (b - a) / TICKS_PER_SECOND / seconds;
  return {
    server: cores(first.server, last.server),
    postgres: cores(first.postgres, last.postgres),
    load: cores(first.load, last.load),
    machine: (last.machineBusy - first.machineBusy) / Math.max(1, last.machineTotal - first.machineTotal),
    serverRssMax: Math.max(...inside.map((s) => s.serverRss)),
  };
}
