import type { TemplatedApp } from 'uWebSockets.js';
import { encode, type ProtocolVersion, type ServerMessage, SUPPORTED_VERSIONS } from '@pokerroom/protocol';

/** A server message before it is put in a connection's version: every field but `v`. */
export type Unversioned<M extends ServerMessage = ServerMessage> = M extends unknown ? Omit<M, 'v'> : never;

/**
 * A server message in the version a connection speaks, encoded: the protocol's wire form of that
 * version (v1 without the fields it never had, v2 with integers as integers).
 *
 * @example
 * ```ts
 * ws.send(encodeIn(session.version, { t: 'ack', d: { id, command: 'ping' } }), true);
 * ```
 */
export function encodeIn(version: ProtocolVersion, message: Unversioned): Uint8Array {
  return encode({ ...message, v: version } as ServerMessage);
}

/**
 * One broadcast frame (a room event, a reaction, a nudge) in every version a connection may
 * speak, each encoded on first use and then kept: most rooms have clients of one version, so the
 * other is never encoded, and the replay buffer keeps one of these per event.
 */
export class VersionedFrame {
  readonly #frames = new Map<ProtocolVersion, Uint8Array>();

  constructor(readonly message: Unversioned) {}

  /** The frame's bytes in `version`. */
  in(version: ProtocolVersion): Uint8Array {
    let bytes = this.#frames.get(version);
    if (bytes === undefined) {
      bytes = encodeIn(version, this.message);
      this.#frames.set(version, bytes);
    }
    return bytes;
  }
}

/**
 * The uWebSockets.js topic a room's events are published on for connections of one version:
 * a frame is encoded for a version only when someone of that version is in the room.
 */
export function roomTopic(roomId: string, version: ProtocolVersion): string {
  return `room/${roomId}/v${version}`;
}

/** Publishes a broadcast frame to each version's topic of the room that has subscribers. */
export function publishToRoom(app: TemplatedApp, roomId: string, frame: VersionedFrame): void {
  for (const version of SUPPORTED_VERSIONS) {
    const topic = roomTopic(roomId, version);
    if (app.numSubscribers(topic) > 0) app.publish(topic, frame.in(version), true);
  }
}
