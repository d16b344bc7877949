import { Connection } from './connection.js';
import { type ConnectOptions, resolveOptions } from './options.js';
import { Room } from './room.js';

/**
 * Connects to a room and resolves once the server's welcome has arrived, with the room live in
 * `room.state`. From then on the room reconnects and resumes by itself. Rejects with a
 * {@link PokerRoomError} if the first connection fails for good (`token_invalid`, `forbidden`,
 * `kicked`, `room_closed` — also for a room that was deleted — or `unreachable` after
 * `reconnect.maxAttempts` attempts).
 *
 * @example
 * ```ts
 * import { connect } from '@pokerroom/client';
 *
 * const { token, wsUrl } = await fetch('/my-backend/poker-token').then((r) => r.json());
 * const room = await connect({ url: wsUrl, token });
 * room.on('state', (state) => render(state));
 * await room.vote('8');
 * ```
 */
export async function connect(options: ConnectOptions): Promise<Room> {
  const connection = new Connection(resolveOptions(options));
  await connection.ready;
  return new Room(connection);
}
