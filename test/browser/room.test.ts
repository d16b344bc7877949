import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './support/browser.js';
import { createRoomOnDemo, joinOnDemo, textOf, votedCount } from './support/demo.js';
import { useServerAndBrowser } from './support/suite.js';

const figures = (page: Page) => textOf(page.locator('poker-room .figures'));

describe('<poker-room> on the demo page', () => {
  const suite = useServerAndBrowser();

  it('three people estimate a story: vote by mouse and keyboard, reveal, see the same results, finalize', {
    timeout: 60_000,
  }, async () => {
    const [ada, bo, cy] = await Promise.all([
      openPage(suite.browser),
      openPage(suite.browser),
      openPage(suite.browser),
    ]);
    const joinUrl = await createRoomOnDemo(ada.page, suite.server.url, 'Ada Lovelace', [
      'Checkout with saved card',
      'Search filters',
    ]);
    expect(joinUrl).toMatch(/\/\?room=room_/);
    await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');
    await joinOnDemo(cy.page, joinUrl, 'Cy Young');
    const pages = [ada.page, bo.page, cy.page];
    for (const page of pages) await expect.poll(() => page.locator('poker-room .person').count()).toBe(3);

    for (const page of pages) {
      await expect.poll(() => page.locator('poker-room .card:not([disabled])').count()).toBe(13);
      await expect(textOf(page.locator('poker-room #story-title'))).resolves.toBe('Checkout with saved card');
    }

    // Mouse.
    await ada.page.click('poker-room .card[data-card="5"]');
    // Keyboard: the first card is the tab stop; arrows move, Enter votes.
    await bo.page.locator('poker-room .card[data-card="0"]').focus();
    for (let i = 0; i < 6; i++) await bo.page.keyboard.press('ArrowRight');
    await expect(
      bo.page.evaluate(() =>
        document.querySelector('poker-room')?.shadowRoot?.activeElement?.getAttribute('data-card'),
      ),
    ).resolves.toBe('8');
    await bo.page.keyboard.press('Enter');
    // Change of mind before the reveal.
    await cy.page.click('poker-room .card[data-card="3"]');
    await cy.page.click('poker-room .card[data-card="13"]');

    for (const page of pages) await expect.poll(() => votedCount(page)).toBe(3);
    await expect
      .poll(() => bo.page.locator('poker-room .card[aria-checked=true]').getAttribute('data-card'))
      .toBe('8');
    // Nobody sees anyone's card before the reveal.
    for (const page of pages) expect(await page.locator('poker-room .mini-card.face').count()).toBe(0);

    await ada.page.click('poker-room [data-action=reveal]');
    for (const page of pages) await page.locator('poker-room .results').waitFor();
    const seen = await Promise.all(pages.map(figures));
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toContain('8'); // the median of 5, 8, 13
    await expect(textOf(bo.page.locator('poker-room .outliers'))).resolves.toMatch(
      /Highest: Cy Young \(13\)[\s\S]*Lowest: Ada Lovelace \(5\)/,
    );
    await expect(
      cy.page.locator('poker-room [data-participant] .mini-card.face').allInnerTexts(),
    ).resolves.toEqual(expect.arrayContaining(['5', '8', '13']));
    await expect(cy.page.locator('#log').textContent()).resolves.toContain('pokerroom-reveal');

    // The suggestion is prefilled; the facilitator overrides it and saves.
    await expect(ada.page.locator('poker-room #final-estimate').inputValue()).resolves.toBe('8');
    await ada.page.fill('poker-room #final-estimate', '13');
    await ada.page.click('poker-room .finalize button[type=submit]');
    for (const page of pages) {
      await expect.poll(() => textOf(page.locator('poker-room .story.estimated .estimate'))).toBe('13');
    }
    await expect(bo.page.locator('#log').textContent()).resolves.toContain('pokerroom-finalize');
    await expect(ada.page.locator('#log').textContent()).resolves.toContain('pokerroom-vote');

    // Next story.
    await ada.page.click('poker-room [data-action=next]');
    await expect.poll(() => textOf(cy.page.locator('poker-room #story-title'))).toBe('Search filters');

    for (const { errors } of [ada, bo, cy]) expect(errors).toEqual([]);
    await Promise.all([ada, bo, cy].map(({ context }) => context.close()));
  });
});
