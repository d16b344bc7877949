import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ProtocolClient } from '../../server/test/support/protocol-client.js';
import { signWithServerKey } from '../../server/test/support/server-tokens.js';
import { LOOKS, openPage } from './support/browser.js';
import { createRoomOnDemo, joinOnDemo, textOf, votedCount } from './support/demo.js';
import { axeViolations, heardOf, openHostPage, waitForEvent } from './support/host-page.js';
import { useServerAndBrowser } from './support/suite.js';

/** How soon a person (and the host page) must learn that the connection cannot work. */
const TELL_WITHIN_MS = 5000;

describe("a team's first minute with <poker-room>", () => {
  // PostgreSQL storage: the expired token is signed with the server's own key, read from it.
  const env = useServerAndBrowser({ storage: 'postgres', env: { POKERROOM_DEMO: 'on' }, hostPage: true });

  async function roomWithStories(titles: string[]): Promise<string> {
    const room = await env.server.createRoom({ name: 'Sprint 12' });
    const response = await fetch(`${env.server.url}/v1/rooms/${room.id}/stories/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.server.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stories: titles.map((title) => ({ title })) }),
    });
    expect(response.status).toBe(201);
    return room.id;
  }

  for (const look of LOOKS) {
    it(`${look.name}: a voter alone votes in a fresh room, on the first queued story, with no facilitator`, {
      timeout: 45_000,
    }, async () => {
      const roomId = await roomWithStories(['Checkout with a saved card', 'Search filters']);
      const { token } = await env.server.mintToken(roomId, { name: 'Bo Diddley', role: 'voter' });
      const { context, page, errors } = await openPage(env.browser, look);
      env.closeAfterTest(context);
      await openHostPage(page, env.hostUrl, env.server.url, { token });

      const cards = page.locator('poker-room .card:not([disabled])');
      await expect.poll(() => cards.count()).toBe(13);
      await expect(textOf(page.locator('poker-room #story-title'))).resolves.toBe(
        'Checkout with a saved card',
      );
      expect(await page.locator('poker-room [data-action=start]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);

      await page.locator('poker-room .card[data-card="5"]').click();
      const vote = await waitForEvent(page, 'pokerroom-vote');
      expect(vote.detail).toMatchObject({ card: '5', roundId: expect.stringMatching(/^round_/) });
      await expect
        .poll(() => page.locator('poker-room .card[aria-checked=true]').getAttribute('data-card'))
        .toBe('5');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  it('the same person stays one participant: a reload and a new tab rejoin as them, a facilitator at once', {
    timeout: 60_000,
  }, async () => {
    const ada = await openPage(env.browser);
    const bo = await openPage(env.browser, LOOKS[2]);
    env.closeAfterTest(ada.context, bo.context);
    const joinUrl = await createRoomOnDemo(ada.page, env.server.url, 'Ada Lovelace', ['Login page']);
    await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');
    const names = async (page: Page) =>
      (await page.locator('poker-room .person-name').allInnerTexts()).map((name) =>
        name.replace(/\s*\(you\)$/, ''),
      );
    await expect.poll(() => names(ada.page)).toEqual(['Ada Lovelace', 'Bo Diddley']);
    await bo.page.locator('poker-room .card[data-card="8"]').click();
    await expect.poll(() => votedCount(ada.page)).toBe(1);

    // Bo reloads, then opens the link in a second tab: the page rejoins as Bo, vote and all.
    await bo.page.reload();
    await bo.page.locator('poker-room .stage').waitFor();
    const tab = await bo.context.newPage();
    await tab.goto(joinUrl);
    await tab.locator('poker-room .stage').waitFor();
    for (const page of [ada.page, bo.page, tab]) {
      await expect.poll(() => names(page)).toEqual(['Ada Lovelace', 'Bo Diddley']);
    }
    await expect
      .poll(() => tab.locator('poker-room .card[aria-checked=true]').getAttribute('data-card'))
      .toBe('8');

    // Ada reloads: the same facilitator, with her controls at once (no 60 s hand-over to wait for).
    await ada.page.reload();
    await ada.page.locator('poker-room [data-action=reveal]').waitFor({ timeout: 5000 });
    await expect.poll(() => names(bo.page)).toEqual(['Ada Lovelace', 'Bo Diddley']);
    await expect(
      textOf(bo.page.locator('poker-room .person', { hasText: 'Ada Lovelace' }).locator('.role')),
    ).resolves.toBe('Facilitator');
    expect(await axeViolations(ada.page)).toEqual([]);
    expect([...ada.errors, ...bo.errors]).toEqual([]);
  });

  it('focus never falls to <body>: after each facilitator action it moves to what comes next', {
    timeout: 60_000,
  }, async () => {
    const ada = await openPage(env.browser, LOOKS[1]);
    const bo = await openPage(env.browser);
    env.closeAfterTest(ada.context, bo.context);
    const joinUrl = await createRoomOnDemo(ada.page, env.server.url, 'Ada Lovelace', [
      'Login page',
      'Search',
    ]);
    // The join page says which room it is before anyone gives a name.
    await bo.page.goto(joinUrl);
    await expect.poll(() => textOf(bo.page.locator('#join-heading'))).toBe('Join “Sprint 42 planning”');
    await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');
    // What has focus: inside the element, the focused control; outside, the page's element.
    const focused = () =>
      ada.page.evaluate(() => {
        const active = document.activeElement;
        if (active?.localName !== 'poker-room') return `page:${active?.localName ?? 'none'}`;
        const inner = active.shadowRoot?.activeElement;
        if (!inner) return 'room:none';
        if (inner.hasAttribute('data-card')) return 'card';
        return inner.id || inner.getAttribute('data-action') || inner.localName;
      });
    const press = async (selector: string) => {
      await ada.page.locator(`poker-room ${selector}`).focus();
      await ada.page.keyboard.press('Enter');
    };

    await ada.page.locator('poker-room .card[data-card="5"]').click();
    await bo.page.locator('poker-room .card[data-card="8"]').click();
    await expect.poll(() => votedCount(ada.page)).toBe(2);
    await press('[data-action=reveal]');
    await expect.poll(focused).toBe('final-estimate');
    expect(await axeViolations(ada.page)).toEqual([]);
    // Texts for who reads them: nothing "starts soon" by itself after a reveal.
    const deckStatus = (page: Page) => textOf(page.locator('poker-room [part=deck] .deck-status'));
    await expect(deckStatus(ada.page)).resolves.toBe(
      'Cards are on the table. Save the estimate, or vote again.',
    );
    await expect
      .poll(() => deckStatus(bo.page))
      .toBe('Cards are on the table. The facilitator settles the estimate.');

    await ada.page.keyboard.press('Enter'); // Save estimate: the suggestion is prefilled
    await expect.poll(focused).toBe('next');
    await expect
      .poll(() => deckStatus(bo.page))
      .toBe('Estimate saved. The facilitator opens the next story.');
    await ada.page.keyboard.press('Enter'); // Next story
    await expect.poll(focused).toBe('card');
    await expect(textOf(ada.page.locator('poker-room #story-title'))).resolves.toBe('Search');
    await expect
      .poll(() => ada.page.locator('poker-room [role=status]').last().textContent())
      .toContain('Search');

    await ada.page.keyboard.press('Enter'); // votes with the focused card
    await press('[data-action=reveal]');
    await expect.poll(focused).toBe('final-estimate');
    await press('[data-action=revote]');
    await expect.poll(focused).toBe('card');
    expect(await axeViolations(ada.page)).toEqual([]);
    expect([...ada.errors, ...bo.errors]).toEqual([]);
  });

  it('the participant menu: rename yourself; a facilitator switches voter and observer', {
    timeout: 60_000,
  }, async () => {
    const ada = await openPage(env.browser);
    const bo = await openPage(env.browser, LOOKS[3]);
    const cy = await openPage(env.browser);
    env.closeAfterTest(ada.context, bo.context, cy.context);
    const joinUrl = await createRoomOnDemo(ada.page, env.server.url, 'Ada Lovelace', ['Login page']);
    await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');
    await joinOnDemo(cy.page, joinUrl, 'Cy Young');
    await expect.poll(() => ada.page.locator('poker-room .person').count()).toBe(3);

    // Bo renames himself from his own row's menu; focus goes back to the menu's button.
    await bo.page.locator('poker-room summary[aria-label="Your name"]').click();
    const field = bo.page.getByLabel('Your name in this room');
    await expect(field.inputValue()).resolves.toBe('Bo Diddley');
    expect(await axeViolations(bo.page)).toEqual([]);
    await field.fill('Bo D.');
    await field.press('Enter');
    await expect.poll(() => ada.page.locator('poker-room .person-name').allInnerTexts()).toContain('Bo D.');
    await expect
      .poll(() =>
        bo.page.evaluate(() =>
          document.querySelector('poker-room')?.shadowRoot?.activeElement?.getAttribute('aria-label'),
        ),
      )
      .toBe('Your name');
    // Voters get no menu for others.
    expect(await bo.page.locator('poker-room summary[aria-label^="Manage"]').count()).toBe(0);

    // Ada makes Cy an observer, then a voter again.
    await ada.page.click('poker-room summary[aria-label="Manage Cy Young"]');
    expect(await axeViolations(ada.page)).toEqual([]);
    await ada.page.getByRole('button', { name: 'Make observer (does not vote)' }).click();
    await expect
      .poll(() => textOf(cy.page.locator('poker-room [part=deck] .deck-status')))
      .toContain('observ');
    await expect(
      textOf(ada.page.locator('poker-room .person', { hasText: 'Cy Young' }).locator('.role')),
    ).resolves.toBe('Observer');
    await ada.page.click('poker-room summary[aria-label="Manage Cy Young"]');
    await ada.page.getByRole('button', { name: 'Make voter' }).click();
    await expect.poll(() => cy.page.locator('poker-room .card:not([disabled])').count()).toBe(13);
    expect([...ada.errors, ...bo.errors, ...cy.errors]).toEqual([]);
  });

  it('a phone is a first-class screen: with seven people the deck is in reach, targets are 44 px, nothing overflows', {
    timeout: 60_000,
  }, async () => {
    const roomId = await roomWithStories(['Checkout with a saved card']);
    const others = ['Ada Lovelace', 'Cy Young', 'Dee Dee', 'Eve Arden', 'Flo Jo', 'Gus Grissom'];
    const people = await Promise.all(
      others.map(async (name, index) => {
        const minted = await env.server.mintToken(roomId, {
          name,
          role: index === 0 ? 'facilitator' : 'voter',
        });
        return ProtocolClient.connect(minted.wsUrl, minted.token);
      }),
    );
    try {
      const { token } = await env.server.mintToken(roomId, { name: 'Bo Diddley', role: 'voter' });
      const { context, page, errors } = await openPage(env.browser, { width: 360, height: 740, touch: true });
      env.closeAfterTest(context);
      await openHostPage(page, env.hostUrl, env.server.url, { token });
      await expect.poll(() => page.locator('poker-room .person').count()).toBe(7);
      await expect.poll(() => page.locator('poker-room .card:not([disabled])').count()).toBe(13);

      // Without scrolling, the first row of cards is on screen.
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const first = await page.locator('poker-room .card').first().boundingBox();
      expect(first?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(740 - (first?.height ?? 0));

      const small = () =>
        page.evaluate(() => {
          const root = document.querySelector('poker-room')?.shadowRoot;
          const targets =
            root?.querySelectorAll<HTMLElement>('button, summary, input, select, a[href]') ?? [];
          return [...targets]
            .filter((el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
            .map((el) => ({
              el:
                el.getAttribute('aria-label') || el.textContent?.trim() || `${el.localName}.${el.className}`,
              box: el.getBoundingClientRect(),
            }))
            .filter(({ box }) => box.width < 44 || box.height < 44)
            .map(({ el, box }) => `${el}: ${Math.round(box.width)}×${Math.round(box.height)}`);
        });
      expect(await small()).toEqual([]);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 320, height: 640 });
      await expect.poll(overflow).toBeLessThanOrEqual(0);
      expect(await small()).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await Promise.all(people.map((person) => person.close()));
    }
  });

  describe('failures a person can read', () => {
    async function expectRefusal(
      setup: Parameters<typeof openHostPage>[3],
      expected: { code: string; banner: string; retry: boolean; sockets: number },
      look = LOOKS[0],
    ): Promise<void> {
      const { context, page, errors } = await openPage(env.browser, look);
      env.closeAfterTest(context);
      const { sockets } = await openHostPage(page, env.hostUrl, env.server.url, setup);
      const error = await waitForEvent(page, 'pokerroom-error', TELL_WITHIN_MS);
      expect(error.at).toBeLessThan(TELL_WITHIN_MS);
      expect(error.detail).toMatchObject({ code: expected.code, message: expect.any(String) });
      const banner = page.locator('poker-room [part=status]');
      await expect(textOf(banner)).resolves.toBe(
        expected.retry ? `${expected.banner} Retry` : expected.banner,
      );
      expect(await banner.getAttribute('data-status')).toBe('closed');
      expect(await banner.getByRole('button').count()).toBe(expected.retry ? 1 : 0);
      // Closed for good: the element is not trying again behind the message.
      const status = await heardOf(page, 'pokerroom-status');
      expect(status.at(-1)?.detail).toMatchObject({ status: 'closed' });
      expect(sockets()).toBe(expected.sockets);
      expect(await heardOf(page, 'pokerroom-error')).toHaveLength(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    }

    it('a forged token: the server says so after the upgrade, the element shows it and stops', {
      timeout: 30_000,
    }, async () => {
      const roomId = await roomWithStories(['A story']);
      const { token } = await env.server.mintToken(roomId, { name: 'Eve', role: 'voter' });
      await expectRefusal(
        { token: `${token.slice(0, -4)}AAAA` },
        {
          code: 'token_invalid',
          banner: 'Your invitation is not valid any more. Ask for a new link.',
          retry: false,
          sockets: 1,
        },
      );
    });

    it('an expired token with no getToken to renew it: the element says it expired and stops', {
      timeout: 30_000,
    }, async () => {
      const roomId = await roomWithStories(['A story']);
      const token = await signWithServerKey(
        env.server,
        { roomId, participantId: 'p_late' },
        { ttlSeconds: 60, issuedAt: Date.now() - 3_600_000 },
      );
      await expectRefusal(
        { token },
        {
          code: 'token_expired',
          banner: 'Your invitation has expired. Reload the page, or ask for a new link.',
          retry: false,
          sockets: 1,
        },
        LOOKS[3],
      );
    });

    it('a getToken that rejects: not the hint for a missing attribute, but what failed, with a retry', {
      timeout: 30_000,
    }, async () => {
      await expectRefusal(
        { rejectGetToken: 'backend down' },
        {
          code: 'token_fetch_failed',
          banner: 'Could not get your invitation to this room. Check your connection and try again.',
          retry: true,
          sockets: 0,
        },
        LOOKS[1],
      );
    });
  });
});
