import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import { ensureElementBundle, launchChromium } from './browser.js';

/** A browser context a test opened, with the page errors it collected. */
export interface Tracked {
  readonly context: BrowserContext;
  readonly errors: readonly string[];
}

/**
 * One server and one Chromium for a test file, started before its tests and stopped after them.
 * Contexts passed to `track` are checked for page errors and closed after each test.
 */
export function useServerAndBrowser(): {
  readonly server: TestServer;
  readonly browser: Browser;
  track<T extends Tracked>(opened: T): T;
} {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let tracked: Tracked[] = [];

  beforeAll(async () => {
    ensureElementBundle();
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });

  afterEach(async () => {
    for (const { errors } of tracked) expect(errors).toEqual([]);
    await Promise.all(tracked.map(({ context }) => context.close()));
    tracked = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  return {
    get server() {
      if (server === undefined) throw new Error('the test server is not started yet');
      return server;
    },
    get browser() {
      if (browser === undefined) throw new Error('Chromium is not launched yet');
      return browser;
    },
    track(opened) {
      tracked.push(opened);
      return opened;
    },
  };
}
