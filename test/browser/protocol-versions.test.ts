import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { ensureElementBundle, launchChromium, openPage } from './support/browser.js';
import { createRoomOnDemo, joinOnDemo, textOf, votedCount } from './support/demo.js';

/** Open connections of one protocol version, as the server's metrics count them. */
async function connectionsOf(server: TestServer, version: number): Promise<number> {
  const metrics = await fetch(`${server.url}/metrics`).then((response) => response.text());
  const line = new RegExp(`^pokerroom_ws_connections_by_version\\{version="${version}"\\} (\\d+)$`, 'm');
  return Number(line.exec(metrics)?.[1] ?? 0);
}

// The element speaks the newest version the server serves: v2 today, v1 against a server that
// only serves v1 (one from before v2, or one whose operator stopped serving v2).
describe.each([
  { served: '2,1', speaks: 2 },
  { served: '1', speaks: 1 },
])('<poker-room> against a server serving $served', ({ served, speaks }) => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureElementBundle();
    [server, browser] = await Promise.all([
      startTestServer('embedded', { POKERROOM_PROTOCOL_VERSIONS: served, POKERROOM_DEMO: 'on' }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it(`speaks v${speaks} and plays a round`, { timeout: 60_000 }, async () => {
    const ada = await openPage(browser);
    const bo = await openPage(browser);
    const joinUrl = await createRoomOnDemo(ada.page, server.url, 'Ada Lovelace', ['A story']);
    await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');
    await expect.poll(() => connectionsOf(server, speaks)).toBe(2);
    expect(await connectionsOf(server, speaks === 2 ? 1 : 2)).toBe(0);
    // Whether a facilitator may run the room without voting is v2's: v1 has no such command.
    await ada.page.locator('poker-room .card:not([disabled])').first().waitFor();
    expect(await ada.page.locator('poker-room [data-action=voting]').count()).toBe(speaks === 2 ? 1 : 0);

    await ada.page.click('poker-room .card[data-card="3"]');
    await bo.page.click('poker-room .card[data-card="8"]');
    await expect.poll(() => votedCount(ada.page)).toBe(2);
    await ada.page.click('poker-room [data-action=reveal]');
    await expect
      .poll(() => textOf(bo.page.locator('poker-room .figures')), { timeout: 10_000 })
      .toContain('5.5');
    expect([...ada.errors, ...bo.errors]).toEqual([]);
  });
});
