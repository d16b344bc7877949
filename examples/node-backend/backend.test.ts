import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { ensureElementBundle, launchChromium, openPage, ROOT } from '../../test/browser/support/browser.js';
import { textOf, votedCount } from '../../test/browser/support/demo.js';

/** Runs the backend as its README says, with the test server's URL and key; resolves on its banner. */
function runBackend(server: TestServer): Promise<{ child: ChildProcess; url: string; roomId: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'examples/node-backend/backend.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, POKERROOM_URL: server.url, POKERROOM_SECRET_KEY: server.key, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const banner = /Example backend on (\S+) \(room (\S+)\)/.exec(out);
      if (banner?.[1] !== undefined && banner[2] !== undefined)
        resolve({ child, url: banner[1], roomId: banner[2] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`the backend exited (${code}): ${out}`)));
  });
}

/** Serves examples/html on an origin of its own, as any static server would. */
function serveHtmlExample(): Promise<Server> {
  const site = createServer(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await readFile(`${ROOT}/examples/html/index.html`));
  });
  return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(site)));
}

describe('examples/node-backend, run as its README says', () => {
  let server: TestServer;
  let browser: Browser;
  let backend: Awaited<ReturnType<typeof runBackend>>;
  let site: Server;
  const contexts: { close(): Promise<void> }[] = [];
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    ensureElementBundle();
    [server, browser, site] = await Promise.all([
      startTestServer('postgres'),
      launchChromium(),
      serveHtmlExample(),
    ]);
    backend = await runBackend(server);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    backend?.child.kill();
    await new Promise((resolve) => site?.close(resolve));
    await server?.destroy();
  });

  async function visit(name: string): Promise<Page> {
    const { context, page, errors } = await openPage(browser);
    contexts.push(context);
    pageErrors.push(errors);
    await page.goto(`${backend.url}/?name=${encodeURIComponent(name)}`);
    await page.locator('poker-room .stage').waitFor();
    return page;
  }

  it('two visitors play a round: the first facilitates, both vote, the reveal reaches both', {
    timeout: 60_000,
  }, async () => {
    const ada = await visit('Ada');
    const bo = await visit('Bo');
    for (const page of [ada, bo]) await expect.poll(() => page.locator('poker-room .person').count()).toBe(2);
    await ada.locator('poker-room .card[data-card="5"]').click();
    await bo.locator('poker-room .card[data-card="8"]').click();
    await expect.poll(() => votedCount(ada)).toBe(2);
    await ada.locator('poker-room [data-action=reveal]').click();
    for (const page of [ada, bo]) await page.locator('poker-room .results').waitFor();
    await expect(textOf(bo.locator('poker-room .figures'))).resolves.toContain('6.5');

    // A reload is the same visitor (their cookie is their externalUserId): one Ada, still facilitating.
    await ada.reload();
    await ada.locator('poker-room #final-estimate').waitFor();
    await expect.poll(() => bo.locator('poker-room .person').count()).toBe(2);
    expect(pageErrors.flat()).toEqual([]);
  });

  it('serves the element from the Poker Room server, which lets other origins load it', async () => {
    const html = await (await fetch(`${backend.url}/`)).text();
    expect(html).toContain(`<script type="module" src="${server.url}/element.js"></script>`);
    const element = await fetch(`${server.url}/element.js`);
    expect(element.status).toBe(200);
    expect(element.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('mints tokens for pages on other origins: examples/html with tokenUrl= joins the room', {
    timeout: 30_000,
  }, async () => {
    const preflight = await fetch(`${backend.url}/api/token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const { context, page, errors } = await openPage(browser);
    contexts.push(context);
    const { port } = site.address() as AddressInfo;
    const query = new URLSearchParams({ server: server.url, tokenUrl: `${backend.url}/api/token` });
    await page.goto(`http://127.0.0.1:${port}/?${query}`);
    await page.locator('poker-room .stage').waitFor();
    await expect.poll(() => page.locator('poker-room .person').count()).toBe(3);
    // It joins the room as it is: the round the two visitors revealed.
    await page.locator('poker-room .results').waitFor();
    const room = await fetch(`${server.url}/v1/rooms/${backend.roomId}`, {
      headers: { authorization: `Bearer ${server.key}` },
    });
    const detail = (await room.json()) as { participants: { name: string }[] };
    expect(detail.participants.map((p) => p.name).sort()).toEqual(['Ada', 'Bo', 'Guest']);
    expect(errors).toEqual([]);
  });
});
