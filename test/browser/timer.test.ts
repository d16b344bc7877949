import { LIMITS } from '@pokerroom/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openRoom, saveSettings, settingsOf, textOf, votedCount } from './support/demo.js';
import { useServerAndBrowser } from './support/suite.js';

const enabledCards = (page: Page) => page.locator('poker-room .card:not([disabled])').count();

/**
 * Records every text the countdown shows, from now on, by watching the element's shadow DOM, so a
 * test sees each second the way a person would rather than sampling it.
 */
async function recordCountdown(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('poker-room')?.shadowRoot;
    if (!root) throw new Error('no <poker-room> shadow root');
    const seen: string[] = [];
    (window as unknown as { countdown: string[] }).countdown = seen;
    const note = () => {
      const text = root.querySelector('[part=timer]')?.textContent?.replace(/\s+/g, ' ').trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(note).observe(root, { subtree: true, childList: true, characterData: true });
  });
}

const countdown = (page: Page) =>
  page.evaluate(() => (window as unknown as { countdown: string[] }).countdown);

/** The seconds a countdown text shows (`⏱ 0:04 left` → 4). */
function secondsIn(text: string): number {
  const match = /(\d+):(\d\d) left/.exec(text);
  if (match === null) throw new Error(`not a countdown: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

describe('<poker-room> round timer, seen from several browsers', () => {
  const suite = useServerAndBrowser();

  it('round timer: every page counts down from the length set, and the round reveals by itself at zero', {
    timeout: 30_000,
  }, async () => {
    const people = await openRoom(suite.browser, suite.server.url, ['Bo Diddley', 'Cy Young']);
    const [ada, bo, cy] = people;
    if (ada === undefined || bo === undefined || cy === undefined) throw new Error('missing people');
    const pages = [ada.page, bo.page, cy.page];
    const seconds = LIMITS.minTimerSeconds;

    await saveSettings(ada.page, (form) => form.locator('input[name=timer]').fill(String(seconds)));
    for (const page of pages)
      await expect.poll(async () => (await settingsOf(page))?.roundTimerSeconds).toBe(seconds);
    for (const page of pages) await expect.poll(() => enabledCards(page)).toBeGreaterThan(0);
    // Voters don't get the timer button; only the facilitator starts it.
    expect(await bo.page.locator('poker-room [data-action=timer]').count()).toBe(0);
    await bo.page.click('poker-room .card[data-card="5"]');
    await expect.poll(() => votedCount(ada.page)).toBe(1);

    for (const page of pages) await recordCountdown(page);
    await ada.page.click('poker-room [data-action=timer]');
    for (const page of pages) {
      const timer = page.locator('poker-room [part=timer][role=timer]');
      await timer.waitFor();
      expect(secondsIn(await textOf(timer))).toBeLessThanOrEqual(seconds);
    }
    await ada.page.locator('poker-room [data-action=timer-stop]').waitFor();

    // At zero the countdown goes and the round reveals itself, on every page, without a click.
    for (const page of pages) {
      await page.locator('poker-room .results').waitFor({ timeout: (seconds + 5) * 1000 });
      await expect.poll(() => page.locator('poker-room [part=timer]').count()).toBe(0);
      await expect(page.locator('poker-room .mini-card.face').allInnerTexts()).resolves.toEqual(['5']);
    }
    await expect(cy.page.locator('#log').textContent()).resolves.toContain('pokerroom-reveal');

    // Each page showed the countdown second by second from the timer's length, never more.
    for (const page of pages) {
      const shown = (await countdown(page)).map(secondsIn);
      expect(shown.length).toBeGreaterThanOrEqual(seconds - 1);
      expect(Math.max(...shown)).toBeLessThanOrEqual(seconds);
      expect(shown).toEqual([...shown].sort((a, b) => b - a));
      expect(Math.min(...shown)).toBeLessThanOrEqual(1);
    }
    for (const { errors } of people) expect(errors).toEqual([]);
  });
});
