import type { WebSocket } from 'uWebSockets.js';
import type { ProtocolVersion } from '@pokerroom/protocol';
import type { TokenClaims } from '../identity/participant-tokens.js';
import type { TokenBucket } from '../rate-limits/token-bucket.js';
import type { ParticipantLimit } from './rate-limit.js';
import type { RoomHost } from './room-host.js';

/** What the server keeps per connection (uWebSockets.js user data). */
export interface Session {
  readonly sessionId: string;
  /** The protocol version this connection speaks, chosen at the upgrade. */
  readonly version: ProtocolVersion;
  /** The participant this connection speaks for (from its token), for its whole life. */
  readonly participantId: string;
  /**
   * The token's claims (the person's name, role, account…), from the upgrade to the socket's
   * open, which hands them to the join, their only reader: `null` from then on, so an idle
   * connection does not keep them (about 130 bytes).
   */
  claims: TokenClaims | null;
  /**
   * The participant's limits on this node, shared by all their connections: `null` until the open
   * counted this connection in, and for one refused over them.
   */
  limit: ParticipantLimit | null;
  /**
   * The room, once this connection was admitted to it; `null` while the room loads on this node
   * (the upgrade never waits for it).
   */
  host: RoomHost | null;
  /** The seq of the welcome this connection got; `resume` replays up to it. `-1` before the welcome. */
  welcomeSeq: number;
  /** Frames that arrived before the welcome, handled right after it; `null` when there are none. */
  early: Uint8Array[] | null;
  /**
   * When this connection last replied to a command, in `processSeconds()`; `-1` while it holds
   * no reply topic ({@link sessionTopic}): it takes one at its first command and gives it back
   * once quiet (see `reply-topic.ts`).
   */
  repliedAt: number;
  /** Refusals in a row (rate limit or invalid frames); too many close the connection. */
  refusals: number;
  /**
   * The invalid frames this connection may still send before it is closed (4003); made at the
   * first invalid frame, since most connections never send one.
   */
  invalidFrames: TokenBucket | null;
  closed: boolean;
  /** Set when the server closes the connection on purpose, so `close` knows presence needn't linger. */
  evicted: boolean;
}

/**
 * A connection whose token was refused (missing, forged, expired, for another room): accepted
 * only to tell the client why in an error frame and a close code, which a browser can read (it
 * can't read the HTTP status of a refused upgrade). 4100 for an expired token (fetch a new one),
 * 4000 for the others (retrying the same token cannot help).
 */
export interface RefusedTokenSocket {
  /** The protocol version chosen at the upgrade, for the error frame. */
  readonly version: ProtocolVersion;
  readonly refused: 'token_missing' | 'token_invalid' | 'token_expired' | 'wrong_room';
  readonly message?: string;
}

/** What uWebSockets.js keeps per socket. */
export type SocketData = Session | RefusedTokenSocket;

/** A connection of a participant in a room. */
export type Connection = WebSocket<Session>;

/** The socket as a participant's connection, or `null` for one only opened to refuse its token. */
export function asConnection(ws: WebSocket<SocketData>): Connection | null {
  return 'refused' in ws.getUserData() ? null : (ws as Connection);
}

/**
 * The uWebSockets.js topic only this session subscribes to, while it sends commands (see
 * `reply-topic.ts`). Replies to commands are published on it rather than sent: uWebSockets.js then
 * writes them together with the room's events queued for the same socket in the same loop
 * iteration, one system call per socket instead of one more per reply, and in publish order (a
 * command's events before its ack). Sending them instead, even corked and gathered per socket
 * until the end of a microtask checkpoint, doubled the server's `sendto` calls at the votes
 * benchmark's maximum (about 1 → 2 per vote): a loop iteration completes several commits, and only
 * uWebSockets.js's drain at its end sees them all. The topic costs about 0.4 KB of native memory
 * per connection, which is why a quiet connection gives it back.
 */
export function sessionTopic(sessionId: string): string {
  return `session/${sessionId}`;
}
