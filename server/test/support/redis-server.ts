import { type ChildProcess, spawn } from 'node:child_process';

/** A Redis of a test's own, so the test can kill and restart it without touching the machine's. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) =>
      spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' }).on('exit', (code) =>
        resolve(code === 0),
      ),
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}
