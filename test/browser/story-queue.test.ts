import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOOKS, openPage } from './support/browser.js';
import { createRoomOnDemo, joinOnDemo, textOf } from './support/demo.js';
import { axeViolations } from './support/host-page.js';
import { useServerAndBrowser } from './support/suite.js';

/** The titles of the queue, in order, as a page shows them. */
function titles(page: Page): Promise<string[]> {
  return page.locator('poker-room .story .story-title').allInnerTexts();
}

function story(page: Page, title: string): Locator {
  return page.locator('poker-room .story', { has: page.locator('.story-title', { hasText: title }) });
}

/** Opens a story's menu and picks one of its actions. */
async function fromMenu(page: Page, title: string, action: string): Promise<void> {
  await page.locator(`poker-room summary[aria-label="Edit, move or remove “${title}”"]`).click();
  await story(page, title).locator('details[open] .menu').getByRole('button', { name: action }).click();
}

/** What has focus inside the element: a story's handle (`handle:<title>`), an id, or an action. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const inner = document.querySelector('poker-room')?.shadowRoot?.activeElement;
    if (!inner) return 'none';
    const row = inner.closest('[data-story]')?.querySelector('.story-title')?.textContent?.trim();
    if (inner.classList.contains('drag-handle')) return `handle:${row}`;
    if (inner.localName === 'summary' && row) return `menu:${row}`;
    if (inner.hasAttribute('data-card')) return 'card';
    return inner.id || inner.getAttribute('data-action') || inner.localName;
  });
}

function announced(page: Page): Promise<string> {
  return textOf(page.locator('poker-room [role=status][aria-live=polite]').last());
}

/** Interactive controls of the queue smaller than 44 × 44 px (a phone's touch targets). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('poker-room')?.shadowRoot;
    const targets = root?.querySelectorAll<HTMLElement>(
      '[part=stories] :is(button, summary, input, textarea), [data-action=skip]',
    );
    return [...(targets ?? [])]
      .filter((el) => el.checkVisibility({ visibilityProperty: true }))
      .map((el) => ({
        el: el.getAttribute('aria-label') || el.textContent?.trim() || el.id,
        box: el.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ el, box }) => `${el}: ${Math.round(box.width)}×${Math.round(box.height)}`);
  });
}

/** Drags `handle` with a finger (touch events through the DevTools protocol) to the top of `target`. */
async function touchDrag(page: Page, handle: Locator, target: Locator): Promise<void> {
  await handle.scrollIntoViewIfNeeded();
  await target.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (from === null || to === null) throw new Error('no boxes to drag between');
  const cdp = await page.context().newCDPSession(page);
  const x = from.x + from.width / 2;
  const at = (y: number) => ({ touchPoints: [{ x, y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', ...at(from.y + from.height / 2) });
  for (let step = 1; step <= 8; step++) {
    const y = from.y + from.height / 2 + ((to.y + 4 - (from.y + from.height / 2)) * step) / 8;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', ...at(y) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('the story queue in <poker-room>: import, edit, remove, reorder, skip', () => {
  const env = useServerAndBrowser();

  for (const look of LOOKS) {
    const phone = look.width < 600;
    it(`${look.name}: a facilitator runs the queue and another participant sees each change`, {
      timeout: 90_000,
    }, async () => {
      const ada = env.track(await openPage(env.browser, { ...look, touch: phone }));
      const bo = env.track(await openPage(env.browser));
      const joinUrl = await createRoomOnDemo(ada.page, env.server.url, 'Ada Lovelace', ['Login page']);
      await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');

      // Import one story per line, list markers and a trailing link included.
      await ada.page.locator('poker-room [part=story-import] summary').click();
      expect(await axeViolations(ada.page)).toEqual([]);
      await ada.page.getByLabel('Stories to import').fill('- Search\n- Export https://tracker.test/EXP-9\n');
      await ada.page.locator('poker-room .import-form').getByRole('button', { name: 'Import' }).click();
      await expect.poll(() => titles(bo.page)).toEqual(['Login page', 'Search', 'Export']);
      await expect(story(bo.page, 'Export').locator('a').getAttribute('href')).resolves.toBe(
        'https://tracker.test/EXP-9',
      );
      await expect.poll(() => announced(ada.page)).toBe('2 stories added to the queue.');
      expect(await focused(ada.page)).toBe('summary');

      // Import a tracker's CSV export: quoted commas and escaped quotes, a link column.
      await ada.page.locator('poker-room [part=story-import] summary').click();
      await ada.page
        .getByLabel('Stories to import')
        .fill('Issue key,Summary,URL\nPAY-1,"Pay, then ""ship""",https://tracker.test/PAY-1\n');
      await ada.page.locator('poker-room .import-form').getByRole('button', { name: 'Import' }).click();
      await expect
        .poll(() => titles(bo.page))
        .toEqual(['Login page', 'Search', 'Export', 'Pay, then "ship"']);
      await expect(story(bo.page, 'Pay, then').locator('a').getAttribute('href')).resolves.toBe(
        'https://tracker.test/PAY-1',
      );

      // Voters read the queue: no handles, menus or import.
      expect(
        await bo.page.locator('poker-room :is(.drag-handle, .story-menu, [part=story-import])').count(),
      ).toBe(0);

      // Edit a story's title, link and description.
      await fromMenu(ada.page, 'Search', 'Edit');
      await expect.poll(() => focused(ada.page)).toBe('story-edit-title');
      expect(await axeViolations(ada.page)).toEqual([]);
      if (phone) expect(await smallTargets(ada.page)).toEqual([]);
      await ada.page.getByLabel('Title', { exact: true }).fill('Search with filters');
      await ada.page.getByLabel('Link', { exact: true }).fill('https://tracker.test/SRCH-2');
      await ada.page.getByLabel('Description', { exact: true }).fill('Price and size filters.');
      await ada.page.getByRole('button', { name: 'Save story' }).click();
      await expect
        .poll(() => titles(bo.page))
        .toEqual(['Login page', 'Search with filters', 'Export', 'Pay, then "ship"']);
      await expect(story(bo.page, 'Search with filters').locator('a').getAttribute('href')).resolves.toBe(
        'https://tracker.test/SRCH-2',
      );
      await expect.poll(() => focused(ada.page)).toBe('menu:Search with filters');
      // Escape closes the editor unchanged.
      await fromMenu(ada.page, 'Export', 'Edit');
      await ada.page.getByLabel('Title', { exact: true }).fill('Not saved');
      await ada.page.keyboard.press('Escape');
      await expect.poll(() => focused(ada.page)).toBe('menu:Export');
      expect(await titles(ada.page)).toContain('Export');

      // Remove a story; focus moves to its neighbour's handle.
      await fromMenu(ada.page, 'Export', 'Remove');
      await expect
        .poll(() => titles(bo.page))
        .toEqual(['Login page', 'Search with filters', 'Pay, then "ship"']);
      await expect.poll(() => announced(ada.page)).toBe('“Export” removed from the queue.');
      await expect.poll(() => focused(ada.page)).toBe('handle:Pay, then "ship"');

      // Reorder with the mouse: drag the last story's handle above the second.
      await story(ada.page, 'Search with filters').scrollIntoViewIfNeeded();
      const from = await story(ada.page, 'Pay, then').locator('.drag-handle').boundingBox();
      const to = await story(ada.page, 'Search with filters').boundingBox();
      if (from === null || to === null) throw new Error('no boxes to drag between');
      await ada.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await ada.page.mouse.down();
      await ada.page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 8 });
      await ada.page.mouse.up();
      await expect
        .poll(() => titles(bo.page))
        .toEqual(['Login page', 'Pay, then "ship"', 'Search with filters']);
      await expect.poll(() => announced(ada.page)).toBe('“Pay, then "ship"” moved to position 2 of 3.');

      // Reorder with the keyboard: Alt+ArrowDown on a handle; focus stays on it.
      await story(ada.page, 'Login page').locator('.drag-handle').focus();
      await ada.page.keyboard.press('Alt+ArrowDown');
      await expect
        .poll(() => titles(bo.page))
        .toEqual(['Pay, then "ship"', 'Login page', 'Search with filters']);
      await expect.poll(() => announced(ada.page)).toBe('“Login page” moved to position 2 of 3.');
      expect(await focused(ada.page)).toBe('handle:Login page');
      await ada.page.keyboard.press('Alt+ArrowDown');
      await expect
        .poll(() => titles(bo.page))
        .toEqual(['Pay, then "ship"', 'Search with filters', 'Login page']);
      await expect.poll(() => announced(ada.page)).toBe('“Login page” moved to position 3 of 3.');
      // And the menu's buttons, for those who don't use Alt+arrows.
      await fromMenu(ada.page, 'Login page', 'Move up');
      await expect
        .poll(() => titles(bo.page))
        .toEqual(['Pay, then "ship"', 'Login page', 'Search with filters']);
      await expect.poll(() => focused(ada.page)).toBe('handle:Login page');

      // Skip the story being voted on: the round moves to the next pending story; the skipped one waits.
      await expect(textOf(bo.page.locator('poker-room #story-title'))).resolves.toBe('Login page');
      await bo.page.locator('poker-room .card[data-card="5"]').click();
      await expect.poll(() => ada.page.locator('poker-room .person[data-voted=true]').count()).toBe(1);
      if (phone) expect(await smallTargets(ada.page)).toEqual([]);
      await ada.page.locator('poker-room [data-action=skip]').click();
      await expect.poll(() => textOf(bo.page.locator('poker-room #story-title'))).toBe('Search with filters');
      await expect.poll(() => story(bo.page, 'Login page').getAttribute('class')).toContain('pending');
      await expect.poll(() => bo.page.locator('poker-room .card[aria-checked=true]').count()).toBe(0);
      await expect.poll(() => focused(ada.page)).toBe('card');

      if (phone) {
        // And with a finger: drag the last story to the top.
        await touchDrag(
          ada.page,
          story(ada.page, 'Search with filters').locator('.drag-handle'),
          story(ada.page, 'Pay, then'),
        );
        await expect
          .poll(() => titles(bo.page))
          .toEqual(['Search with filters', 'Pay, then "ship"', 'Login page']);
      }

      expect(await overflow(ada.page)).toBeLessThanOrEqual(0);
      if (phone) {
        await ada.page.setViewportSize({ width: 320, height: 640 });
        await expect.poll(() => overflow(ada.page)).toBeLessThanOrEqual(0);
        expect(await smallTargets(ada.page)).toEqual([]);
      }
      expect(await axeViolations(ada.page)).toEqual([]);
      expect(await axeViolations(bo.page)).toEqual([]);
    });
  }

  it('what the server refuses, and a list that does not fit, are shown as readable text', {
    timeout: 60_000,
  }, async () => {
    const ada = env.track(await openPage(env.browser));
    await createRoomOnDemo(ada.page, env.server.url, 'Ada Lovelace', ['Login page']);
    const roomId = await ada.page.evaluate(
      () =>
        (document.querySelector('poker-room') as unknown as { view: { room: { id: string } } }).view.room.id,
    );
    // Fill the queue to the protocol's limit of 500 through the REST API.
    for (let batch = 0; batch < 5; batch++) {
      const count = batch === 4 ? 99 : 100;
      const stories = Array.from({ length: count }, (_, i) => ({ title: `Story ${batch * 100 + i}` }));
      const response = await fetch(`${env.server.url}/v1/rooms/${roomId}/stories/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.server.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ stories }),
      });
      expect(response.status).toBe(201);
    }
    await expect.poll(() => ada.page.locator('poker-room .story').count()).toBe(500);
    const notice = ada.page.locator('poker-room [part=notice]');

    await ada.page.locator('poker-room [part=story-import] summary').click();
    await ada.page.getByLabel('Stories to import').fill('One\nTwo');
    await ada.page.locator('poker-room .import-form').getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(() => textOf(notice))
      .toContain('You pasted 2 stories, but the queue has room for 0 more. Remove some and import again.');

    // The element lets a single story through; the server refuses it, and says why.
    await ada.page.getByLabel('Story title').fill('One too many');
    await ada.page.getByRole('button', { name: 'Add story' }).click();
    await expect
      .poll(() => textOf(notice))
      .toContain("That didn't work: The queue has room for 0 more stories.");

    await ada.page.getByLabel('Stories to import').fill('   \n\n');
    await ada.page.locator('poker-room .import-form').getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => textOf(notice)).toContain('No stories found in what you pasted.');
    expect(await axeViolations(ada.page)).toEqual([]);
  });
});
