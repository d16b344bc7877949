import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkWebhookDelivery } from '../../server/test/api/contract.js';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.js';
import { ensureElementBundle, launchChromium, openPage } from '../../test/browser/support/browser.js';
import { type FakeTracker, startFakeTracker } from './fake-tracker.js';
import { type ReceivedDelivery, startTrackerSync, type TrackerSync } from './tracker-sync.js';

// The whole loop, offline: issues of a fake GitHub-shaped tracker go into a room, two people
// estimate them in Chromium, and the story.estimated webhooks write the estimates back.
let server: TestServer;
let tracker: FakeTracker;
let sync: TrackerSync;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const deliveries: ReceivedDelivery[] = [];

beforeAll(async () => {
  ensureElementBundle();
  [server, tracker, browser] = await Promise.all([
    startTestServer('embedded'),
    startFakeTracker('acme', 'shop', [
      { number: 1, title: 'Checkout: pay with a saved card', body: 'As a buyer…', state: 'open', labels: [] },
      { number: 2, title: 'Search: filter by price', body: null, state: 'open', labels: [{ name: 'ux' }] },
      { number: 3, title: 'Old bug', body: null, state: 'closed', labels: [] },
      { number: 4, title: 'Bump dependencies', body: null, state: 'open', labels: [], pullRequest: true },
      { number: 5, title: 'Estimated before', body: null, state: 'open', labels: [{ name: 'estimate: 3' }] },
    ]),
    launchChromium(),
  ]);
  sync = await startTrackerSync({
    pokerRoomUrl: server.url,
    secretKey: server.key,
    tracker: { apiUrl: tracker.apiUrl, token: tracker.token, owner: 'acme', repo: 'shop' },
    port: 0,
    onDelivery: (delivery) => deliveries.push(delivery),
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sync?.close();
  await tracker?.close();
  await server?.destroy();
});

const enabledCards = (page: Page) => page.locator('poker-room .card:not([disabled])').count();
const votedCount = (page: Page) => page.locator('poker-room .person[data-voted=true]').count();

/** One round in the browsers: both vote, the facilitator reveals and saves the estimate. */
async function playRound(ada: Page, bo: Page, votes: [string, string], estimate: string, round: number) {
  for (const [page, card] of [
    [ada, votes[0]],
    [bo, votes[1]],
  ] as const) {
    await expect.poll(() => enabledCards(page)).toBeGreaterThan(0);
    await page.click(`poker-room .card[data-card="${card}"]`);
  }
  await expect.poll(() => votedCount(ada)).toBe(2);
  await ada.click('poker-room [data-action=reveal]');
  await bo.locator('poker-room .results').waitFor();
  await ada.fill('poker-room #final-estimate', estimate);
  await ada.click('poker-room .finalize button[type=submit]');
  await expect.poll(() => bo.locator('poker-room .story.estimated').count()).toBe(round);
}

it('imports open issues, plays them in Chromium and writes each estimate back once', async () => {
  expect(await sync.importIssues()).toBe(2);
  expect(await sync.importIssues()).toBe(0);
  const room = await (
    await fetch(`${server.url}/v1/rooms/${sync.roomId}`, {
      headers: { authorization: `Bearer ${server.key}` },
    })
  ).json();
  expect(
    room.stories.map((s: { title: string; externalId: string; url: string }) => [s.title, s.externalId]),
  ).toEqual([
    ['Checkout: pay with a saved card', 'acme/shop#1'],
    ['Search: filter by price', 'acme/shop#2'],
  ]);

  const ada = (await openPage(browser)).page;
  const bo = (await openPage(browser)).page;
  await ada.goto(sync.pageUrl('Ada', 'facilitator'));
  await bo.goto(sync.pageUrl('Bo', 'voter'));
  for (const page of [ada, bo]) await expect.poll(() => page.locator('poker-room .person').count()).toBe(2);

  // A room is ready to vote when it exists: its opening round moved onto the first imported issue.
  await playRound(ada, bo, ['5', '8'], '8', 1);
  await ada.click('poker-room [data-action=next]');
  await playRound(ada, bo, ['3', '3'], '3', 2);

  const labels = (n: number) => tracker.issues.get(n)?.labels.map((label) => label.name);
  await expect.poll(() => labels(1), { timeout: 15_000 }).toEqual(['estimate: 8']);
  await expect.poll(() => labels(2), { timeout: 15_000 }).toEqual(['ux', 'estimate: 3']);
  // Each estimate's label and comment are separate writes, and two rounds' writes may overlap:
  // wait for both issues' comments, not only the last one's.
  for (const issue of [1, 2])
    await expect.poll(() => tracker.issues.get(issue)?.comments.length, { timeout: 15_000 }).toBe(1);
  expect(tracker.issues.get(1)?.comments).toEqual([
    'Estimated **8** in Poker Room from 2 votes, median 6.5, 50 % on the most voted card.',
  ]);
  expect(tracker.issues.get(2)?.comments).toEqual([
    'Estimated **3** in Poker Room from 2 votes, median 3, unanimous.',
  ]);
  expect(labels(5)).toEqual(['estimate: 3']);
  expect(tracker.issues.get(3)?.comments).toEqual([]);

  // What arrived is what the contract describes, and each estimate was written once. A delivery
  // is recorded once the tracker has answered its last write, a moment after the tracker holds it.
  const writtenDeliveries = () => deliveries.filter((d) => d.outcome === 'written');
  await expect.poll(() => writtenDeliveries().length).toBe(2);
  const written = writtenDeliveries();
  for (const delivery of deliveries) expect(checkWebhookDelivery(JSON.parse(delivery.rawBody))).toEqual([]);
  const writesBefore = [...tracker.writes];
  expect([...writesBefore].sort()).toEqual([
    'POST /issues/1/comments',
    'POST /issues/1/labels',
    'POST /issues/2/comments',
    'POST /issues/2/labels',
  ]);

  // A replayed delivery (the same bytes and signature: a retry after a lost answer, or an
  // attacker's copy within the tolerance) writes nothing twice.
  const replay = async (delivery: ReceivedDelivery, headers = delivery.headers) =>
    fetch(`${sync.url}/webhooks/pokerroom`, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      ),
      body: delivery.rawBody,
    });
  for (const delivery of written) expect((await replay(delivery)).status).toBe(204);
  expect(deliveries.slice(-2).map((d) => d.outcome)).toEqual(['duplicate', 'duplicate']);
  const forged = written[0];
  if (forged === undefined) throw new Error('no delivery');
  const refused = await replay(forged, { ...forged.headers, 'webhook-signature': 'v1,AAAA' });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toEqual({ code: 'webhook_signature_mismatch' });
  expect(tracker.writes).toEqual(writesBefore);
  expect(tracker.issues.get(1)?.comments).toHaveLength(1);
}, 90_000);
