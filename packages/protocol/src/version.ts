/** The protocol major version this package speaks. Additive changes stay in a major; breaking ones bump it. */
export const PROTOCOL_VERSION = 1;

/** Every protocol major a server built from this package serves, newest first. */
export const SUPPORTED_VERSIONS = [1] as const;

/** A protocol major that this package knows. */
export type ProtocolVersion = (typeof SUPPORTED_VERSIONS)[number];

/** The WebSocket subprotocol name (the `Sec-WebSocket-Protocol` value) for a protocol major. */
export function subprotocolName(version: ProtocolVersion): `pokerroom.v${ProtocolVersion}` {
  return `pokerroom.v${version}`;
}

/** The subprotocol names a server offers, newest first; e.g. `['pokerroom.v1']`. */
export const SUBPROTOCOLS: readonly string[] = SUPPORTED_VERSIONS.map(subprotocolName);

/** The outcome of {@link negotiateVersion} when a common version exists. */
export interface NegotiatedVersion {
  /** The protocol major both sides speak. */
  readonly version: ProtocolVersion;
  /** The subprotocol name to echo in the `Sec-WebSocket-Protocol` response header. */
  readonly subprotocol: string;
}

/**
 * Picks the newest protocol version that the server supports from a client's offer.
 *
 * The offer is the raw `Sec-WebSocket-Protocol` header (comma-separated) or a list of names.
 * Returns `null` when nothing matches: the server refuses the upgrade and lists {@link SUBPROTOCOLS}.
 *
 * @example
 * ```ts
 * negotiateVersion('pokerroom.v2, pokerroom.v1'); // { version: 1, subprotocol: 'pokerroom.v1' }
 * negotiateVersion('graphql-ws'); // null
 * ```
 */
export function negotiateVersion(
  offer: string | readonly string[] | undefined | null,
): NegotiatedVersion | null {
  if (offer == null) return null;
  const offered = (typeof offer === 'string' ? offer.split(',') : offer).map((name) => name.trim());
  for (const version of SUPPORTED_VERSIONS) {
    const name = subprotocolName(version);
    if (offered.includes(name)) return { version, subprotocol: name };
  }
  return null;
}
