import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** How long a server process may take to answer its first /healthz. */
const STARTUP_MS = 60_000;
/** The first line of what `server/src/main.ts` prints once it has started. */
const BANNER = 'Poker Room is running at';

/** A server running as its own process, so a test can SIGTERM or SIGKILL it like an operator would. */
export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Sends a signal and resolves with the exit code (or the signal) once the process ended. */
  stop(signal: NodeJS.Signals): Promise<number | string | null>;
}

/** Starts `server/src/main.ts` with this environment on a free port and waits for /healthz and its banner. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  // Below Linux's ephemeral ports (32768 up), which the tests' own client sockets take: a port
  // drawn there can be in use by one of them, and the server would fail to listen.
  const port = env.PORT ?? String(20000 + Math.floor(Math.random() * 12000));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      POKERROOM_DRAIN_MS: '0',
      ...env,
      PORT: port,
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = `http://127.0.0.1:${port}`;
  // A process starting embedded PostgreSQL on a machine busy with the rest of the suite can take
  // most of half a minute before it answers: wait for its answer, well past that.
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    // The banner (URL, storage, dev key) comes after the server listens, and its bytes may reach
    // this process after the answer to /healthz: tests read it, so wait for it too.
    if (ok && output.includes(BANNER)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `server did not answer /healthz and print its banner within ${STARTUP_MS / 1000} s:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    port: Number(port),
    child,
    output: () => output,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
