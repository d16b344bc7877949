import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect } from '@pokerroom/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';

const script = fileURLToPath(new URL('./bot.ts', import.meta.url));

/** Runs the bot as its README says, with these environment variables; resolves with its output. */
function runBot(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('embedded');
});
afterAll(async () => {
  await server?.destroy();
});

describe('examples/bot', () => {
  it('creates a room with a secret key, runs a round alone and exits cleanly', async () => {
    const { code, out } = await runBot({ POKERROOM_URL: server.url, POKERROOM_SECRET_KEY: server.key });
    expect(out).toMatch(/joined "Bot room" \(\S+\) as facilitator/);
    expect(out).toMatch(/voted 5; revealed: median 5, consensus true/);
    expect(out).toMatch(/estimated "Bot story" at 5/);
    expect(code).toBe(0);
  });

  it('joins an existing room as a voter and votes when a round starts', async () => {
    const { id } = await server.createRoom({ name: 'Team room' });
    const minted = await server.mintToken(id, { name: 'Fay', role: 'facilitator' });
    const facilitator = await connect({ url: minted.wsUrl, token: minted.token, WebSocket, heartbeatMs: 0 });
    try {
      const joined = new Promise<void>((resolve) =>
        facilitator.on('participant', (event) => event.t === 'participant.joined' && resolve()),
      );
      const bot = runBot({ POKERROOM_URL: server.url, POKERROOM_SECRET_KEY: server.key, ROOM_ID: id }, [
        '--once',
      ]);
      await joined;
      await facilitator.newRound();
      await new Promise<void>((resolve) => facilitator.on('vote', () => resolve()));
      await facilitator.reveal();
      const { code, out } = await bot;
      expect(out).toMatch(/joined "Team room" .* as voter/);
      expect(out).toMatch(/revealed: median 5, votes 1/);
      expect(code).toBe(0);
    } finally {
      facilitator.close();
    }
  });
});
