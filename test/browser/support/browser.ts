import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ELEMENT = join(ROOT, 'packages', 'element');
const BUNDLE = join(ELEMENT, 'dist', 'poker-room.js');
/** Where screenshots go (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'screenshots');

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(BUNDLE).mtimeMs;
  } catch {
    return 0;
  }
}

function isStale(): boolean {
  const sources = ['element', 'client', 'protocol'].map((name) =>
    newestMtime(join(ROOT, 'packages', name, 'src')),
  );
  return builtAt() <= Math.max(...sources);
}

/**
 * Builds the element bundle when it is missing or older than the sources it is made of (the
 * element, the SDK, the protocol), so the browser tests never run a stale bundle. Test files run
 * in parallel: a lock directory makes one of them build while the others wait.
 */
export function ensureElementBundle(): void {
  if (!isStale()) return;
  withElementBuildLock(() => {
    if (isStale()) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js')], {
        cwd: ELEMENT,
        stdio: 'pipe',
      });
    }
  });
}

/**
 * Runs `build` while holding the element's build lock, so two builds (or a build and a pack) never
 * write `packages/element/dist` at once.
 */
export function withElementBuildLock<T>(build: () => T): T {
  const lock = join(ELEMENT, 'dist', '.build-lock');
  mkdirSync(join(ELEMENT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A viewport and colour scheme to look at the room in. */
export interface Look {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly colorScheme: 'light' | 'dark';
}

/** Desktop and a 360 px phone, light and dark. */
export const LOOKS: readonly Look[] = [
  { name: 'desktop-light', width: 1280, height: 900, colorScheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 900, colorScheme: 'dark' },
  { name: 'phone-light', width: 360, height: 780, colorScheme: 'light' },
  { name: 'phone-dark', width: 360, height: 780, colorScheme: 'dark' },
];

/** A new browser context with its page, reporting page errors to the test's console. */
export async function openPage(
  browser: Browser,
  options: {
    width?: number;
    height?: number;
    colorScheme?: 'light' | 'dark';
    /** A phone: touch events and `isMobile` (meta viewport, touch-first pointer media queries). */
    touch?: boolean;
  } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    ...(options.touch ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}
