import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  manageParticipant,
  openRoom,
  type Person,
  saveSettings,
  settingsOf,
  textOf,
  votedCount,
} from './support/demo.js';
import { useServerAndBrowser } from './support/suite.js';

const names = (page: Page) => page.locator('poker-room .person-name').allInnerTexts();
const enabledCards = (page: Page) => page.locator('poker-room .card:not([disabled])').count();
const deckLabels = (page: Page) =>
  page.locator('poker-room .deck .card').evaluateAll((cards) => cards.map((card) => card.dataset.card));

describe("<poker-room> facilitator's controls, seen from several browsers", () => {
  const suite = useServerAndBrowser();

  /** A facilitator and voters in a fresh room, each in a suite.browser context of their own. */
  async function room(voterNames: string[]): Promise<Person[]> {
    const people = await openRoom(suite.browser, suite.server.url, voterNames);
    return people.map((person) => suite.track(person));
  }

  it('kick: the removed voter is told so and stays disconnected; the others see them gone', {
    timeout: 30_000,
  }, async () => {
    const [ada, bo, cy] = await room(['Bo Diddley', 'Cy Young']);
    if (ada === undefined || bo === undefined || cy === undefined) throw new Error('missing people');
    let sockets = 0;
    bo.page.on('websocket', () => sockets++);

    await manageParticipant(ada.page, 'Bo Diddley', 'Remove from room');

    const banner = bo.page.locator('poker-room [part=status]');
    await expect.poll(() => banner.getAttribute('data-status')).toBe('closed');
    await expect(textOf(banner)).resolves.toBe('You were removed from this room.');
    // A removal is final: no retry button.
    expect(await banner.getByRole('button').count()).toBe(0);
    await expect(bo.page.locator('#log').textContent()).resolves.toMatch(
      /pokerroom-status.*"closed".*"kicked"/,
    );
    for (const { page } of [ada, cy]) {
      await expect.poll(() => names(page)).not.toContain('Bo Diddley');
      await expect.poll(() => page.locator('poker-room .person').count()).toBe(2);
    }

    // The room goes on without Bo: Cy votes in the open round, and Bo's page neither reconnects nor votes.
    await expect.poll(() => enabledCards(cy.page)).toBeGreaterThan(0);
    await cy.page.click('poker-room .card[data-card="3"]');
    await expect.poll(() => votedCount(ada.page)).toBe(1);
    await ada.page.click('poker-room [data-action=reveal]');
    await cy.page.locator('poker-room .results').waitFor();
    await ada.page.fill('poker-room #final-estimate', '3');
    await ada.page.click('poker-room .finalize button[type=submit]');
    await expect.poll(() => textOf(cy.page.locator('poker-room .story.estimated .estimate'))).toBe('3');
    // A whole round went by, several times the SDK's first reconnection delay (at most 250 ms).
    expect(await enabledCards(bo.page)).toBe(0);
    expect(await bo.page.locator('poker-room .results').count()).toBe(0);
    expect(await banner.getAttribute('data-status')).toBe('closed');
    expect(sockets).toBe(0);
    await expect(
      bo.page.evaluate(
        () => (document.querySelector('poker-room') as unknown as { view: { status: string } }).view.status,
      ),
    ).resolves.toBe('closed');
  });

  it('hand-over: the new facilitator gets the controls and the former one loses them', {
    timeout: 30_000,
  }, async () => {
    const [ada, bo] = await room(['Bo Diddley']);
    if (ada === undefined || bo === undefined) throw new Error('missing people');
    const controls = (page: Page) =>
      Promise.all([
        page.locator('poker-room [data-action=timer]').count(),
        page.locator('poker-room [part=settings]').count(),
        // Menus for managing others (everyone also has one for themselves).
        page.locator('poker-room summary[aria-label^="Manage "]').count(),
      ]);
    expect(await controls(ada.page)).toEqual([1, 1, 1]);
    expect(await controls(bo.page)).toEqual([0, 0, 0]);

    await manageParticipant(ada.page, 'Bo Diddley', 'Make facilitator');

    await expect.poll(() => controls(bo.page)).toEqual([1, 1, 1]);
    await expect.poll(() => controls(ada.page)).toEqual([0, 0, 0]);
    for (const page of [ada.page, bo.page]) {
      await expect
        .poll(() => textOf(page.locator('poker-room .person', { hasText: 'Bo Diddley' }).locator('.role')))
        .toBe('Facilitator');
      await expect
        .poll(() => page.locator('poker-room .person', { hasText: 'Ada Lovelace' }).locator('.role').count())
        .toBe(0);
    }

    // The controls work: Ada votes in the open round and can no longer reveal it; Bo reveals it.
    await expect.poll(() => enabledCards(ada.page)).toBeGreaterThan(0);
    expect(await ada.page.locator('poker-room [data-action=reveal]').count()).toBe(0);
    await ada.page.click('poker-room .card[data-card="8"]');
    await bo.page.click('poker-room .card[data-card="8"]');
    await expect.poll(() => votedCount(bo.page)).toBe(2);
    await bo.page.click('poker-room [data-action=reveal]');
    await ada.page.locator('poker-room .results').waitFor();
    await expect(ada.page.locator('poker-room [part=consensus]').count()).resolves.toBe(1);
    await expect(textOf(ada.page.locator('poker-room .figures'))).resolves.toContain('8');
  });

  it('settings: a T-shirt deck reaches the voters, and auto-reveal reveals once everyone online voted', {
    timeout: 30_000,
  }, async () => {
    const [ada, bo, cy] = await room(['Bo Diddley', 'Cy Young']);
    if (ada === undefined || bo === undefined || cy === undefined) throw new Error('missing people');
    expect(await deckLabels(bo.page)).toContain('13');

    await saveSettings(ada.page, async (form) => {
      await form.locator('select[name=deck]').selectOption('t-shirt');
      await form.locator('input[name=autoReveal]').check();
    });

    const tShirt = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '?', '☕'];
    for (const { page } of [ada, bo, cy]) {
      await expect.poll(() => deckLabels(page)).toEqual(tShirt);
      await expect.poll(async () => (await settingsOf(page))?.autoReveal).toBe(true);
    }

    // Cy leaves (closing a closed context again after the test is a no-op); auto-reveal waits for those still here only.
    await cy.context.close();
    await expect
      .poll(() =>
        textOf(ada.page.locator('poker-room .person', { hasText: 'Cy Young' }).locator('.presence-label')),
      )
      .toBe('offline');

    await expect.poll(() => enabledCards(bo.page)).toBe(tShirt.length);
    await ada.page.click('poker-room .card[data-card="M"]');
    await expect.poll(() => votedCount(bo.page)).toBe(1);
    // One of two online voters: still voting.
    expect(await bo.page.locator('poker-room .results').count()).toBe(0);
    await expect(bo.page.locator('poker-room .card[data-card="L"]').isEnabled()).resolves.toBe(true);

    await bo.page.click('poker-room .card[data-card="L"]');
    for (const { page } of [ada, bo]) {
      await page.locator('poker-room .results').waitFor();
      await expect(
        page.locator('poker-room [data-participant] .mini-card.face').allInnerTexts(),
      ).resolves.toEqual(expect.arrayContaining(['M', 'L']));
    }
    // Nobody pressed reveal: the facilitator still had the button until the round revealed itself.
    await expect(ada.page.locator('#log').textContent()).resolves.toContain('pokerroom-reveal');
  });
});
