import {
  DEFAULT_DECK,
  DEFAULT_SETTINGS,
  type Deck,
  deckProblem,
  PRESET_DECKS,
  type RoomSettings,
} from '@pokerroom/protocol';
import type { Static } from '@sinclair/typebox';
import { HttpProblem, type RequestInfo } from '../http/request-reply.js';
import { newId } from '../identity/ids.js';
import { TOKEN_TTL } from '../identity/participant-tokens.js';
import { findOwnedRoom, listRooms, type RoomRow } from '../storage/room-listing.js';
import { participantIdFor } from '../storage/user-data.js';
import type { Handler, RestDeps } from './handler.js';
import type { CreateRoomBody, CreateTokenBody, UpdateRoomBody } from './request-schemas.js';
import type { RoomBody } from './response-schemas.js';
import { expectOk, ownedRoomHost, submitAsIntegration } from './room-actions.js';

/** A room row as the API shows it; the live deck and settings win over the stored ones when given. */
export function toRoomBody(
  row: RoomRow,
  live?: { name: string; deck: Deck; settings: RoomSettings; closed: boolean },
): RoomBody {
  return {
    id: row.id,
    name: live?.name ?? row.name,
    deck: live?.deck ?? row.deck ?? DEFAULT_DECK,
    settings: live?.settings ?? row.settings ?? DEFAULT_SETTINGS,
    closed: live?.closed ?? row.closedAt !== null,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** Opaque page cursors: the id of the last room of a page. */
const encodeCursor = (roomId: string) => Buffer.from(roomId, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^room_[A-Za-z0-9]{1,59}$/.test(id))
    throw new HttpProblem('invalid_request', 'cursor: is not a cursor this API returned');
  return id;
};

function queryInteger(info: RequestInfo, name: string, fallback: number, min: number, max: number): number {
  const raw = info.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new HttpProblem(
      'invalid_request',
      `${name}: must be a whole number from ${min} to ${max}, got "${raw}"`,
    );
  }
  return value;
}

function queryBoolean(info: RequestInfo, name: string): boolean | null {
  const raw = info.query.get(name);
  if (raw === null) return null;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new HttpProblem('invalid_request', `${name}: must be true or false, got "${raw}"`);
}

function resolveDeck(input: Static<typeof CreateRoomBody>['deck']): Deck {
  if (input === undefined) return DEFAULT_DECK;
  if (input.kind !== 'custom') return PRESET_DECKS[input.kind];
  if (input.cards === undefined)
    throw new HttpProblem('invalid_deck', 'deck.cards: a custom deck needs its cards');
  const deck: Deck = { kind: 'custom', cards: input.cards };
  const problem = deckProblem(deck);
  if (problem !== null) throw new HttpProblem('invalid_deck', `deck: ${problem}`);
  return deck;
}

/** Rooms and participant tokens. */
export function roomHandlers(deps: RestDeps) {
  const { sql, rooms } = deps;

  const createRoom: Handler = async ({ body, key }) => {
    const input = body as Static<typeof CreateRoomBody>;
    const room = {
      id: newId('room'),
      accountId: key.accountId,
      mode: key.mode,
      name: input.name ?? 'Planning poker',
      deck: resolveDeck(input.deck),
      settings: { ...DEFAULT_SETTINGS, ...input.settings },
    };
    await rooms.create(room);
    const row = await findOwnedRoom(sql, key, room.id);
    if (row === null) throw new Error('the new room was not stored');
    return { status: 201, body: toRoomBody(row, { ...room, closed: false }) };
  };

  const listRoomsHandler: Handler = async ({ info, key }) => {
    const limit = queryInteger(info, 'limit', 20, 1, 100);
    const cursor = info.query.get('cursor');
    const after = cursor === null ? null : decodeCursor(cursor);
    const rows = await listRooms(sql, key, {
      limit: limit + 1,
      after,
      closed: queryBoolean(info, 'closed'),
    });
    if (rows === null) throw new HttpProblem('invalid_request', 'cursor: is not a cursor of this account');
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        data: page.map((row) => toRoomBody(row)),
        nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null,
      },
    };
  };

  const getRoom: Handler = async ({ params, key }) => {
    const { row, host } = await ownedRoomHost(sql, rooms, key, params.roomId ?? '');
    const { room } = host.snapshot();
    return {
      status: 200,
      body: {
        ...toRoomBody(row, room),
        participants: room.participants,
        stories: room.stories,
        round: room.round,
        timer: room.timer,
      },
    };
  };

  const updateRoom: Handler = async ({ params, body, key }) => {
    const { row, host } = await ownedRoomHost(sql, rooms, key, params.roomId ?? '');
    const input = body as Static<typeof UpdateRoomBody>;
    if (input.deck !== undefined) resolveDeck(input.deck); // the same precise problem as on create
    if (Object.keys(input).length > 0)
      expectOk(await submitAsIntegration(host, { t: 'room.update', d: input }));
    return { status: 200, body: toRoomBody(row, host.durable) };
  };

  const closeRoom: Handler = async ({ params, key }) => {
    const { host } = await ownedRoomHost(sql, rooms, key, params.roomId ?? '');
    if (!host.durable.closed) {
      const outcome = await host.submit({ kind: 'close' });
      if (!outcome.ok && outcome.code !== 'room_closed') expectOk(outcome);
    }
    const row = await findOwnedRoom(sql, key, host.id);
    if (row === null) throw new HttpProblem('room_not_found');
    return { status: 200, body: toRoomBody(row, host.durable) };
  };

  const createToken: Handler = async ({ info, params, body, key }) => {
    const roomId = params.roomId ?? '';
    const input = body as Static<typeof CreateTokenBody>;
    const row = await findOwnedRoom(sql, key, roomId);
    if (row === null) throw new HttpProblem('room_not_found');
    if (row.closedAt !== null) throw new HttpProblem('room_closed');
    // The same person of the host tool is the same participant of the room, on every device;
    // after an erasure of that person, a new one (see participantIdFor).
    const participantId =
      input.externalUserId === undefined
        ? newId('p')
        : await participantIdFor(sql, roomId, input.externalUserId);
    const refused = await deps.billing.gate.check(key, {
      id: participantId,
      externalId: input.externalUserId,
    });
    if (refused !== null) throw new HttpProblem(refused.code, refused.message);
    const { token, exp } = deps.tokens.sign(
      {
        roomId,
        accountId: key.accountId,
        participantId,
        name: input.name,
        role: input.role ?? 'voter',
        ...(input.externalUserId === undefined ? {} : { externalId: input.externalUserId }),
        ...(input.avatarUrl === undefined ? {} : { avatarUrl: input.avatarUrl }),
      },
      input.ttlSeconds ?? TOKEN_TTL.default,
    );
    // Participants connect right after their token is minted: load the room now, so that their
    // upgrades find it in memory and complete synchronously (see realtime/admission.ts).
    void rooms.get(roomId).catch(() => undefined);
    return {
      status: 201,
      body: {
        token,
        expiresAt: new Date(exp * 1000).toISOString(),
        wsUrl: wsUrlFor(info, roomId),
        participantId,
      },
    };
  };

  function wsUrlFor(info: RequestInfo, roomId: string): string {
    const base = deps.publicUrl ?? `http://${info.headers.get('host') ?? 'localhost'}`;
    const url = new URL('/v1/ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('room', roomId);
    return url.toString();
  }

  return { createRoom, listRooms: listRoomsHandler, getRoom, updateRoom, closeRoom, createToken };
}
