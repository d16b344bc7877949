import {
  type ClientCommandPayload,
  type ClientCommandType,
  type ClientMessage,
  decodeClientMessage,
  encode,
  LIMITS,
  ProtocolError,
  type ProtocolVersion,
  type SessionEventPayload,
} from '@pokerroom/protocol';
import { PokerRoomError } from './errors.js';
import type { RoomState } from './state.js';

/** What an acknowledged command produced: story ids for `story.add`/`story.import`, the server clock for `ping`. */
export type CommandResult = NonNullable<SessionEventPayload<'ack'>['result']>;

/** Commands that are safe to send again after a drop: sending them twice leaves the room as sending them once. */
const IDEMPOTENT = new Set<ClientCommandType>(['vote.cast', 'vote.retract']);

interface Entry {
  readonly t: ClientCommandType;
  readonly d: unknown;
  /** For votes: the round they were meant for, so a vote never lands in a later round. */
  readonly roundId: string | null;
  readonly resolve: (result: CommandResult) => void;
  readonly reject: (error: PokerRoomError) => void;
  /** Whether this entry was sent on a connection that dropped before its answer. */
  resent: boolean;
  /** For `vote.cast`: whether its `vote.cast` event has been seen. */
  matched: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The commands of a room: an outbox of those not sent yet (kept across reconnections, sent in
 * order once the room is live) and those in flight, by request id, until their answer.
 */
export class CommandBook {
  #nextId = 1;
  #outbox: Entry[] = [];
  readonly #inFlight = new Map<number, Entry>();

  constructor(private readonly timeoutMs: number) {}

  /** A fresh request id (wrapping inside the protocol's range). */
  nextId(): number {
    const id = this.#nextId;
    this.#nextId = id >= LIMITS.maxRequestId ? 1 : id + 1;
    return id;
  }

  /**
   * Queues a command; it is refused at once if the protocol's own validation refuses it, in the
   * version the connection speaks (a v2 command such as `participant.votes` on a v1 connection).
   */
  submit<T extends ClientCommandType>(
    t: T,
    d: ClientCommandPayload<T>,
    state: RoomState,
    version: ProtocolVersion,
  ): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      try {
        decodeClientMessage(encode({ v: version, t, id: 0, d } as ClientMessage), version);
      } catch (error) {
        const code = error instanceof ProtocolError ? error.code : 'invalid_payload';
        reject(
          new PokerRoomError(code, error instanceof Error ? error.message : undefined, { cause: error }),
        );
        return;
      }
      const roundId = state.round?.id ?? null;
      this.#outbox.push({ t, d, roundId, resolve, reject, resent: false, matched: false, timer: undefined });
    });
  }

  /**
   * Sends the outbox in order. Votes meant for a round that is gone are refused (`round_changed`);
   * a vote re-sent after a drop that the welcome shows applied already is settled without a frame.
   */
  flush(state: RoomState, version: ProtocolVersion, send: (bytes: Uint8Array) => boolean): void {
    const outbox = this.#outbox;
    this.#outbox = [];
    for (const [index, entry] of outbox.entries()) {
      if (entry.t === 'vote.cast' || entry.t === 'vote.retract') {
        if ((state.round?.id ?? null) !== entry.roundId) {
          entry.reject(new PokerRoomError('round_changed'));
          continue;
        }
        const card = entry.t === 'vote.cast' ? (entry.d as { card: string }).card : null;
        if (entry.resent && state.yourVote === card) {
          entry.resolve({});
          continue;
        }
      }
      const id = this.nextId();
      entry.matched = false;
      if (!send(encode({ v: version, t: entry.t, id, d: entry.d } as ClientMessage))) {
        this.#outbox.push(...outbox.slice(index)); // the socket just closed: keep the rest for the next one
        return;
      }
      entry.timer = setTimeout(() => {
        this.#inFlight.delete(id);
        entry.reject(new PokerRoomError('timeout'));
      }, this.timeoutMs);
      this.#inFlight.set(id, entry);
    }
  }

  /** Settles the command answered by an `ack` or an `error`; `false` if no command has that id. */
  settle(
    id: number,
    answer: { ok: true; result?: CommandResult } | { ok: false; error: PokerRoomError },
  ): boolean {
    const entry = this.#inFlight.get(id);
    if (entry === undefined) return false;
    this.#inFlight.delete(id);
    clearTimeout(entry.timer);
    if (answer.ok) entry.resolve(answer.result ?? {});
    else entry.reject(answer.error);
    return true;
  }

  /**
   * The card of the oldest in-flight vote whose event has not been seen yet, marked as seen: the
   * server sends a command's events before its ack, and acks a no-op vote at once, so own
   * `vote.cast` events match in-flight votes in order.
   */
  matchOwnVote(): string | undefined {
    for (const entry of this.#inFlight.values()) {
      if (entry.t === 'vote.cast' && !entry.matched) {
        entry.matched = true;
        return (entry.d as { card: string }).card;
      }
    }
    return undefined;
  }

  /** The connection dropped: votes in flight go back to the front of the outbox; other commands fail. */
  disconnected(): void {
    const again: Entry[] = [];
    for (const entry of this.#inFlight.values()) {
      clearTimeout(entry.timer);
      if (IDEMPOTENT.has(entry.t)) {
        entry.resent = true;
        again.push(entry);
      } else {
        entry.reject(new PokerRoomError('connection_lost'));
      }
    }
    this.#inFlight.clear();
    this.#outbox = [...again, ...this.#outbox];
  }

  /** The room is given up: every command fails with `error`. */
  rejectAll(error: PokerRoomError): void {
    for (const entry of [...this.#inFlight.values(), ...this.#outbox]) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    this.#inFlight.clear();
    this.#outbox = [];
  }
}
