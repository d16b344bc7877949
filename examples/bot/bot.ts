/**
 * A planning-poker bot on the Poker Room client SDK, for Node 20.
 *
 *   With a secret key, it creates a room, runs one round by itself and prints the result:
 *     POKERROOM_URL=http://localhost:8080 POKERROOM_SECRET_KEY=sk_test_... npm run bot
 *   With ROOM_ID too, it joins that room as a voter and votes in every round:
 *     ROOM_ID=room_... POKERROOM_SECRET_KEY=sk_test_... npm run bot -- --once
 *   With a token minted elsewhere, it needs no key:
 *     POKERROOM_WS_URL=ws://.../v1/ws?room=... POKERROOM_TOKEN=... npm run bot
 */
import { connect, PokerRoomError, type Room } from '@pokerroom/client';
import WebSocket from 'ws';

const baseUrl = process.env.POKERROOM_URL ?? 'http://localhost:8080';
const secretKey = process.env.POKERROOM_SECRET_KEY;
const once = process.argv.includes('--once');

/** Calls the REST API with the secret key; throws with the problem's code on failure. */
async function api<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T & { code?: string; detail?: string };
  if (!response.ok)
    throw new Error(`POST ${path}: ${response.status} ${json.code ?? ''} ${json.detail ?? ''}`);
  return json;
}

const mint = (roomId: string, role: 'facilitator' | 'voter') =>
  api<{ token: string; wsUrl: string }>(`/v1/rooms/${roomId}/tokens`, { name: 'Estimation Bot', role });

/** A card for the round: the deck's median numeric card, so the bot never skews the estimate. */
function pickCard(room: Room): string {
  const numeric = room.state.deck.cards.filter((card) => card.value !== null);
  return (numeric[Math.floor(numeric.length / 2)] ?? room.state.deck.cards[0])?.label ?? '?';
}

/** Joins as a voter and votes in every round (exits after the first reveal with --once). */
async function vote(room: Room): Promise<void> {
  const castIfOpen = () => {
    const round = room.state.round;
    if (round?.status === 'voting' && room.state.yourVote === null) {
      room.vote(pickCard(room)).catch((error: unknown) => console.error('vote refused:', error));
    }
  };
  room.on('round', (event) => {
    if (event.t !== 'round.finalized') castIfOpen();
  });
  room.on('reveal', (event) => {
    console.log(`revealed: median ${event.d.stats.median}, votes ${event.d.stats.count}`);
    if (once) room.close();
  });
  castIfOpen();
  await new Promise<void>((resolve) => room.on('status', (status) => status === 'closed' && resolve()));
}

/** Creates a room, runs one round alone, prints the statistics. */
async function demo(room: Room): Promise<void> {
  const added = await room.addStory({ title: 'Bot story' });
  await room.newRound(added.storyIds?.[0]);
  const card = pickCard(room);
  await room.vote(card);
  await room.reveal();
  const stats = room.state.round?.stats;
  console.log(`voted ${card}; revealed: median ${stats?.median}, consensus ${stats?.consensus}`);
  await room.finalize(card);
  console.log(`estimated "${room.state.stories[0]?.title}" at ${room.state.stories[0]?.estimate}`);
  room.close();
}

async function main(): Promise<void> {
  const presetToken = process.env.POKERROOM_TOKEN;
  const presetUrl = process.env.POKERROOM_WS_URL;
  let roomId = process.env.ROOM_ID;
  let credentials: { token: string; wsUrl: string };
  if (presetToken !== undefined && presetUrl !== undefined) {
    credentials = { token: presetToken, wsUrl: presetUrl };
  } else if (secretKey !== undefined) {
    const created = roomId === undefined;
    roomId ??= (await api<{ id: string }>('/v1/rooms', { name: 'Bot room' })).id;
    credentials = await mint(roomId, created ? 'facilitator' : 'voter');
  } else {
    throw new Error(
      'set POKERROOM_SECRET_KEY (and optionally ROOM_ID), or POKERROOM_TOKEN and POKERROOM_WS_URL',
    );
  }
  const room = await connect({
    url: credentials.wsUrl,
    token: credentials.token,
    // A token can expire during a long session: mint a fresh one when the server asks for it.
    ...(secretKey !== undefined && roomId !== undefined
      ? { getToken: async () => (await mint(roomId as string, 'voter')).token }
      : {}),
    WebSocket,
  });
  console.log(`joined "${room.state.name}" (${room.state.id}) as ${room.state.you.role}`);
  if (room.state.you.role === 'facilitator') await demo(room);
  else await vote(room);
}

main().catch((error: unknown) => {
  console.error(error instanceof PokerRoomError ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
});
