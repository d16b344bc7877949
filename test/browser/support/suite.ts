import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import {
  type StorageKind,
  startTestServer,
  type TestServer,
} from '../../../server/test/support/test-server.js';
import { ensureElementBundle, launchChromium } from './browser.js';
import { serveHostPage } from './host-page.js';

/** A browser context a test opened, with the page errors it collected. */
export interface Tracked {
  readonly context: BrowserContext;
  readonly errors: readonly string[];
}

/**
 * One server and one Chromium for a test file, started before its tests and stopped after them,
 * and with `hostPage` an integrator's page on an origin of its own (see `serveHostPage`). Contexts
 * passed to `track` are checked for page errors and closed after each test; those passed to
 * `closeAfterTest` are only closed.
 */
export function useServerAndBrowser(
  options: { storage?: StorageKind; env?: Record<string, string>; hostPage?: boolean } = {},
): {
  readonly server: TestServer;
  readonly browser: Browser;
  /** The host page's URL (with `hostPage`). */
  readonly hostUrl: string;
  track<T extends Tracked>(opened: T): T;
  closeAfterTest(...contexts: BrowserContext[]): void;
} {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let host: Awaited<ReturnType<typeof serveHostPage>> | undefined;
  let tracked: Tracked[] = [];
  let untracked: BrowserContext[] = [];

  beforeAll(async () => {
    ensureElementBundle();
    [server, browser] = await Promise.all([startTestServer(options.storage, options.env), launchChromium()]);
    if (options.hostPage) host = await serveHostPage(server.url);
  });

  afterEach(async () => {
    for (const { errors } of tracked) expect(errors).toEqual([]);
    const contexts = [...tracked.map(({ context }) => context), ...untracked];
    tracked = [];
    untracked = [];
    await Promise.all(contexts.map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
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
    get hostUrl() {
      if (host === undefined) throw new Error('no host page: pass { hostPage: true }');
      return host.url;
    },
    track(opened) {
      tracked.push(opened);
      return opened;
    },
    closeAfterTest(...contexts) {
      untracked.push(...contexts);
    },
  };
}
