import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Stripe's own API mock (`go install github.com/stripe/stripe-mock@v0.197.0`), running for a test. */
export interface StripeMock {
  /** Its base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Where stripe-mock is: `STRIPE_MOCK_PATH`, `~/go/bin`, or on `PATH`. */
export function stripeMockPath(): string {
  const candidates = [
    process.env.STRIPE_MOCK_PATH,
    join(homedir(), 'go', 'bin', 'stripe-mock'),
    ...(process.env.PATH ?? '').split(':').map((dir) => join(dir, 'stripe-mock')),
  ];
  const found = candidates.find((path): path is string => path !== undefined && existsSync(path));
  if (found === undefined) {
    throw new Error('stripe-mock is not installed: go install github.com/stripe/stripe-mock@v0.197.0');
  }
  return found;
}

/** A port nobody listens on right now. */
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

/** Starts stripe-mock on a free port and waits until it answers. */
export async function startStripeMock(): Promise<StripeMock> {
  const port = await freePort();
  // HTTPS is always on too: on a port of the system's choice, so parallel tests never collide.
  const args = ['-http-addr', `127.0.0.1:${port}`, '-https-addr', '127.0.0.1:'];
  const child: ChildProcess = spawn(stripeMockPath(), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`stripe-mock exited:\n${output}`);
    const up = await fetch(`${url}/v1/customers/cus_probe`, {
      headers: { authorization: 'Bearer sk_test_probe' },
    }).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`stripe-mock did not answer within 20 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
