import { describe, expect, it } from 'vitest';
import { createAccount } from '../../../src/storage/accounts.js';
import { createApiKey } from '../../../src/storage/api-keys.js';
import { ProtocolClient } from '../../support/protocol-client.js';
import { ApiClient } from '../api-client.js';
import { specOperations } from '../contract.js';
import type { ApiFixture } from '../fixture.js';

type Mode = 'test' | 'live';

/** What one mode of an account made: every kind of resource a path can name. */
interface Made {
  readonly api: ApiClient;
  readonly roomId: string;
  readonly storyId: string;
  readonly webhookId: string;
  readonly keyId: string;
  readonly externalUserId: string;
}

/** A body each operation accepts, so that a refusal can only come from the resource's mode. */
const BODIES: Record<string, unknown> = {
  updateRoom: { name: 'Taken over' },
  createToken: { name: 'Mallory' },
  addStory: { title: 'Spam' },
  importStories: { stories: [{ title: 'Spam' }] },
  reorderStories: { storyIds: [] },
  updateStory: { title: 'Spam' },
  rotateKey: {},
  updateWebhook: { description: 'Taken over' },
  rotateWebhookSecret: {},
  startRound: {},
  finalizeRound: { estimate: '5' },
};

/** Path parameters that name a resource owned by an (account, mode). */
const OWNED_PARAMS = ['roomId', 'storyId', 'webhookId', 'keyId'] as const;

async function makeEverything(api: ApiClient, mode: Mode): Promise<Made> {
  const room = await api.post('/v1/rooms', { name: `${mode} room` });
  expect(room.status).toBe(201);
  const roomId = room.body.id as string;
  const story = await api.post(`/v1/rooms/${roomId}/stories`, { title: `${mode} story` });
  const webhook = await api.post('/v1/webhooks', {
    url: 'https://hooks.example.com/poker',
    eventTypes: ['room.closed'],
  });
  const key = await api.post('/v1/keys', { name: `${mode} CI`, scopes: ['rooms'] });
  const externalUserId = `person-${mode}-${roomId}`;
  const token = await api.post(`/v1/rooms/${roomId}/tokens`, { name: 'Ann', externalUserId });

  const client = await ProtocolClient.connect(token.body.wsUrl, token.body.token);
  await client.close();
  return {
    api,
    roomId,
    storyId: story.body.id,
    webhookId: webhook.body.id,
    keyId: key.body.id,
    externalUserId,
  };
}

/** Every operation of the contract whose path names an owned resource, with that resource's ids filled in. */
function ownedRoutes(made: Made): { id: string; method: string; path: string }[] {
  const routes: { id: string; method: string; path: string }[] = [];
  for (const [route, id] of specOperations) {
    const [method = '', template = ''] = route.split(' ');
    if (!OWNED_PARAMS.some((param) => template.includes(`{${param}}`))) continue;
    const path = template
      .replace('{roomId}', made.roomId)
      .replace('{storyId}', made.storyId)
      .replace('{webhookId}', made.webhookId)
      .replace('{keyId}', made.keyId);
    routes.push({ id, method, path });
  }
  return routes;
}

export function modesSuite(get: () => ApiFixture): void {
  describe('test and live mode keep their data apart', () => {
    for (const [owner, other] of [
      ['live', 'test'],
      ['test', 'live'],
    ] as const) {
      it(`a ${other} key gets 404 for every resource made with a ${owner} key, and lists none of them`, async () => {
        const fixture = get();
        const accountId = await createAccount(fixture.sql, 'Two modes');
        const keys = {
          test: (await createApiKey(fixture.sql, accountId, { mode: 'test' })).secret,
          live: (await createApiKey(fixture.sql, accountId, { mode: 'live' })).secret,
        };
        const made = await makeEverything(new ApiClient(fixture.server.url, keys[owner]), owner);
        const stranger = new ApiClient(fixture.server.url, keys[other]);

        const routes = ownedRoutes(made);
        expect(routes.length).toBeGreaterThanOrEqual(15);
        for (const route of routes) {
          const body = BODIES[route.id];
          const response = await stranger.request(
            route.method,
            route.path,
            body === undefined ? {} : { body },
          );
          expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
            route: `${route.method} ${route.path}`,
            status: 404,
          });
        }

        const rooms = await stranger.get('/v1/rooms?limit=100');
        expect(rooms.body.data.map((room: { id: string }) => room.id)).not.toContain(made.roomId);
        const webhooks = await stranger.get('/v1/webhooks');
        expect(webhooks.body.data.map((hook: { id: string }) => hook.id)).not.toContain(made.webhookId);
        const keyList = await stranger.get('/v1/keys');
        expect(keyList.body.data.map((key: { id: string }) => key.id)).not.toContain(made.keyId);
        expect(keyList.body.data.every((key: { mode: string }) => key.mode === other)).toBe(true);
        const exported = await stranger.get(`/v1/users/${made.externalUserId}/export`);
        expect(exported.body.participants).toEqual([]);
        const erased = await stranger.delete(`/v1/users/${made.externalUserId}`);
        expect(erased.body.participants).toBe(0);
        const usage = await stranger.get('/v1/usage');
        expect(usage.body.rooms).toBe(0);
        expect(usage.body.participants).toBe(0);

        // Nothing the stranger did changed the owner's resources.
        const room = await made.api.get(`/v1/rooms/${made.roomId}`);
        expect(room.body).toMatchObject({ name: `${owner} room`, closed: false });
        expect(room.body.stories.map((story: { title: string }) => story.title)).toEqual([`${owner} story`]);
        const mine = await made.api.get(`/v1/users/${made.externalUserId}/export`);
        expect(mine.body.participants).toHaveLength(1);
        expect((await made.api.get('/v1/usage')).body.rooms).toBe(1);

        // Only live joins count toward the account's monthly active participants.
        const billing = await made.api.get('/v1/billing');
        expect(billing.body.activeParticipants).toBe(owner === 'live' ? 1 : 0);

        // A room's events reach the webhook endpoints of its own mode only.
        const eventTypes = ['participant.joined', 'room.closed'];
        const url = 'https://hooks.example.com/poker';
        const ownHook = (await made.api.post('/v1/webhooks', { url, eventTypes })).body.id as string;
        const strangerHook = (await stranger.post('/v1/webhooks', { url, eventTypes })).body.id as string;
        const token = await made.api.post(`/v1/rooms/${made.roomId}/tokens`, { name: 'Bo' });
        await (await ProtocolClient.connect(token.body.wsUrl, token.body.token)).close();
        expect((await made.api.delete(`/v1/rooms/${made.roomId}`)).status).toBe(200);
        const types = async (api: ApiClient, hook: string) =>
          (await api.get(`/v1/webhooks/${hook}/deliveries`)).body.data.map((d: { type: string }) => d.type);
        expect((await types(made.api, ownHook)).sort()).toEqual(eventTypes);
        expect(await types(stranger, strangerHook)).toEqual([]);
      });
    }

    it('keeps Idempotency-Keys apart: the same key in the other mode is another request', async () => {
      const fixture = get();
      const accountId = await createAccount(fixture.sql, 'Two modes');
      const live = new ApiClient(
        fixture.server.url,
        (await createApiKey(fixture.sql, accountId, { mode: 'live' })).secret,
      );
      const test = new ApiClient(
        fixture.server.url,
        (await createApiKey(fixture.sql, accountId, { mode: 'test' })).secret,
      );
      const headers = { 'idempotency-key': 'create-the-room' };
      const first = await live.post('/v1/rooms', { name: 'Live' }, { headers });
      const second = await test.post('/v1/rooms', { name: 'Test' }, { headers });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBeNull();
      expect(second.body.id).not.toBe(first.body.id);
      expect((await test.get(`/v1/rooms/${first.body.id}`)).status).toBe(404);
    });
  });
}
