import {
  DEFAULT_DECK,
  DEFAULT_SETTINGS,
  encode,
  ROOM_EVENT_TYPES,
  RoomSnapshotSchema,
  SESSION_EVENT_TYPES,
  type ServerMessage,
} from '@pokerroom/protocol';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { connect, type PokerRoomError, snapshotOf } from '../src/index.js';

const you = { id: 'p_me', name: 'Me', role: 'voter', presence: 'online' } as const;
const welcome: ServerMessage = {
  v: 1,
  t: 'welcome',
  d: {
    sessionId: 'ses_1',
    you,
    yourVote: null,
    room: {
      id: 'r_1',
      name: 'Fuzz',
      deck: DEFAULT_DECK,
      settings: DEFAULT_SETTINGS,
      participants: [you],
      stories: [],
      round: { id: 'round_1', storyId: null, status: 'voting', startedAt: 1, anonymous: false, voted: [] },
      timer: null,
      closed: false,
    },
    seq: 5,
    serverTime: Date.now(),
  },
};
const valid: ServerMessage[] = [
  { v: 1, t: 'vote.cast', seq: 6, d: { participantId: 'p_me' } },
  { v: 1, t: 'participant.presence', seq: 6, d: { participantId: 'p_me', presence: 'away' } },
  { v: 1, t: 'ack', d: { id: 1, result: { resume: 'replay', replayed: 0 } } },
  { v: 1, t: 'error', d: { code: 'rate_limited', message: 'slow down', retryable: true } },
  { v: 1, t: 'reaction', d: { participantId: 'p_me', emoji: '🎉' } },
  welcome,
];
const bytesOf = (message: unknown) => encode(message as ServerMessage);

/** One frame the fake server sends: garbage, a mutated valid frame, a structurally odd one, text, or a valid event. */
const frame = fc.oneof(
  fc.uint8Array({ maxLength: 80 }),
  fc
    .tuple(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean())
    .map(([message, at, byte, truncate]) => {
      const bytes = bytesOf(message);
      if (truncate) return bytes.slice(0, at % bytes.length);
      const copy = bytes.slice();
      copy[at % copy.length] = byte;
      return copy;
    }),
  fc
    .record({
      v: fc.constantFrom(1, 2, '1', null),
      t: fc.constantFrom(...ROOM_EVENT_TYPES, ...SESSION_EVENT_TYPES, 'nope'),
      seq: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.string()),
      id: fc.oneof(fc.constant(undefined), fc.integer()),
      d: fc.anything({ maxDepth: 3 }),
    })
    .map(bytesOf),
  fc.string({ maxLength: 20 }),
  fc
    .integer({ min: 6, max: 9 })
    .map((seq) => bytesOf({ v: 1, t: 'vote.cast', seq, d: { participantId: 'p_me' } })),
);

let wss: WebSocketServer;
let url: string;
let current: WebSocket | null = null;
beforeAll(async () => {
  wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: (protocols) => (protocols.has('pokerroom.v1') ? 'pokerroom.v1' : false),
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  const address = wss.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/v1/ws?room=r_1`;
  wss.on('connection', (socket) => {
    current = socket;
    socket.send(bytesOf(welcome));
  });
});
afterAll(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise((resolve) => wss.close(resolve));
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('fuzzed server frames', () => {
  it('never break the client: it reports, ignores or resyncs, and stays usable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 15 }), async (frames) => {
        const room = await connect({
          url,
          token: 't',
          WebSocket,
          heartbeatMs: 0,
          commandTimeoutMs: 500,
          reconnect: { initialDelayMs: 5, maxAttempts: 5 },
        });
        const errors: PokerRoomError[] = [];
        room.on('error', (error) => errors.push(error));
        try {
          for (const bytes of frames) {
            current?.send(bytes);
            await tick();
          }
          // Alive means: back to connected (or closed for a reason), and still reading frames.
          const alive = await new Promise<string>((resolve) => {
            const timer = setTimeout(() => resolve('stuck'), 3000);
            const poke = setInterval(() => {
              if (room.state.status === 'closed') resolve('closed');
              else if (room.state.status === 'connected') current?.send(bytesOf(valid[4]));
            }, 20);
            room.on('reaction', () => {
              clearTimeout(timer);
              clearInterval(poke);
              resolve('reading');
            });
          });
          expect(alive).not.toBe('stuck');
          expect(Value.Check(RoomSnapshotSchema, snapshotOf(room.state))).toBe(true);
          for (const error of errors) expect(error.name).toBe('PokerRoomError');
        } finally {
          room.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reports an unreadable frame as a protocol_violation error event', async () => {
    const room = await connect({ url, token: 't', WebSocket, heartbeatMs: 0 });
    const seen = new Promise<PokerRoomError>((resolve) => room.on('error', resolve));
    current?.send(new Uint8Array([0xc1, 0xff, 0x00]));
    await expect(seen).resolves.toMatchObject({ code: 'protocol_violation' });
    room.close();
  });

  it('resyncs on a gap: reconnects and adopts the new welcome', async () => {
    const room = await connect({
      url,
      token: 't',
      WebSocket,
      heartbeatMs: 0,
      reconnect: { initialDelayMs: 5 },
    });
    const statuses: string[] = [];
    room.on('status', (status) => statuses.push(status));
    current?.send(bytesOf({ v: 1, t: 'vote.cast', seq: 9, d: { participantId: 'p_me' } }));
    // Wait for the reconnection itself, not for a guessed time.
    await expect.poll(() => statuses).toEqual(['reconnecting', 'connected']);
    expect(room.state.seq).toBe(5);
    room.close();
  });

  it('drops a connection whose pings go unanswered and connects again (heartbeat)', async () => {
    // This fake server never answers pings, like a half-open TCP connection.
    const room = await connect({
      url,
      token: 't',
      WebSocket,
      heartbeatMs: 40,
      heartbeatTimeoutMs: 40,
      reconnect: { initialDelayMs: 5 },
    });
    const statuses: string[] = [];
    room.on('status', (status) => statuses.push(status));
    for (let waited = 0; waited < 2000 && statuses.length < 2; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    room.close();
    expect(statuses.slice(0, 2)).toEqual(['reconnecting', 'connected']);
  });
});
