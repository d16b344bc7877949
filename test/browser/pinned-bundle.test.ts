import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { ensureElementBundle, launchChromium, openPage, ROOT } from './support/browser.js';
import { textOf } from './support/demo.js';

// The pinned embed of docs/element.md, copied as a host page would: the versioned bundle URL with
// its integrity hash, loaded by Chromium from another origin.

/** The `<script>` tag of the snippet between the integrity markers of docs/element.md. */
function documentedScriptTag(): string {
  const docs = readFileSync(join(ROOT, 'docs', 'element.md'), 'utf8');
  const snippet = docs.slice(
    docs.indexOf('<!-- integrity:start -->'),
    docs.indexOf('<!-- integrity:end -->'),
  );
  const tag = /<script[\s\S]*?<\/script>/.exec(snippet)?.[0];
  if (tag === undefined)
    throw new Error('docs/element.md has no pinned <script> between its integrity markers');
  return tag;
}

/** Serves one page on an origin of its own. */
function serve(html: () => string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the pinned element bundle', () => {
  let api: TestServer;
  let site: Server;
  let browser: Browser;
  let page = '';

  beforeAll(async () => {
    ensureElementBundle();
    [api, site, browser] = await Promise.all([startTestServer(), serve(() => page), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await api?.destroy();
  });

  const hostPage = (script: string, token: string) =>
    `<!doctype html><html><body>
${script.replace('https://poker.example.com', api.url).replace('<script', '<script onerror="window.bundleFailed = true"')}
<poker-room server="${api.url}" token="${token}"></poker-room>
</body></html>`;

  it('runs as docs/element.md embeds it: versioned URL, integrity and crossorigin', {
    timeout: 45_000,
  }, async () => {
    const room = await api.createRoom({ name: 'Pinned room' });
    const { token } = await api.mintToken(room.id, { name: 'Ada', role: 'facilitator' });
    page = hostPage(documentedScriptTag(), token);
    const { page: tab, errors } = await openPage(browser);
    await tab.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    await tab.locator('poker-room .stage').waitFor();
    await expect(textOf(tab.locator('poker-room .room-name'))).resolves.toMatch(/Pinned room/i);
    expect(errors).toEqual([]);
    await tab.context().close();
  });

  it('is refused by the browser when its bytes do not match the hash', { timeout: 45_000 }, async () => {
    const room = await api.createRoom({ name: 'Tampered room' });
    const { token } = await api.mintToken(room.id, { name: 'Ada', role: 'facilitator' });
    // Another valid sha384 value: the empty file's.
    const tampered = documentedScriptTag().replace(
      /integrity="[^"]+"/,
      'integrity="sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"',
    );
    page = hostPage(tampered, token);
    const { page: tab } = await openPage(browser);
    await tab.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    await tab.waitForFunction(() => (window as { bundleFailed?: boolean }).bundleFailed === true);
    expect(await tab.evaluate(() => customElements.get('poker-room') === undefined)).toBe(true);
    await tab.context().close();
  });
});
