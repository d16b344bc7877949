import { expect } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server.js';
import {
  type ConnectOptions,
  connect,
  type Room,
  type RoomState,
  snapshotOf,
  type WebSocketConstructor,
} from '../src/index.js';

export { startTestServer, type TestServer };

/** A `ws` WebSocket that remembers its instances, so a test can cut them like a lost network would. */
export function trackedWebSocket(): {
  WebSocket: WebSocketConstructor;
  sockets: WebSocket[];
  cutAll(): void;
} {
  const sockets: WebSocket[] = [];
  class Tracked extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
    }
  }
  return {
    WebSocket: Tracked,
    sockets,
    cutAll() {
      for (const socket of sockets) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    },
  };
}

/** Mints a token and connects with the SDK. */
export async function join(
  server: () => TestServer,
  roomId: string,
  name: string,
  role: 'facilitator' | 'voter' | 'observer',
  options: Partial<ConnectOptions> = {},
): Promise<Room> {
  const minted = await server().mintToken(roomId, { name, role });
  return connect({
    url: minted.wsUrl,
    token: minted.token,
    WebSocket,
    heartbeatMs: 0,
    ...options,
  } as ConnectOptions);
}

/** Resolves when the room's state satisfies `check`. */
export function until(
  room: Room,
  check: (state: RoomState) => boolean,
  timeoutMs = 5000,
): Promise<RoomState> {
  if (check(room.state)) return Promise.resolve(room.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; state: ${JSON.stringify(room.state)}`));
    }, timeoutMs);
    const off = room.on('state', (state) => {
      if (!check(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

/** Asserts the room's state equals what a fresh client of the same room is welcomed with. */
export async function expectFresh(server: TestServer, room: Room): Promise<void> {
  const fresh = await join(() => server, room.state.id, 'Checker', 'observer');
  try {
    // The checker's own arrival is the only event the first room may not have folded yet.
    const state = await until(room, (s) => s.seq === fresh.state.seq);
    const withoutChecker = (s: RoomState) => ({
      ...snapshotOf(s),
      participants: s.participants.filter((p) => p.id !== fresh.state.you.id),
    });
    expect(withoutChecker(state)).toEqual(withoutChecker(fresh.state));
    expect(snapshotOf(state)).toEqual(snapshotOf(fresh.state));
  } finally {
    fresh.close();
  }
}
