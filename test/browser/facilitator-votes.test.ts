import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOOKS, openPage, SCREENSHOTS } from './support/browser.js';
import { textOf } from './support/demo.js';
import { axeViolations, heardOf, openHostPage, waitForEvent } from './support/host-page.js';
import { useServerAndBrowser } from './support/suite.js';

/** The element's own focused element, inside its shadow root. */
function focusedAction(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      (document.querySelector('poker-room')?.shadowRoot?.activeElement as HTMLElement | null)?.dataset
        .action ?? null,
  );
}

describe('<poker-room>: a facilitator chooses whether they vote', () => {
  const env = useServerAndBrowser({ env: { POKERROOM_DEMO: 'on' }, hostPage: true });

  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  async function joinAs(roomId: string, name: string, role: string, look?: (typeof LOOKS)[number]) {
    const { token, participantId } = await env.server.mintToken(roomId, {
      name,
      role,
      externalUserId: name.toLowerCase().replace(/\W+/g, '-'),
    });
    const opened = await openPage(env.browser, look);
    env.closeAfterTest(opened.context);
    await openHostPage(opened.page, env.hostUrl, env.server.url, { token });
    await opened.page.locator('poker-room .stage').waitFor();
    return { ...opened, token, participantId };
  }

  for (const look of LOOKS) {
    it(`${look.name}: one click and the round no longer waits for the facilitator; remembered; switched back`, {
      timeout: 60_000,
    }, async () => {
      const room = await env.server.createRoom({ name: 'Sprint 12', settings: { autoReveal: true } });
      const ada = await joinAs(room.id, 'Ada Lovelace', 'facilitator', look);
      const bo = await joinAs(room.id, 'Bo Diddley', 'voter');
      const cy = await joinAs(room.id, 'Cyrus Young', 'voter');
      const the = (page: Page, selector: string) => page.locator(`poker-room ${selector}`);
      const toggle = the(ada.page, '[data-action=voting]');
      const live = the(ada.page, '[role=status][aria-live=polite]');
      const adaRow = (page: Page) => the(page, `.person[data-participant="${ada.participantId}"]`);

      // A facilitator votes by default; one click and the deck gives way to a sentence saying so.
      await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as rendered, what the user reads
      await expect(toggle.innerText()).resolves.toBe('I vote');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
      await expect(textOf(the(ada.page, '[part~=not-voting]'))).resolves.toMatch(
        /facilitating without voting.*“I vote” on to vote again/,
      );
      expect(await the(ada.page, '.card').count()).toBe(0);
      await expect.poll(() => focusedAction(ada.page)).toBe('voting');
      await expect
        .poll(() => live.textContent())
        .toBe('You no longer vote. Rounds reveal without waiting for you.');

      // Everyone sees her as not voting, never as someone the round waits for.
      for (const page of [ada.page, bo.page]) {
        await expect.poll(() => adaRow(page).locator('[data-not-voting]').count()).toBe(1);
        expect(await adaRow(page).locator('.mini-card').count()).toBe(0);
        await expect.poll(() => textOf(the(page, '.badge[data-voted]'))).toBe('0 of 2 voted');
      }
      expect(await axeViolations(ada.page)).toEqual([]);
      await ada.page.screenshot({
        path: join(SCREENSHOTS, `room-not-voting-${look.name}.png`),
        fullPage: true,
      });

      // Bo votes; her nudge counts only Cyrus, reaches him, and not her.
      await the(bo.page, '.card[data-card="5"]').click();
      const nudge = the(ada.page, '[data-action=nudge]');
      await expect.poll(() => textOf(nudge)).toBe('👋 Nudge 1 voter');
      await nudge.click();
      await expect
        .poll(() => textOf(the(cy.page, '[part=notice]')))
        .toContain('Ada Lovelace is waiting for your vote.');
      expect(await the(ada.page, '[part=notice]').count()).toBe(0);
      expect(await the(bo.page, '[part=notice]').count()).toBe(0);

      // Cyrus votes: the round reveals by itself, with the two votes and without hers.
      await the(cy.page, '.card[data-card="8"]').click();
      const reveal = await waitForEvent(ada.page, 'pokerroom-reveal');
      const votes = (reveal.detail as { votes: { participantId: string }[] }).votes;
      expect(votes.map((vote) => vote.participantId).sort()).toEqual(
        [bo.participantId, cy.participantId].sort(),
      );
      await expect.poll(() => textOf(the(ada.page, '.figures'))).toContain('6.5');

      // A reload keeps her choice.
      await openHostPage(ada.page, env.hostUrl, env.server.url, { token: ada.token });
      await the(ada.page, '.stage').waitFor();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');

      // The next round opens without her; she switches back and votes in it.
      await the(ada.page, '[data-action=next]').click();
      await expect.poll(() => textOf(the(ada.page, '[part~=not-voting]'))).toMatch(/without voting/);
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => live.textContent()).toBe('You vote again.');
      await expect.poll(() => focusedAction(ada.page)).toBe('voting');
      await expect.poll(() => textOf(the(bo.page, '.badge[data-voted]'))).toBe('0 of 3 voted');
      expect(await adaRow(bo.page).locator('[data-not-voting]').count()).toBe(0);
      await the(ada.page, '.card[data-card="3"]').click();
      const vote = await waitForEvent(ada.page, 'pokerroom-vote');
      expect(vote.detail).toMatchObject({ card: '3' });
      await expect.poll(() => adaRow(bo.page).getAttribute('data-voted')).toBe('true');
      expect(await heardOf(ada.page, 'pokerroom-error')).toEqual([]);
      expect([...ada.errors, ...bo.errors, ...cy.errors]).toEqual([]);
    });
  }
});
