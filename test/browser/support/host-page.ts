import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** An event `<poker-room>` dispatched, as a host page's listener on `document` saw it. */
export interface HeardEvent {
  readonly type: string;
  /** Milliseconds since the element was put in the page. */
  readonly at: number;
  readonly detail: Record<string, unknown>;
}

/** How the element is set up on the host page. */
export interface HostSetup {
  readonly token?: string;
  /** A `getToken` that rejects with this message. */
  readonly rejectGetToken?: string;
}

const EVENTS = [
  'pokerroom-status',
  'pokerroom-error',
  'pokerroom-vote',
  'pokerroom-round',
  'pokerroom-reveal',
];

const HOST_PAGE = (server: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host app</title></head>
<body><main><h1>Host app</h1><div id="slot"></div></main>
<script type="module" src="${new URL('/element.js', server).href}"></script></body></html>`;

/**
 * Serves a minimal host application on an origin of its own (as an integration's page is), which
 * loads the element from the Poker Room server's `/element.js`. Close it after the tests.
 */
export async function serveHostPage(server: string): Promise<{ url: string; close: () => Promise<void> }> {
  const host = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOST_PAGE(server));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const { port } = host.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => host.close(() => resolve())),
  };
}

/**
 * Opens the host page (see {@link serveHostPage}) and puts one `<poker-room>` in it. Every event
 * the element dispatches is recorded on `window.heard`; every WebSocket the page opens is counted.
 */
export async function openHostPage(
  page: Page,
  hostUrl: string,
  server: string,
  setup: HostSetup,
): Promise<{ sockets: () => number }> {
  let sockets = 0;
  page.on('websocket', () => {
    sockets++;
  });
  await page.goto(hostUrl);
  await page.waitForFunction(() => customElements.get('poker-room') !== undefined);
  await page.evaluate(
    ({ server, setup, events }) => {
      const heard: { type: string; at: number; detail: unknown }[] = [];
      (window as unknown as { heard: typeof heard }).heard = heard;
      const start = performance.now();
      for (const type of events) {
        document.addEventListener(type, (event) => {
          const detail = JSON.parse(JSON.stringify((event as CustomEvent).detail)) as unknown;
          heard.push({ type, at: performance.now() - start, detail });
        });
      }
      const room = document.createElement('poker-room') as HTMLElement & {
        server: string;
        token: string;
        getToken: () => Promise<string>;
      };
      room.server = server;
      if (setup.token !== undefined) room.token = setup.token;
      const reason = setup.rejectGetToken;
      if (reason !== undefined) room.getToken = () => Promise.reject(new Error(reason));
      document.getElementById('slot')?.append(room);
    },
    { server, setup, events: EVENTS },
  );
  return { sockets: () => sockets };
}

/** The events the element dispatched so far, of one type. */
export async function heardOf(page: Page, type: string): Promise<HeardEvent[]> {
  const heard = await page.evaluate(() => (window as unknown as { heard: HeardEvent[] }).heard);
  return heard.filter((event) => event.type === type);
}

/** Waits (up to `timeoutMs`) until the element dispatched an event of this type; returns the first. */
export async function waitForEvent(page: Page, type: string, timeoutMs = 10_000): Promise<HeardEvent> {
  await page.waitForFunction(
    (wanted) => (window as unknown as { heard: { type: string }[] }).heard.some((e) => e.type === wanted),
    type,
    { timeout: timeoutMs },
  );
  const [first] = await heardOf(page, type);
  if (first === undefined) throw new Error(`no ${type}`);
  return first;
}

/** An axe-core finding, trimmed to what a failing test should print. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly unknown[];
}

/** Runs axe-core on the whole page (it reads open shadow roots); every violation, whatever its impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.slice(0, 3).map((node) => (node as { target: unknown }).target),
    }));
  });
}
