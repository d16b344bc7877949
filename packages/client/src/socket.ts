import { type ProtocolVersion, SUBPROTOCOLS, versionOfSubprotocol } from '@pokerroom/protocol';
import type { WebSocketConstructor } from './options.js';

/** What the SDK needs of a WebSocket; both the browser's and `ws`'s have it. */
interface WebSocketLike {
  binaryType: string;
  /** The subprotocol the server chose (`''` when it chose none). */
  readonly protocol: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: { message?: unknown; error?: unknown }) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  terminate?: () => void;
}

/** What a socket reports to its owner. */
export interface SocketHandlers {
  /**
   * The socket opened; `version` is the protocol version the server chose from the offer (every
   * version of `SUBPROTOCOLS`, newest first), or `null` when it named one this SDK does not know.
   */
  open(version: ProtocolVersion | null): void;
  /** Binary frames as bytes; anything else (text) as `null`. */
  message(bytes: Uint8Array | null): void;
  /** `httpStatus` is known when the upgrade was refused and the implementation says why (`ws` does). */
  close(code: number, reason: string, httpStatus: number | undefined): void;
}

/**
 * One WebSocket connection. `abandon()` detaches it at once, so a dead or replaced socket can never
 * report anything again, whatever it does later.
 */
export class Socket {
  readonly #ws: WebSocketLike;
  #handlers: SocketHandlers | null;
  #httpStatus: number | undefined;

  constructor(WebSocketImpl: WebSocketConstructor, url: string, handlers: SocketHandlers) {
    this.#handlers = handlers;
    this.#ws = new WebSocketImpl(url, [...SUBPROTOCOLS]) as WebSocketLike;
    this.#ws.binaryType = 'arraybuffer';
    // A server that names no subprotocol predates versioned negotiation, when v1 was all there was.
    this.#ws.onopen = () => this.#handlers?.open(versionOfSubprotocol(this.#ws.protocol || 'pokerroom.v1'));
    this.#ws.onmessage = (event) => this.#handlers?.message(toBytes(event.data));
    this.#ws.onerror = (event) => {
      // `ws` names the refused upgrade's status; browsers say nothing, by design.
      const text = String(event.message ?? (event.error as { message?: unknown } | undefined)?.message ?? '');
      const status = /Unexpected server response: (\d{3})/.exec(text)?.[1];
      if (status !== undefined) this.#httpStatus = Number(status);
    };
    this.#ws.onclose = (event) => {
      const handlers = this.#handlers;
      this.#handlers = null;
      handlers?.close(event.code, event.reason, this.#httpStatus);
    };
  }

  send(bytes: Uint8Array): boolean {
    try {
      this.#ws.send(bytes);
      return true;
    } catch {
      return false; // not open (any more): the close handler takes it from here
    }
  }

  /** Stops listening and closes without waiting for the peer. */
  abandon(code = 1000, reason = ''): void {
    this.#handlers = null;
    try {
      if (typeof this.#ws.terminate === 'function' && code !== 1000) this.#ws.terminate();
      else this.#ws.close(code, reason);
    } catch {
      // closing a socket that never opened may throw in some implementations: it is gone either way
    }
  }
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) return null; // `ws` fragments: never asked for
  return null;
}
