import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/src/app.js';
import { createLogger } from '../../server/src/ops/logger.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { ensureElementBundle, freePort, launchChromium, openPage } from './support/browser.js';
import { createRoomOnDemo, joinOnDemo, textOf, votedCount } from './support/demo.js';

describe('<poker-room> across a server restart', () => {
  let server: TestServer;
  let restarted: RunningServer | null = null;
  let browser: Browser;

  beforeAll(async () => {
    ensureElementBundle();
    // A fixed port, so the pages find the server again where they left it.
    const port = await freePort();
    [server, browser] = await Promise.all([
      startTestServer('embedded', { PORT: String(port) }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await restarted?.stop();
    await server?.destroy();
  });

  it('shows the outage, keeps a vote cast meanwhile as pending, and recovers by itself', {
    timeout: 90_000,
  }, async () => {
    const ada = await openPage(browser);
    const bo = await openPage(browser);
    const joinUrl = await createRoomOnDemo(ada.page, server.url, 'Ada Lovelace', ['Restart-proof story']);
    await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');
    await ada.page.click('poker-room .card[data-card="3"]');
    await expect.poll(() => votedCount(bo.page)).toBe(1);

    await server.stop();
    for (const { page } of [ada, bo]) {
      await expect
        .poll(() => page.locator('poker-room [part=status]').getAttribute('data-status'), { timeout: 10_000 })
        .toBe('reconnecting');
    }
    // Voting is never blocked silently: the vote waits, and says so.
    await bo.page.click('poker-room .card[data-card="8"]');
    await expect(textOf(bo.page.locator('poker-room [part=pending-vote]'))).resolves.toMatch(
      /8 will be sent/,
    );

    restarted = await startServer(server.config, { logger: createLogger('silent') });
    for (const { page } of [ada, bo]) {
      await expect
        .poll(() => page.locator('poker-room [part=status]').count(), { timeout: 30_000, interval: 250 })
        .toBe(0);
    }
    await expect.poll(() => votedCount(ada.page), { timeout: 10_000 }).toBe(2);
    await expect(
      bo.page.locator('poker-room .card[aria-checked=true]').getAttribute('data-card'),
    ).resolves.toBe('8');

    await ada.page.click('poker-room [data-action=reveal]');
    await expect
      .poll(() => textOf(bo.page.locator('poker-room .figures')), { timeout: 10_000 })
      .toContain('5.5');
    expect([...ada.errors, ...bo.errors]).toEqual([]);
  });
});
