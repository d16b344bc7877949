/**
 * Every protocol major, newest first: the one table that the server (what it serves and prefers),
 * the SDK (what it offers) and docs/protocol.md (its table of versions, checked by a test) follow.
 *
 * - `status`: `current` is what new clients should speak; `deprecated` is still served, for at
 *   least `servedUntil`, and then removed (see the deprecation policy in docs/protocol.md).
 * - `servedUntil`: the earliest date (UTC) a deprecated version may stop being served; `null`
 *   while it is current.
 * - `summary`: what the version brought, one line.
 *
 * Additive changes (a new optional field, a new event or command type) stay within a major and
 * change nothing here; only a breaking change adds a row.
 */
export const PROTOCOL_VERSIONS = [
  {
    version: 2,
    status: 'current',
    since: '2026-12-06',
    servedUntil: null,
    summary:
      'every change an event, integers as MessagePack integers, acks name their command, errors name their scope, one public fold',
  },
  {
    version: 1,
    status: 'deprecated',
    since: '2026-01-01',
    servedUntil: '2027-06-06',
    summary: 'the first version',
  },
] as const;

/** A protocol major that this package knows. */
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number]['version'];

/** One row of {@link PROTOCOL_VERSIONS}. */
export type ProtocolVersionInfo = (typeof PROTOCOL_VERSIONS)[number];

/** The newest protocol major: what this package's clients speak first. */
export const PROTOCOL_VERSION: ProtocolVersion = 2;

/** Every protocol major a server built from this package serves, newest first. */
export const SUPPORTED_VERSIONS: readonly ProtocolVersion[] = PROTOCOL_VERSIONS.map((row) => row.version);

/** The WebSocket subprotocol name (the `Sec-WebSocket-Protocol` value) for a protocol major. */
export function subprotocolName(version: ProtocolVersion): `pokerroom.v${ProtocolVersion}` {
  return `pokerroom.v${version}`;
}

/** The subprotocol names a server offers and a client asks for, newest first: `['pokerroom.v2', 'pokerroom.v1']`. */
export const SUBPROTOCOLS: readonly string[] = SUPPORTED_VERSIONS.map(subprotocolName);

/**
 * The protocol major of a subprotocol name, or `null` for a name of no version this package knows.
 *
 * @example
 * ```ts
 * versionOfSubprotocol('pokerroom.v1'); // 1
 * versionOfSubprotocol(''); // null
 * ```
 */
export function versionOfSubprotocol(name: string): ProtocolVersion | null {
  return SUPPORTED_VERSIONS.find((version) => subprotocolName(version) === name) ?? null;
}

/** The outcome of {@link negotiateVersion} when a common version exists. */
export interface NegotiatedVersion {
  /** The protocol major both sides speak. */
  readonly version: ProtocolVersion;
  /** The subprotocol name to echo in the `Sec-WebSocket-Protocol` response header. */
  readonly subprotocol: string;
}

/**
 * Picks the newest protocol version that the server serves from a client's offer.
 *
 * The offer is the raw `Sec-WebSocket-Protocol` header (comma-separated) or a list of names;
 * `served` narrows what the server speaks (default: every {@link SUPPORTED_VERSIONS}).
 * Returns `null` when nothing matches: the server refuses the upgrade and lists what it serves.
 *
 * @example
 * ```ts
 * negotiateVersion('pokerroom.v2, pokerroom.v1'); // { version: 2, subprotocol: 'pokerroom.v2' }
 * negotiateVersion('pokerroom.v2, pokerroom.v1', [1]); // { version: 1, subprotocol: 'pokerroom.v1' }
 * negotiateVersion('graphql-ws'); // null
 * ```
 */
export function negotiateVersion(
  offer: string | readonly string[] | undefined | null,
  served: readonly ProtocolVersion[] = SUPPORTED_VERSIONS,
): NegotiatedVersion | null {
  if (offer == null) return null;
  const offered = (typeof offer === 'string' ? offer.split(',') : offer).map((name) => name.trim());
  for (const version of SUPPORTED_VERSIONS) {
    const name = subprotocolName(version);
    if (served.includes(version) && offered.includes(name)) return { version, subprotocol: name };
  }
  return null;
}
