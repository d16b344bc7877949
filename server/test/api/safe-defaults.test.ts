import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DRAIN_MS, loadConfig } from '../../src/ops/config.js';
import { embeddedDataDir } from '../support/embedded-data-dir.js';
import { startServerProcess } from '../support/server-process.js';
import { type StorageKind, startTestServer, type TestServer } from '../support/test-server.js';

const LIVE_KEY = 'sk_live_safeDefaultsLiveKey00000000000';
const started: TestServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.destroy()));
});

async function serve(storage: StorageKind, env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer(storage, env);
  started.push(server);
  return server;
}

/** What the demo's paths answer: the page and the key-less room creation. */
async function demoAnswers(server: TestServer) {
  const page = await fetch(`${server.url}/`);
  const create = await fetch(`${server.url}/demo/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Anyone' }),
  });
  return {
    page: page.status,
    pageType: page.headers.get('content-type'),
    create: create.status,
    createCode: create.status === 201 ? null : ((await create.json()) as { code: string }).code,
  };
}

describe('the demo is served only where it is safe', () => {
  it('is on by default with embedded storage and no live key', async () => {
    const server = await serve('embedded');
    expect(server.server.demo).toEqual({ enabled: true, reason: expect.stringContaining('embedded') });
    expect(await demoAnswers(server)).toMatchObject({ page: 200, create: 201 });
    const preflight = await fetch(`${server.url}/element.js`, {
      method: 'OPTIONS',
      headers: { origin: 'https://host.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is not silently on beside PostgreSQL: anyone could create rooms without a key', async () => {
    const server = await serve('postgres');
    expect(server.server.demo).toEqual({ enabled: false, reason: expect.stringContaining('PostgreSQL') });
    expect(await demoAnswers(server)).toEqual({
      page: 404,
      pageType: 'application/problem+json',
      create: 404,
      createCode: 'not_found',
    });
    // Host pages still load the element from the service, demo or not.
    const bundle = await fetch(`${server.url}/element.js`);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    const preflight = await fetch(`${server.url}/element.js`, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('is not silently on beside a live key', async () => {
    const server = await serve('embedded', { POKERROOM_BOOTSTRAP_KEY: LIVE_KEY });
    expect(server.server.demo).toEqual({ enabled: false, reason: expect.stringContaining('live key') });
    expect(await demoAnswers(server)).toMatchObject({ page: 404, create: 404 });
  });

  it('obeys POKERROOM_DEMO=on beside PostgreSQL and POKERROOM_DEMO=off with embedded storage', async () => {
    const on = await serve('postgres', { POKERROOM_DEMO: 'on' });
    expect(on.server.demo).toEqual({ enabled: true, reason: 'POKERROOM_DEMO=on' });
    expect(await demoAnswers(on)).toMatchObject({ page: 200, create: 201 });
    const off = await serve('embedded', { POKERROOM_DEMO: 'off' });
    expect(off.server.demo).toEqual({ enabled: false, reason: 'POKERROOM_DEMO=off' });
    expect(await demoAnswers(off)).toMatchObject({ page: 404, create: 404 });
  });

  it('refuses a POKERROOM_DEMO that is neither on nor off, naming the variable', () => {
    expect(() => loadConfig({ POKERROOM_DEMO: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ POKERROOM_DEMO: 'yes' })).toThrow(/POKERROOM_DEMO must be one of on, off/);
    expect(loadConfig({}).demo).toBeNull();
  });

  // A whole server process, started and stopped: on a loaded machine that is more than a unit test's time.
  it('says at startup whether the demo is on and why', { timeout: 90_000 }, async () => {
    const dataDir = embeddedDataDir('pokerroom-demo-');
    try {
      const process = await startServerProcess({
        POKERROOM_DATA_DIR: dataDir,
        POKERROOM_DEMO: 'off',
        // Nobody is connected: no drain window to wait through on the way out.
        POKERROOM_DRAIN_MS: '0',
      });
      expect(process.output()).toContain('demo: off (POKERROOM_DEMO=off)');
      expect(await process.stop('SIGTERM')).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a deploy does not reconnect every client at the same instant', () => {
  it('spreads socket closes over a drain window by default', () => {
    expect(DEFAULT_DRAIN_MS).toBeGreaterThanOrEqual(1000);
    expect(loadConfig({}).drainMs).toBe(DEFAULT_DRAIN_MS);
    expect(loadConfig({ POKERROOM_DRAIN_MS: '0' }).drainMs).toBe(0);
  });
});
