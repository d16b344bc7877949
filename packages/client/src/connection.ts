import {
  CLOSE_CODES,
  type ClientCommandPayload,
  type ClientCommandType,
  type ClientMessage,
  closeAction,
  decodeServerMessage,
  encode,
  isRoomEvent,
  ProtocolError,
  type ProtocolVersion,
  type RoomEvent,
  type ServerMessage,
  type SessionEventPayload,
} from '@pokerroom/protocol';
import { backoffDelay } from './backoff.js';
import { CommandBook, type CommandResult } from './commands.js';
import { Emitter } from './emitter.js';
import { codeOfClose, PokerRoomError, type PokerRoomErrorCode } from './errors.js';
import { groupOf, type RoomEvents } from './events.js';
import { type ResolvedOptions, socketUrl } from './options.js';
import { applyEvent } from './reducer.js';
import { Socket } from './socket.js';
import { type ConnectionStatus, type RoomState, stateFromWelcome } from './state.js';

type Welcome = SessionEventPayload<'welcome'>;
/** Where the current socket is: no socket, waiting for the welcome, resuming, or live. */
type Phase = 'idle' | 'opening' | 'resuming' | 'live' | 'closed';

/** Live events held while a resume replays older ones; more than this means something is wrong. */
const MAX_HELD_EVENTS = 10_000;
const HTTP_FATAL: Readonly<Record<number, PokerRoomErrorCode>> = {
  401: 'token_invalid',
  403: 'forbidden',
  404: 'room_not_found',
};

/**
 * The engine behind a {@link Room}: one socket at a time, the welcome/resume handshake, the
 * `seq` bookkeeping, heartbeats, and reconnection by close code.
 */
export class Connection {
  readonly events = new Emitter<RoomEvents>();
  #state: RoomState | undefined;
  #phase: Phase = 'idle';
  #socket: Socket | null = null;
  /** The protocol version of the current socket, chosen by the server from what the SDK offers. */
  #version: ProtocolVersion = 1;
  #welcome: Welcome | null = null;
  #resumeId: number | null = null;
  #pingId: number | null = null;
  readonly #held = new Map<number, RoomEvent>();
  #token: string | undefined;
  #failures = 0;
  #lastError: PokerRoomError | null = null;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  readonly #commands: CommandBook;
  readonly #firstWelcome: { resolve: () => void; reject: (error: PokerRoomError) => void };
  /** Settles with the first welcome, or the error that ended the first connection for good. */
  readonly ready: Promise<void>;

  constructor(private readonly options: ResolvedOptions) {
    this.#token = options.token;
    this.#commands = new CommandBook(options.commandTimeoutMs);
    let settle!: { resolve: () => void; reject: (error: PokerRoomError) => void };
    this.ready = new Promise((resolve, reject) => (settle = { resolve, reject }));
    this.#firstWelcome = settle;
    void this.#attempt(this.#token === undefined);
  }

  /** The protocol version of the current (or last) socket. */
  get version(): ProtocolVersion {
    return this.#version;
  }

  get state(): RoomState {
    if (this.#state === undefined) throw new PokerRoomError('closed', 'The room is not connected yet.');
    return this.#state;
  }

  /** Queues a command; it is sent now if the room is live, or after the next resume. */
  command<T extends ClientCommandType>(t: T, d: ClientCommandPayload<T>): Promise<CommandResult> {
    if (this.#phase === 'closed') return Promise.reject(this.#closedError());
    const result = this.#commands.submit(t, d, this.state, this.#version);
    if (this.#phase === 'live') this.#flush();
    return result;
  }

  /** Closes for good: commands not answered yet fail with `closed`. */
  close(): void {
    if (this.#phase === 'closed') return;
    this.#socket?.abandon(1000, 'client closed');
    this.#socket = null;
    this.#giveUp(new PokerRoomError('closed'));
  }

  // --- connection attempts -------------------------------------------------------------------------

  async #attempt(refreshToken: boolean): Promise<void> {
    let url: string;
    try {
      if (refreshToken) {
        const getToken = this.options.getToken;
        if (getToken === undefined) return this.#giveUp(new PokerRoomError('token_expired'));
        this.#token = await getToken();
      }
      url = socketUrl(await this.options.url(), this.#token ?? '');
    } catch (cause) {
      if (this.#phase === 'closed') return;
      this.#report(new PokerRoomError('unreachable', 'getToken or url failed', { cause }));
      this.#failures++;
      return this.#retry('backoff', refreshToken);
    }
    if (this.#phase === 'closed') return;
    this.#phase = 'opening';
    try {
      this.#socket = new Socket(this.options.WebSocket, url, {
        open: (version) => {
          if (version === null) {
            this.#drop(CLOSE_CODES.protocol_violation, 'the server chose an unknown protocol version');
            return;
          }
          this.#version = version;
        },
        message: (bytes) => this.#receive(bytes),
        close: (code, reason, status) => this.#closed(code, reason, status),
      });
    } catch (cause) {
      return this.#giveUp(
        new PokerRoomError('unreachable', 'The WebSocket could not be created.', { cause }),
      );
    }
    const socket = this.#socket;
    this.#later(this.options.connectTimeoutMs, () => {
      if (this.#socket === socket && this.#phase === 'opening') this.#drop(1006, 'no welcome in time');
    });
  }

  /** The current socket closed (or was declared dead): decide what the close code asks for. */
  #closed(code: number, reason: string, httpStatus: number | undefined): void {
    const welcomed = this.#welcome !== null;
    this.#socket = null;
    this.#welcome = null;
    this.#resumeId = null;
    this.#pingId = null;
    this.#held.clear();
    clearInterval(this.#heartbeat);
    this.#commands.disconnected();
    if (this.#phase === 'closed') return;
    this.#phase = 'idle';
    if (!welcomed) this.#failures++;
    const fatal = httpStatus === undefined ? undefined : HTTP_FATAL[httpStatus];
    if (fatal !== undefined) {
      this.#giveUp(new PokerRoomError(fatal, `The server refused the connection (HTTP ${httpStatus}).`));
      return;
    }
    const action = httpStatus === undefined ? closeAction(code) : 'backoff';
    if (action === 'stop') {
      // The close code says what happened; an error frame just before it may say it in more words,
      // or, for the generic 4000 (a token that was missing, forged or for another room), exactly.
      const last = this.#lastError;
      const generic = code === CLOSE_CODES.forbidden && last !== null && !last.retryable;
      const errorCode = generic ? last.code : codeOfClose(code);
      const message = last?.code === errorCode ? last.message : reason || undefined;
      this.#giveUp(new PokerRoomError(errorCode, message, { closeCode: code, retryable: false }));
      return;
    }
    this.#retry(action, action === 'refresh-token');
  }

  #retry(action: 'reconnect' | 'refresh-token' | 'backoff', refreshToken: boolean): void {
    const { reconnect } = this.options;
    if (this.#failures >= reconnect.maxAttempts) {
      const cause = this.#lastError ?? undefined;
      this.#giveUp(
        new PokerRoomError('unreachable', `No connection after ${this.#failures} attempt(s).`, { cause }),
      );
      return;
    }
    this.#setStatus(this.#state === undefined ? 'connecting' : 'reconnecting');
    const immediate = action !== 'backoff' && this.#failures <= 1;
    const delay = immediate ? 0 : backoffDelay(Math.max(0, this.#failures - 1), reconnect);
    this.#later(delay, () => void this.#attempt(refreshToken));
  }

  #giveUp(error: PokerRoomError): void {
    const wasClosed = this.#phase === 'closed';
    this.#phase = 'closed';
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    clearInterval(this.#heartbeat);
    this.#commands.rejectAll(error);
    this.#firstWelcome.reject(error);
    if (wasClosed) return;
    this.#lastError = error;
    if (this.#state !== undefined) this.#setStatus('closed', error);
    if (error.code !== 'closed') this.#report(error);
  }

  /** Declares the current socket dead (heartbeat, gap, timeout) and reacts as if it closed with `code`. */
  #drop(code: number, reason: string): void {
    const socket = this.#socket;
    if (socket === null) return;
    socket.abandon(4000, reason);
    this.#closed(code, reason, undefined);
  }

  // --- frames --------------------------------------------------------------------------------------

  #receive(bytes: Uint8Array | null): void {
    let message: ServerMessage;
    try {
      if (bytes === null) throw new ProtocolError('malformed_frame', 'the server sent a text frame');
      message = decodeServerMessage(bytes, this.#version);
    } catch (cause) {
      // Unknown types are how a newer server adds messages: ignore them quietly.
      if (cause instanceof ProtocolError && cause.code === 'unknown_type') return;
      this.#report(
        new PokerRoomError('protocol_violation', `Ignored an unreadable frame: ${String(cause)}`, { cause }),
      );
      return;
    }
    if (isRoomEvent(message)) {
      this.#receiveEvent(message);
      return;
    }
    switch (message.t) {
      case 'welcome':
        this.#receiveWelcome(message.d);
        return;
      case 'ack': {
        const result = message.d.result;
        this.#receiveAnswer(message.d.id, result === undefined ? { ok: true } : { ok: true, result });
        return;
      }
      case 'error': {
        const { code, message: text, retryable, id, retryAfterMs } = message.d;
        const error = new PokerRoomError(code, text, {
          retryable,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
        if (id !== undefined && this.#receiveAnswer(id, { ok: false, error })) return;
        this.#lastError = error;
        this.#report(error);
        return;
      }
      case 'reaction':
        this.events.emit('reaction', [message.d], this.#onListenerError);
        return;
      case 'nudge': {
        const you = this.#state !== undefined && message.d.participantIds.includes(this.#state.you.id);
        this.events.emit('nudge', [{ ...message.d, you }], this.#onListenerError);
        return;
      }
      default:
        return;
    }
  }

  #receiveWelcome(welcome: Welcome): void {
    if (this.#phase !== 'opening' || this.#welcome !== null) {
      this.#report(new PokerRoomError('protocol_violation', 'Ignored a second welcome.'));
      return;
    }
    this.#welcome = welcome;
    this.#failures = 0;
    this.#lastError = null;
    this.#startHeartbeat();
    const previous = this.#state;
    if (previous === undefined) {
      this.#state = stateFromWelcome(welcome, 'connected');
      this.#phase = 'live';
      this.#firstWelcome.resolve();
      this.#emitState();
      return;
    }
    if (welcome.seq <= previous.seq) {
      this.#goLive(welcome); // nothing missed (or the server went back in time: its welcome wins)
      return;
    }
    this.#phase = 'resuming';
    this.#resumeId = this.#commands.nextId();
    this.#send({ v: this.#version, t: 'resume', id: this.#resumeId, d: { lastSeq: previous.seq } });
  }

  /** Returns whether the id belonged to a command (public or internal). */
  #receiveAnswer(
    id: number,
    answer: { ok: true; result?: CommandResult } | { ok: false; error: PokerRoomError },
  ): boolean {
    if (id === this.#pingId) {
      this.#pingId = null;
      return true;
    }
    if (id === this.#resumeId && this.#welcome !== null) {
      this.#resumeId = null;
      const replayed =
        answer.ok && answer.result?.resume === 'replay' && this.#state?.seq === this.#welcome.seq;
      if (!replayed) {
        const resumeOutcome = answer.ok ? answer.result?.resume : answer.error.code;
        if (answer.ok && resumeOutcome === 'replay') {
          this.#report(
            new PokerRoomError('protocol_violation', 'The resume did not replay every missed event.'),
          );
        }
        this.#state = { ...stateFromWelcome(this.#welcome, this.state.status) };
      }
      this.#goLive(this.#welcome);
      return true;
    }
    return this.#commands.settle(id, answer);
  }

  #receiveEvent(event: RoomEvent): void {
    const state = this.#state;
    if (state === undefined || this.#welcome === null || event.seq <= state.seq) return; // duplicate
    if (this.#phase === 'resuming') {
      if (this.#held.size >= MAX_HELD_EVENTS) {
        this.#resync('too many events held during a resume');
        return;
      }
      this.#held.set(event.seq, event);
      this.#drainHeld(this.#welcome.seq);
      return;
    }
    if (event.seq !== state.seq + 1) {
      this.#resync(`event ${event.seq} after ${state.seq}`);
      return;
    }
    this.#apply(event, true);
  }

  /** Applies held events that follow on, up to `until`. */
  #drainHeld(until: number): void {
    for (let next = this.#held.get(this.state.seq + 1); next !== undefined && next.seq <= until; ) {
      this.#held.delete(next.seq);
      this.#apply(next, false);
      next = this.#held.get(this.state.seq + 1);
    }
  }

  /** The room caught up to the welcome: take who-you-are from it, apply held live events, send the outbox. */
  #goLive(welcome: Welcome): void {
    const state = this.state;
    this.#state =
      state.seq === welcome.seq
        ? {
            ...state,
            you: welcome.you,
            yourVote: welcome.yourVote,
            serverTimeOffsetMs: welcome.serverTime - Date.now(),
          }
        : stateFromWelcome(welcome, state.status);
    for (const seq of this.#held.keys()) if (seq <= welcome.seq) this.#held.delete(seq);
    this.#phase = 'live';
    this.#drainHeld(Number.POSITIVE_INFINITY);
    if (this.#held.size > 0) {
      this.#resync('a gap after the resume');
      return;
    }
    this.#setStatus('connected');
    this.#flush();
  }

  #apply(event: RoomEvent, live: boolean): void {
    let next = applyEvent(this.state, event, this.#version);
    if (live && event.t === 'vote.cast' && event.d.participantId === next.you.id) {
      const card = this.#commands.matchOwnVote();
      if (card !== undefined) next = { ...next, yourVote: card };
    }
    this.#state = next;
    const group = groupOf(event);
    (this.events.emit as (type: string, args: unknown[], onFailure: (error: unknown) => void) => void)(
      group,
      [event, next],
      this.#onListenerError,
    );
    this.#emitState();
  }

  #resync(why: string): void {
    this.#report(
      new PokerRoomError('protocol_violation', `Lost the event sequence (${why}); reconnecting to resume.`),
    );
    this.#drop(1001, 'resync');
  }

  // --- sending, heartbeat, status ----------------------------------------------------------------

  #send(message: ClientMessage): boolean {
    return this.#socket?.send(encode(message)) ?? false;
  }

  #flush(): void {
    const socket = this.#socket;
    if (socket !== null && this.#state !== undefined)
      this.#commands.flush(this.#state, this.#version, (bytes) => socket.send(bytes));
  }

  #startHeartbeat(): void {
    clearInterval(this.#heartbeat);
    const { heartbeatMs, heartbeatTimeoutMs } = this.options;
    if (heartbeatMs <= 0) return;
    const socket = this.#socket;
    this.#heartbeat = setInterval(() => {
      if (this.#pingId !== null || this.#socket !== socket) return;
      const id = this.#commands.nextId();
      this.#pingId = id;
      this.#send({ v: this.#version, t: 'ping', id, d: {} });
      this.#later(heartbeatTimeoutMs, () => {
        if (this.#pingId === id && this.#socket === socket) this.#drop(1006, 'heartbeat timed out');
      });
    }, heartbeatMs);
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }

  #setStatus(status: ConnectionStatus, error?: PokerRoomError): void {
    const state = this.#state;
    if (state === undefined || state.status === status) return;
    this.#state = { ...state, status };
    this.events.emit('status', error === undefined ? [status] : [status, error], this.#onListenerError);
    this.#emitState();
  }

  #emitState(): void {
    if (this.#state !== undefined) this.events.emit('state', [this.#state], this.#onListenerError);
  }

  #report(error: PokerRoomError): void {
    this.events.emit('error', [error], () => {}); // an error listener that throws has nowhere left to go
  }

  readonly #onListenerError = (cause: unknown): void =>
    this.#report(new PokerRoomError('listener_failed', undefined, { cause }));

  #closedError(): PokerRoomError {
    const last = this.#lastError;
    return last !== null && last.code !== 'closed' ? last : new PokerRoomError('closed');
  }
}
