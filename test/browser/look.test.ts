import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { ensureElementBundle, LOOKS, launchChromium, openPage, SCREENSHOTS } from './support/browser.js';
import { setUpScene } from './support/demo.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; failureSummary?: string | undefined }[];
}

/** Runs axe-core on the whole page (it reads open shadow roots) and keeps serious and critical findings. */
async function seriousViolations(page: Page, colorScheme: 'light' | 'dark'): Promise<Violation[]> {
  const violations = await everyViolation(page, colorScheme);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Runs axe-core on the whole page (it reads open shadow roots); every finding, whatever its impact. */
async function everyViolation(page: Page, colorScheme: 'light' | 'dark'): Promise<Violation[]> {
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.slice(0, 3).map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
  return violations;
}

/** Screenshots every look of the page; fails if the room overflows its width. */
async function shootAll(page: Page, stage: string): Promise<string[]> {
  const files: string[] = [];
  for (const look of LOOKS) {
    await page.setViewportSize({ width: look.width, height: look.height });
    await page.emulateMedia({ colorScheme: look.colorScheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${stage} ${look.name} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    const file = join(SCREENSHOTS, `room-${stage}-${look.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  return files;
}

describe('how <poker-room> looks and reads: screenshots, axe-core, live region', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureElementBundle();
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('before and after the reveal: no serious or critical axe violation and a screenshot per look', {
    timeout: 75_000,
  }, async () => {
    const scene = await setUpScene(async () => (await openPage(browser)).page, server.url);
    const voter = scene.voters[0];
    if (voter === undefined) throw new Error('no voter');
    const found: Record<string, Violation[]> = {};
    const shots: string[] = [];
    for (const stage of ['voting', 'revealed'] as const) {
      if (stage === 'revealed') {
        await scene.reveal();
        await voter.locator('poker-room .results').waitFor();
        // The reveal is announced to screen readers with its results.
        const live = scene.facilitator.locator('poker-room [role=status][aria-live=polite]');
        await expect.poll(() => live.textContent()).toMatch(/Cards revealed\. 4 votes, median 6\.5/);
      }
      for (const scheme of ['light', 'dark'] as const) {
        found[`facilitator ${stage} ${scheme}`] = await seriousViolations(scene.facilitator, scheme);
        found[`voter ${stage} ${scheme}`] = await seriousViolations(voter, scheme);
      }
      shots.push(...(await shootAll(scene.facilitator, stage)));
      if (stage === 'revealed') shots.push(...(await shootAll(voter, 'revealed-voter')));
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    expect(shots).toHaveLength(12);
  });

  it('the story queue and the menus, open: no axe violation of any impact, and a screenshot per look', {
    timeout: 120_000,
  }, async () => {
    const scene = await setUpScene(async () => (await openPage(browser)).page, server.url);
    const page = scene.facilitator;
    const voter = scene.voters[0];
    if (voter === undefined) throw new Error('no voter');
    const stories = page.locator('poker-room [part=stories]');
    // Each state: how to get there from the one before, and how to leave it.
    const states = {
      'story-import': {
        open: async () => {
          await stories.locator('[part=story-import] summary').click();
          await page
            .getByLabel('Stories to import')
            .fill('Issue key,Summary,URL\nPAY-7,"Refunds, partial",https://tracker.test/PAY-7');
        },
        close: () => stories.locator('[part=story-import] summary').click(),
      },
      'story-menu': {
        open: () => stories.locator('summary[aria-label^="Edit, move or remove “Search results"]').click(),
        close: () => page.keyboard.press('Escape'),
      },
      'story-editor': {
        open: () => stories.locator('details[open] .menu').getByRole('button', { name: 'Edit' }).click(),
        close: () => page.keyboard.press('Escape'),
      },
      'participant-menu': {
        open: () => page.locator('poker-room summary[aria-label="Manage Bo Diddley"]').click(),
        close: () => page.locator('poker-room summary[aria-label="Manage Bo Diddley"]').click(),
      },
    } as const;
    const found: Record<string, Violation[]> = {};
    const shots: string[] = [];
    for (const [stage, { open, close }] of Object.entries(states)) {
      await open();
      for (const scheme of ['light', 'dark'] as const) {
        found[`facilitator ${stage} ${scheme}`] = await everyViolation(page, scheme);
      }
      shots.push(...(await shootAll(page, stage)));
      // The queue on its own, as docs/element.md shows it.
      if (stage.startsWith('story-')) {
        for (const look of LOOKS) {
          await page.setViewportSize({ width: look.width, height: look.height });
          await page.emulateMedia({ colorScheme: look.colorScheme, reducedMotion: 'reduce' });
          await stories.screenshot({ path: join(SCREENSHOTS, `stories-${stage}-${look.name}.png`) });
          if (stage === 'story-menu') {
            // The round's actions, Skip story among them.
            const actions = page.locator('poker-room .stage');
            await actions.screenshot({ path: join(SCREENSHOTS, `stage-voting-${look.name}.png`) });
          }
        }
      }
      if (stage !== 'story-menu') await close();
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const scheme of ['light', 'dark'] as const) {
      found[`voter's queue, read-only ${scheme}`] = await everyViolation(voter, scheme);
    }
    shots.push(...(await shootAll(voter, 'voting-voter')));
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    expect(shots).toHaveLength(20);
  });
});
