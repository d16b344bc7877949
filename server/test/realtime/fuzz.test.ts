import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz } from '../support/fuzz.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// The small, fast version of `npm run fuzz` (bench/fuzz.ts), which sends a million frames.
describe('fuzzed frames against a running server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('embedded');
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it('answer only coded error frames, leave every fuzzed room equal to a fresh welcome, and spare an honest client elsewhere', async () => {
    const report = await runFuzz({
      url: server.url,
      key: server.key,
      frames: 20_000,
      rooms: 2,
      connectionsPerRoom: 2,
      seed: 13,
    });
    expect(report.framesSent).toBeGreaterThanOrEqual(20_000);
    expect(report.errorFrames).toBeGreaterThan(0);
    expect(report.badAnswers).toBe(0);
    expect(report.inconsistentRooms).toEqual([]);
    expect(report.honest.failed).toBe(0);
    expect(report.honest.votes).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
