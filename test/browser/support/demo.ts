import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { openPage } from './browser.js';

/** Creates a room on the demo page as its facilitator; returns the join link. */
export async function createRoomOnDemo(
  page: Page,
  baseUrl: string,
  name: string,
  stories?: string[],
): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await page.fill('#create-form input[name=name]', name);
  if (stories !== undefined) await page.fill('#create-form textarea[name=stories]', stories.join('\n'));
  await page.click('#create-form button[type=submit]');
  await page.locator('poker-room .stage').waitFor();
  return page.inputValue('#invite-link');
}

/** Opens a join link and joins as another participant. */
export async function joinOnDemo(page: Page, joinUrl: string, name: string): Promise<void> {
  await page.goto(joinUrl);
  await page.fill('#join-form input[name=name]', name);
  await page.click('#join-form button[type=submit]');
  await page.locator('poker-room .stage').waitFor();
}

/** The number of participants the room shows as having voted. */
export function votedCount(page: Page): Promise<number> {
  return page.locator('poker-room .person[data-voted=true]').count();
}

/** A room with a facilitator and three voters, a round open and three of four votes in. */
export interface Scene {
  readonly facilitator: Page;
  readonly voters: readonly Page[];
  /** The last voter votes, then the facilitator reveals. */
  reveal(): Promise<void>;
}

/** Sets up a typical room mid-round, the way the screenshots and the accessibility check see it. */
export async function setUpScene(open: () => Promise<Page>, baseUrl: string): Promise<Scene> {
  const facilitator = await open();
  const joinUrl = await createRoomOnDemo(facilitator, baseUrl, 'Ada Lovelace', [
    'Checkout: pay with a saved card',
    'Search results: filter by price',
    'Export invoices as CSV',
  ]);
  const names = ['Bo Diddley', 'Cyrus Young', 'Dee Dee Ramone'];
  const voters = await Promise.all(names.map(() => open()));
  for (const [index, page] of voters.entries()) await joinOnDemo(page, joinUrl, names[index] ?? 'Voter');
  await facilitator.locator('poker-room .card:not([disabled])').first().waitFor();
  const votes = ['5', '8', '5'];
  await facilitator.click('poker-room .card[data-card="5"]');
  for (const [index, page] of voters.slice(0, 2).entries()) {
    await page.locator('poker-room .card:not([disabled])').first().waitFor();
    await page.click(`poker-room .card[data-card="${votes[index + 1]}"]`);
  }
  await expectVoted(facilitator, 3);
  return {
    facilitator,
    voters,
    async reveal() {
      const last = voters[2];
      if (last === undefined) return;
      await last.locator('poker-room .card:not([disabled])').first().waitFor();
      await last.click('poker-room .card[data-card="13"]');
      await expectVoted(facilitator, 4);
      await facilitator.click('poker-room [data-action=reveal]');
      await facilitator.locator('poker-room .results').waitFor();
    },
  };
}

async function expectVoted(page: Page, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await votedCount(page)) !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} votes, saw ${await votedCount(page)}`);
    await page.waitForTimeout(50);
  }
}

/** A locator's text with whitespace collapsed: what a reader sees, independent of CSS. */
export async function textOf(locator: { textContent(): Promise<string | null> }): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Opens a participant's menu (facilitators only) and picks one of its actions. */
export async function manageParticipant(page: Page, name: string, action: string): Promise<void> {
  await page.click(`poker-room summary[aria-label="Manage ${name}"]`);
  await page.locator('poker-room details.manage[open] .menu').getByRole('button', { name: action }).click();
}

/** Opens the facilitator's settings, lets `fill` change the form, and saves. */
export async function saveSettings(page: Page, fill: (form: Locator) => Promise<void>): Promise<void> {
  const settings = page.locator('poker-room [part=settings]');
  if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
  const form = settings.locator('form');
  await fill(form);
  await form.getByRole('button', { name: 'Save' }).click();
}

/** The room's settings as the element last rendered them (its public, read-only `view`). */
export function settingsOf(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(() => {
    const room = document.querySelector('poker-room') as unknown as {
      view: { room: { settings: Record<string, unknown> } | null };
    };
    return room.view.room?.settings ?? null;
  });
}

/** Someone in the room: a browser context of their own, its page and the page's errors. */
export interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

/**
 * A fresh room on the demo: Ada Lovelace creates it as facilitator, then each voter joins from a
 * browser context of their own. Resolves once every page lists everyone.
 */
export async function openRoom(
  browser: Browser,
  baseUrl: string,
  voterNames: readonly string[],
  stories: string[] = ['The story'],
): Promise<Person[]> {
  const everyone = await Promise.all([openPage(browser), ...voterNames.map(() => openPage(browser))]);
  const [facilitator, ...voters] = everyone;
  if (facilitator === undefined) throw new Error('no facilitator');
  const joinUrl = await createRoomOnDemo(facilitator.page, baseUrl, 'Ada Lovelace', stories);
  await Promise.all(voters.map((voter, index) => joinOnDemo(voter.page, joinUrl, voterNames[index] ?? '')));
  for (const { page } of everyone) {
    await page
      .locator('poker-room .person')
      .nth(everyone.length - 1)
      .waitFor();
  }
  return everyone;
}
