import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { ensureElementBundle, launchChromium, openPage } from '../../test/browser/support/browser.js';
import { textOf } from '../../test/browser/support/demo.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Serves this folder on another origin than the Poker Room server, as a host page would be. */
function serveFolder(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      const body = await readFile(join(HERE, path === '/' ? 'index.html' : path.replace(/^\/+/, '')));
      res.writeHead(200, {
        'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('examples/html', () => {
  let api: TestServer;
  let site: Server;
  let browser: Browser;

  beforeAll(async () => {
    ensureElementBundle();
    [api, site, browser] = await Promise.all([startTestServer(), serveFolder(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await api?.destroy();
  });

  it('embeds the element from another origin with a pasted token, renders the room and plays a round', {
    timeout: 45_000,
  }, async () => {
    const room = await api.createRoom({ name: 'Embedded room' });
    const { token } = await api.mintToken(room.id, { name: 'Ada Lovelace', role: 'facilitator' });
    const { page, errors } = await openPage(browser);
    const port = (site.address() as AddressInfo).port;
    await page.goto(
      `http://127.0.0.1:${port}/?server=${encodeURIComponent(api.url)}&token=${encodeURIComponent(token)}`,
    );
    await page.locator('poker-room .stage').waitFor();
    await expect(textOf(page.locator('poker-room .room-name'))).resolves.toMatch(/Embedded room/i);
    await expect(textOf(page.locator('poker-room .person-name'))).resolves.toContain('Ada Lovelace');
    await expect.poll(() => page.locator('poker-room .card:not([disabled])').count()).toBeGreaterThan(5);
    // A round, alone: the room is open for votes from the start.
    await page.click('poker-room .card[data-card="5"]');
    await expect.poll(() => page.locator('poker-room .person[data-voted=true]').count()).toBe(1);
    await page.click('poker-room [data-action=reveal]');
    await expect.poll(() => textOf(page.locator('poker-room .figures'))).toContain('5');
    // The host page's theme reaches inside: the accent custom property is the page's.
    const accent = await page
      .locator('poker-room')
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--pr-accent').trim());
    expect(accent).toBe('#0f766e');
    expect(errors).toEqual([]);
  });
});
