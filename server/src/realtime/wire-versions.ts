import type { TemplatedApp } from 'uWebSockets.js';
import { encode, type ProtocolVersion, type ServerMessage, SUPPORTED_VERSIONS } from '@pokerroom/protocol';
import { voteCastFrame } from './frame-templates.js';

/** A server message before it is put in a connection's version: every field but `v`. */
export type Unversioned<M extends ServerMessage = ServerMessage> = M extends unknown ? Omit<M, 'v'> : never;

/**
 * A server message in the version a connection speaks, encoded: the protocol's wire form of that
 * version (v1 without the fields it never had, v2 with integers as integers).
 *
 * @example
 * ```ts
 * ws.send(encodeIn(session.version, { t: 'room.closed', d: {} }), true);
 * ```
 */
export function encodeIn(version: ProtocolVersion, message: Unversioned): Uint8Array {
  // A vote's event, the most frequent broadcast, is written from a template (same bytes).
  if (message.t === 'vote.cast') {
    const frame = voteCastFrame(version, message.seq, message.d);
    if (frame !== null) return frame;
  }
  // A literal, neither `{ ...message, v }` (V8 gave each object made that way a hidden class of
  // its own: 3.2-3.8 µs an encode) nor `Object.assign` (which copies property by property: a
  // `vote.cast`'s encode, before its template, 408-438 ns that way, 373-386 this way). Room events
  // carry `seq`, session messages don't; every message is built `t`, `seq`, `d`, and `v` goes
  // last, as it always did: the same bytes.
  const framed =
    'seq' in message
      ? { t: message.t, seq: message.seq, d: message.d, v: version }
      : { t: message.t, d: message.d, v: version };
  return encode(framed as ServerMessage);
}

/** The `ack` frame, in any version. */
export type AckMessage = Extract<ServerMessage, { readonly t: 'ack' }>;
/** The command an `ack` answers. */
export type AckedCommand = NonNullable<AckMessage['d']['command']>;
/** What a command produced, carried by its `ack`. */
export type AckResult = NonNullable<AckMessage['d']['result']>;

/**
 * The `ack` of command `id`, built in the wire form of `version`: without `command` in v1, which
 * never had it. The server's most frequent frame, so it is made once in its final shape rather
 * than versioned by {@link encodeIn}, which copies the message to add `v` and then, for v1, again
 * to take `command` out. Same keys in the same order (`t`, `d`, `v`), so the same bytes.
 *
 * @example
 * ```ts
 * ws.send(encode(ackIn(session.version, id, 'ping', { serverTime: Date.now() })), true);
 * ```
 */
export function ackIn(
  version: ProtocolVersion,
  id: number,
  command: AckedCommand,
  result: AckResult | undefined,
): AckMessage {
  if (version === 1) return { t: 'ack', d: result === undefined ? { id } : { id, result }, v: version };
  return { t: 'ack', d: result === undefined ? { id, command } : { id, command, result }, v: version };
}

/**
 * A broadcast message (a room event, a reaction, a nudge) before it is put in a version. Rooms keep
 * their recent events in this form, not encoded: a frame's bytes would be a slice of msgpackr's
 * shared buffer and keep all of it alive, and a replay (a resume) is rare enough to encode again.
 */
export type BroadcastMessage = Unversioned;

/**
 * The uWebSockets.js topic a room's events are published on for connections of one version:
 * a frame is encoded for a version only when someone of that version is in the room.
 */
export function roomTopic(roomId: string, version: ProtocolVersion): string {
  return `room/${roomId}/v${version}`;
}

/**
 * Publishes a broadcast message to each version's topic of the room that has subscribers, encoded
 * once for each: a version nobody in the room speaks is never encoded.
 */
export function publishToRoom(app: TemplatedApp, roomId: string, message: BroadcastMessage): void {
  for (const version of SUPPORTED_VERSIONS) {
    const topic = roomTopic(roomId, version);
    if (app.numSubscribers(topic) > 0) app.publish(topic, encodeIn(version, message), true);
  }
}
