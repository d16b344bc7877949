import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './support/browser.js';
import { createRoomOnDemo, joinOnDemo, textOf, votedCount } from './support/demo.js';
import { useServerAndBrowser } from './support/suite.js';

interface Person {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

/** One event as a listener on the host document received it. */
interface Heard {
  readonly type: string;
  readonly composed: boolean;
  readonly bubbles: boolean;
  /** The target as the document sees it (retargeted to the outermost shadow host). */
  readonly target: string;
  /** The element that dispatched it, first in the composed path. */
  readonly origin: string;
  readonly detail: Record<string, unknown>;
}

const EVENTS = [
  'pokerroom-vote',
  'pokerroom-reveal',
  'pokerroom-finalize',
  'pokerroom-round',
  'pokerroom-status',
  'pokerroom-error',
];

/**
 * Records, for each card of the deck, every class and part it ever had from now on, so a test can
 * tell whether the chosen card was ever drawn differently from the others, even for a moment.
 */
async function recordCardLooks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('poker-room')?.shadowRoot;
    if (!root) throw new Error('no <poker-room> shadow root');
    const looks: Record<string, string[]> = {};
    (window as unknown as { cardLooks: Record<string, string[]> }).cardLooks = looks;
    const note = () => {
      for (const card of root.querySelectorAll<HTMLElement>('.deck .card')) {
        const look = `${card.className.replace(/\s+/g, ' ').trim()} | ${card.getAttribute('part')}`;
        const key = card.dataset.card ?? '';
        const seen = looks[key] ?? [];
        looks[key] = seen;
        if (!seen.includes(look)) seen.push(look);
      }
    };
    note();
    new MutationObserver(note).observe(root, { subtree: true, childList: true, attributes: true });
  });
}

const cardLooks = (page: Page) =>
  page.evaluate(() => (window as unknown as { cardLooks: Record<string, string[]> }).cardLooks);

describe('<poker-room> as one viewer sees it: presenter mode, touch, events for the host page', () => {
  const suite = useServerAndBrowser();

  async function open(options: Parameters<typeof openPage>[1] = {}): Promise<Person> {
    return suite.track(await openPage(suite.browser, options));
  }

  it('presenter mode: your own card is never shown as chosen before the reveal, and the vote counts', {
    timeout: 30_000,
  }, async () => {
    const [ada, bo] = await Promise.all([open(), open()]);
    const joinUrl = await createRoomOnDemo(ada.page, suite.server.url, 'Ada Lovelace', [
      'Shared screen story',
    ]);
    await joinOnDemo(bo.page, joinUrl, 'Bo Diddley');
    // The demo's toggle sets the element's `presenter` attribute.
    await bo.page.check('#presenter');
    await expect(bo.page.locator('poker-room[presenter]').count()).resolves.toBe(1);
    await bo.page.locator('poker-room .card:not([disabled])').first().waitFor();
    await recordCardLooks(bo.page);

    await bo.page.click('poker-room .card[data-card="8"]');
    await expect.poll(() => votedCount(ada.page)).toBe(1);
    const deck = bo.page.locator('poker-room [part=deck]');
    await expect
      .poll(() => textOf(deck.locator('.deck-status')))
      .toContain('You voted (hidden while presenting)');
    // Change of mind: still nothing shows which card.
    await bo.page.click('poker-room .card[data-card="13"]');
    await expect
      .poll(() =>
        bo.page.evaluate(
          () =>
            (document.querySelector('poker-room') as unknown as { view: { yourVote: string | null } }).view
              .yourVote,
        ),
      )
      .toBe('13');

    // Nothing in the deck marks a card: no selected or pending look, no card-selected part, and
    // every card has looked the same as every other all along.
    expect(await bo.page.locator('poker-room .card.selected, poker-room .card.pending').count()).toBe(0);
    expect(await bo.page.locator('poker-room [part~=card-selected]').count()).toBe(0);
    const looks = await cardLooks(bo.page);
    const distinct = new Set(Object.values(looks).flat());
    expect([...distinct]).toEqual(['card | card']);
    // What a person reads on Bo's screen names no card as Bo's.
    const visible = await textOf(bo.page.locator('poker-room .room'));
    expect(visible).not.toMatch(/You voted (8|13)\b/);
    expect(visible).not.toMatch(/\b(8|13) will be sent\b/);
    expect(await bo.page.locator('poker-room .mini-card.face').count()).toBe(0);

    // The vote counted: it's in the reveal, on both screens.
    await ada.page.click('poker-room .card[data-card="5"]');
    await expect.poll(() => votedCount(ada.page)).toBe(2);
    await ada.page.click('poker-room [data-action=reveal]');
    for (const { page } of [ada, bo]) {
      await page.locator('poker-room .results').waitFor();
      await expect(
        textOf(page.locator('poker-room .person', { hasText: 'Bo Diddley' }).locator('.mini-card.face')),
      ).resolves.toBe('13');
    }

    // Turning presenter mode off during the next round shows the chosen card again.
    await ada.page.click('poker-room [data-action=revote]');
    await bo.page.locator('poker-room .card:not([disabled])').first().waitFor();
    await bo.page.uncheck('#presenter');
    await bo.page.click('poker-room .card[data-card="3"]');
    await expect.poll(() => bo.page.locator('poker-room .card.selected').getAttribute('data-card')).toBe('3');
    await expect.poll(() => textOf(deck.locator('.deck-status'))).toContain('You voted 3');
  });

  it('touch: a phone taps cards to vote and change its vote', { timeout: 30_000 }, async () => {
    const ada = await open();
    const phone = await open({ width: 360, height: 780, touch: true });
    const joinUrl = await createRoomOnDemo(ada.page, suite.server.url, 'Ada Lovelace', ['Tap story']);
    await joinOnDemo(phone.page, joinUrl, 'Bo Diddley');
    await expect(phone.page.evaluate(() => matchMedia('(pointer: coarse)').matches)).resolves.toBe(true);

    const tap = async (card: string) => {
      const target = phone.page.locator(`poker-room .card[data-card="${card}"]`);
      await target.scrollIntoViewIfNeeded();
      const box = await target.boundingBox();
      if (box === null) throw new Error(`card ${card} is not visible`);
      await phone.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    };
    await phone.page.locator('poker-room .card:not([disabled])').first().waitFor();
    // Cards are big enough to hit with a finger (WCAG 2.5.8: at least 24 × 24 CSS px).
    for (const box of await phone.page
      .locator('poker-room .deck .card')
      .evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    }
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

    await tap('5');
    await expect.poll(() => votedCount(ada.page)).toBe(1);
    await expect
      .poll(() => phone.page.locator('poker-room .card[aria-checked=true]').getAttribute('data-card'))
      .toBe('5');
    await tap('?');
    await expect
      .poll(() => phone.page.locator('poker-room .card[aria-checked=true]').getAttribute('data-card'))
      .toBe('?');
    await expect.poll(() => textOf(phone.page.locator('poker-room .deck-status'))).toContain('You voted ?');

    await ada.page.click('poker-room .card[data-card="3"]');
    await expect.poll(() => votedCount(ada.page)).toBe(2);
    await ada.page.click('poker-room [data-action=reveal]');
    await phone.page.locator('poker-room .results').waitFor();
    await expect(
      textOf(phone.page.locator('poker-room .person', { hasText: 'Bo Diddley' }).locator('.mini-card.face')),
    ).resolves.toBe('?');
  });

  it("events reach a listener on the host document, composed across the host page's own shadow root", {
    timeout: 30_000,
  }, async () => {
    const [ada, bo] = await Promise.all([open(), open()]);
    const joinUrl = await createRoomOnDemo(ada.page, suite.server.url, 'Ada Lovelace', [
      'Event story',
      'Second story',
    ]);
    const roomId = new URL(joinUrl).searchParams.get('room');
    const response = await fetch(`${suite.server.url}/demo/rooms/${roomId}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bo Diddley' }),
    });
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };

    // A host page of Bo's own: the element sits inside a component of the page (a shadow root), and
    // the page listens on `document` only.
    await bo.page.goto(`${suite.server.url}/`);
    await bo.page.evaluate(
      ({ server, token, events }) => {
        const heard: Heard[] = [];
        (window as unknown as { heard: Heard[] }).heard = heard;
        const name = (node: EventTarget | undefined) => {
          const element = node as Element | undefined;
          return element?.id ? `${element.localName}#${element.id}` : (element?.localName ?? String(node));
        };
        for (const type of events) {
          document.addEventListener(type, (event) => {
            heard.push({
              type,
              composed: event.composed,
              bubbles: event.bubbles,
              target: name(event.target ?? undefined),
              origin: name(event.composedPath()[0]),
              detail: JSON.parse(JSON.stringify((event as CustomEvent).detail)),
            });
          });
        }
        const widget = document.createElement('div');
        widget.id = 'widget';
        const room = document.createElement('poker-room');
        room.setAttribute('server', server);
        room.setAttribute('token', token);
        widget.attachShadow({ mode: 'open' }).append(room);
        document.body.append(widget);
      },
      { server: suite.server.url, token, events: EVENTS },
    );
    const heard = () => bo.page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
    const ofType = async (type: string) => (await heard()).filter((event) => event.type === type);

    await expect
      .poll(async () => (await ofType('pokerroom-status')).map((e) => e.detail.status))
      .toContain('open');
    // The room opened its round on the first story; before anyone votes the facilitator may start another.
    await ada.page.getByRole('button', { name: 'Estimate “Second story”' }).click();
    await expect.poll(async () => (await ofType('pokerroom-round')).length).toBe(1);
    const roundId = (await ofType('pokerroom-round'))[0]?.detail.roundId;
    expect(roundId).toEqual(expect.any(String));

    await bo.page.click('#widget poker-room .card[data-card="8"]');
    await expect
      .poll(() => ofType('pokerroom-vote'))
      .toEqual([expect.objectContaining({ detail: { roundId, card: '8' } })]);
    await bo.page.click('#widget poker-room .deck-status button');
    await expect
      .poll(async () => (await ofType('pokerroom-vote')).map((e) => e.detail.card))
      .toEqual(['8', null]);
    await bo.page.click('#widget poker-room .card[data-card="5"]');
    await ada.page.click('poker-room .card[data-card="3"]');
    await expect.poll(() => votedCount(ada.page)).toBe(2);
    await ada.page.click('poker-room [data-action=reveal]');
    await expect.poll(async () => (await ofType('pokerroom-reveal')).length).toBe(1);
    const [reveal] = await ofType('pokerroom-reveal');
    if (reveal === undefined) throw new Error('no pokerroom-reveal');
    expect(reveal.detail).toMatchObject({ roundId, storyId: expect.any(String) });
    const votes = reveal.detail.votes as { card: string }[];
    expect(votes.map((vote) => vote.card).sort()).toEqual(['3', '5']);
    expect(reveal.detail.stats).toMatchObject({ count: 2, median: 4 });

    await ada.page.locator('poker-room #final-estimate').fill('5');
    await ada.page.click('poker-room .finalize button[type=submit]');
    await expect
      .poll(() => ofType('pokerroom-finalize'))
      .toEqual([
        expect.objectContaining({ detail: { roundId, storyId: reveal.detail.storyId, estimate: '5' } }),
      ]);

    // Every one bubbled and was composed: dispatched by <poker-room>, seen on `document` with the
    // target retargeted to the page's own component.
    const all = await heard();
    expect(new Set(all.map((e) => e.type))).toEqual(
      new Set([
        'pokerroom-status',
        'pokerroom-round',
        'pokerroom-vote',
        'pokerroom-reveal',
        'pokerroom-finalize',
      ]),
    );
    for (const event of all) {
      expect(event).toMatchObject({
        composed: true,
        bubbles: true,
        target: 'div#widget',
        origin: 'poker-room',
      });
    }
  });
});
