import {
  type ClientCommandPayload,
  type ClientCommandType,
  decodeServerMessage,
  encode,
  ProtocolError,
  type ProtocolVersion,
  type ServerMessage,
  type SessionEventPayload,
  versionOfSubprotocol,
} from '@pokerroom/protocol';
import WebSocket from 'ws';

/** The answer to a command: its ack or its error. */
export type Answer =
  | { ok: true; result: SessionEventPayload<'ack'>['result'] }
  | { ok: false; code: string; message: string; retryable: boolean };

/**
 * A bare protocol client over a real socket, for server tests: no reconnection, no state, just
 * frames in and out, so tests see exactly what the server sends.
 */
export class ProtocolClient {
  readonly messages: ServerMessage[] = [];
  /** Every frame's bytes, in arrival order, for tests of the wire form. */
  readonly frames: Uint8Array[] = [];
  readonly undecodable: unknown[] = [];
  /** Socket-level errors (invalid frames, resets): a server bug if any appear. */
  readonly socketErrors: Error[] = [];
  closeCode: number | null = null;
  closeReason = '';
  /** The protocol version the server chose (from the subprotocol it echoed); v1 until the socket opens. */
  version: ProtocolVersion = 1;
  #nextId = 1;
  readonly #waiters = new Set<() => void>();
  readonly #closed: Promise<void>;

  private constructor(readonly socket: WebSocket) {
    socket.on('error', (error) => this.socketErrors.push(error));
    socket.on('message', (data: Buffer) => {
      this.frames.push(new Uint8Array(data));
      try {
        this.messages.push(decodeServerMessage(new Uint8Array(data), this.version));
      } catch (error) {
        this.undecodable.push(error instanceof ProtocolError ? error.code : error);
      }
      this.#notify();
    });
    this.#closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.#notify();
        resolve();
      }),
    );
  }

  /**
   * Opens a connection with a token minted by the server's REST API; resolves on the welcome.
   * It offers `protocol` (the raw `Sec-WebSocket-Protocol`, default `pokerroom.v1`) and speaks the
   * version the server chose.
   */
  static async connect(
    wsUrl: string,
    token: string,
    options: { protocol?: string; awaitWelcome?: boolean } = {},
  ) {
    const separator = wsUrl.includes('?') ? '&' : '?';
    const socket = new WebSocket(
      `${wsUrl}${separator}token=${encodeURIComponent(token)}`,
      (options.protocol ?? 'pokerroom.v1').split(',').map((name) => name.trim()),
    );
    const client = new ProtocolClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        client.version = versionOfSubprotocol(socket.protocol) ?? 1;
        resolve();
      });
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          reject(
            Object.assign(new Error(`HTTP ${res.statusCode}: ${body}`), { status: res.statusCode, body }),
          ),
        );
      });
    });
    if (options.awaitWelcome !== false) await client.waitFor((m) => m.t === 'welcome');
    return client;
  }

  /** The welcome payload. */
  get welcome(): SessionEventPayload<'welcome'> {
    const welcome = this.messages.find((m) => m.t === 'welcome');
    if (welcome?.t !== 'welcome') throw new Error('no welcome yet');
    return welcome.d;
  }

  /** Room events received so far (with seq), in arrival order. */
  get events(): Extract<ServerMessage, { seq: number }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { seq: number }> => 'seq' in m);
  }

  /** Sends a command and resolves with its ack or error. */
  async send<T extends ClientCommandType>(
    t: T,
    d: ClientCommandPayload<T>,
    timeoutMs = 5000,
  ): Promise<Answer> {
    const id = this.#nextId++;
    this.socket.send(encode({ v: this.version, t, id, d } as Parameters<typeof encode>[0]));
    const answer = await this.waitFor((m) => (m.t === 'ack' || m.t === 'error') && m.d.id === id, timeoutMs);
    if (answer.t === 'ack') return { ok: true, result: answer.d.result };
    if (answer.t === 'error')
      return { ok: false, code: answer.d.code, message: answer.d.message, retryable: answer.d.retryable };
    throw new Error('unreachable');
  }

  /** Sends raw bytes (for bad-input tests). */
  sendRaw(bytes: Uint8Array | string): void {
    this.socket.send(bytes);
  }

  /** Resolves with the first message (already received or coming) that matches. */
  waitFor(match: (message: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages.find(match);
        if (found !== undefined) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        } else if (this.closeCode !== null) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          const errors = this.socketErrors.map((e) => e.message).join('; ');
          reject(
            new Error(
              `connection closed (${this.closeCode} ${this.closeReason}${errors}) before the awaited message`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error('timed out waiting for a message'));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves when the server (or the test) closed the connection. */
  async closed(timeoutMs = 5000): Promise<number | null> {
    await Promise.race([this.#closed, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    return this.closeCode;
  }

  /** Closes the connection and waits for it to be closed. */
  async close(): Promise<void> {
    if (this.closeCode === null) this.socket.close(1000);
    await this.closed();
  }

  /** Drops the connection without a close handshake, as a lost network would. */
  terminate(): void {
    this.socket.terminate();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}
