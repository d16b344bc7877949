import { ERROR_CODES, encode, type ErrorCode, type RoomEvent, type RoomSnapshot } from '@pokerroom/protocol';
import {
  createRoom,
  type Decision,
  type DecisionResult,
  decide,
  type DomainEvent,
  evolve,
  nextDeadline,
  type RoomCommand,
  type RoomState,
  toPublicEvent,
  toSnapshot,
  voteOf,
} from '../rooms/index.js';
import type { StoredEvent } from '../storage/event-store.js';
import { ReplayBuffer } from './replay-buffer.js';

/** What a room host needs from the rest of the server. */
export interface RoomHostDeps {
  /** Makes events durable; rejects if they are not. */
  readonly append: (events: readonly StoredEvent[]) => Promise<void>;
  /** Delivers an encoded frame to every connection of the room, in call order. */
  readonly publish: (roomId: string, frame: Uint8Array) => void;
  readonly newId: (prefix: 'round' | 'story') => string;
  readonly now: () => number;
  readonly facilitatorGraceMs: number;
  readonly presenceGraceMs: number;
  /** Called after a durable event that ends a participant's place in the room (kick) or the room. */
  readonly onEvicted: (roomId: string, participantId: string | null, code: 'kicked' | 'room_closed') => void;
  readonly onError: (error: unknown, context: string) => void;
}

/** The outcome of a command submitted to the room. */
export type CommandOutcome =
  | { ok: true; result?: DecisionResult }
  | { ok: false; code: ErrorCode; message: string };

interface Batch {
  events: StoredEvent[];
  frames: Uint8Array[];
  settles: ((outcome: CommandOutcome) => void)[];
  results: CommandOutcome[];
  stateAfter: RoomState | null;
}

const emptyBatch = (): Batch => ({ events: [], frames: [], settles: [], results: [], stateAfter: null });

/**
 * One room in memory: it decides commands against the room state, makes the events durable
 * (through the group-commit writer), and only then broadcasts them and answers the sender.
 *
 * Commands are decided at once on the state that includes not-yet-durable events, so a room
 * takes many commands per commit; one batch per room is in flight at a time so seqs commit in
 * order. If a commit fails, the room falls back to its last durable state and every command
 * decided since then fails with `storage_unavailable` — nothing is acknowledged that isn't stored.
 */
export class RoomHost {
  /** The state including events not yet durable: commands are decided against it. */
  #state: RoomState;
  /** The state as stored: welcomes and snapshots are built from it, never from unstored events. */
  #durable: RoomState;
  #next: Batch = emptyBatch();
  #inFlight = false;
  #deadline: NodeJS.Timeout | null = null;
  readonly #offlineTimers = new Map<string, NodeJS.Timeout>();
  readonly #connections = new Map<string, number>();
  readonly kicked = new Set<string>();
  readonly replay = new ReplayBuffer(2048);
  #disposed = false;

  constructor(
    readonly id: string,
    state: RoomState,
    private readonly deps: RoomHostDeps,
  ) {
    this.#state = state;
    this.#durable = state;
    this.replay.reset(state.seq);
  }

  /** Folds stored events into a room: how a room is loaded after a restart, or on another node. */
  static fold(id: string, events: readonly StoredEvent[]): { state: RoomState; kicked: Set<string> } {
    let state = createRoom({ id, name: '' });
    const kicked = new Set<string>();
    for (const stored of events) {
      const event = { t: stored.type, d: stored.payload, at: stored.at } as DomainEvent;
      state = evolve(state, event);
      if (event.t === 'participant.left' && event.d.reason === 'kicked') kicked.add(event.d.participantId);
      if (event.t === 'participant.joined') kicked.delete(event.d.participant.id);
    }
    return { state, kicked };
  }

  /** The durable room. */
  get durable(): RoomState {
    return this.#durable;
  }

  /** The public room as stored, with the seq it is at: what a welcome carries. */
  snapshot(): { room: RoomSnapshot; seq: number } {
    return { room: toSnapshot(this.#durable), seq: this.#durable.seq };
  }

  /** A participant's own vote in the durable state. */
  voteOf(participantId: string): string | null {
    return voteOf(this.#durable, participantId);
  }

  /** Decides a command and settles once its events are durable and broadcast (or refused). */
  submit(command: RoomCommand): Promise<CommandOutcome> {
    if (this.#disposed) return Promise.resolve(refusal('shutting_down'));
    const now = this.deps.now();
    let decision: Decision;
    try {
      decision = decide(this.#state, command, {
        now,
        newId: this.deps.newId,
        facilitatorGraceMs: this.deps.facilitatorGraceMs,
      });
    } catch (error) {
      this.deps.onError(error, `decide ${command.kind}`);
      return Promise.resolve(refusal('internal'));
    }
    if (!decision.ok) return Promise.resolve({ ok: false, code: decision.code, message: decision.message });
    for (const message of decision.ephemeral ?? []) {
      this.deps.publish(this.id, encode({ v: 1, ...message } as Parameters<typeof encode>[0]));
    }
    const outcome: CommandOutcome =
      decision.result === undefined ? { ok: true } : { ok: true, result: decision.result };
    if (decision.events.length === 0) return Promise.resolve(outcome);
    const batch = this.#next;
    for (const event of decision.events) {
      const seq = this.#state.seq + 1;
      this.#state = evolve(this.#state, event);
      const round = this.#state.round;
      batch.events.push({
        roomId: this.id,
        seq,
        type: event.t,
        payload: event.d as unknown as Record<string, unknown>,
        at: event.at,
        roundId: round === null ? null : round.id,
      });
      const wire = toPublicEvent(event, this.#state);
      batch.frames.push(encode({ v: 1, t: wire.t, seq, d: wire.d } as RoomEvent));
    }
    batch.stateAfter = this.#state;
    const settled = new Promise<CommandOutcome>((resolve) => batch.settles.push(resolve));
    batch.results.push(outcome);
    if (!this.#inFlight) void this.#commit();
    return settled;
  }

  /** A connection of this participant opened. */
  attach(participantId: string): void {
    this.#connections.set(participantId, (this.#connections.get(participantId) ?? 0) + 1);
    const timer = this.#offlineTimers.get(participantId);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#offlineTimers.delete(participantId);
    }
  }

  /**
   * A connection closed. Presence turns offline only after the grace period, and only if no
   * other connection of the same participant is open by then: a page reload doesn't flap.
   */
  detach(participantId: string): void {
    const count = (this.#connections.get(participantId) ?? 1) - 1;
    if (count > 0) {
      this.#connections.set(participantId, count);
      return;
    }
    this.#connections.delete(participantId);
    this.#scheduleOffline(participantId);
  }

  /** Whether any connection is open. */
  get connected(): number {
    let total = 0;
    for (const count of this.#connections.values()) total += count;
    return total;
  }

  /** After a load: participants the log says are online but who have no connection here go offline after the grace. */
  scheduleOfflineForAbsent(): void {
    for (const participant of this.#durable.participants) {
      if (participant.presence !== 'offline' && !this.#connections.has(participant.id)) {
        this.#scheduleOffline(participant.id);
      }
    }
    this.#scheduleDeadline();
  }

  /** Waits for the batch in flight and the next one. */
  async settle(): Promise<void> {
    while (this.#inFlight || this.#next.settles.length > 0) {
      await new Promise<void>((resolve) => setTimeout(resolve, 2));
    }
  }

  /** Stops timers; later commands are refused with `shutting_down`. */
  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#offlineTimers.values()) clearTimeout(timer);
    this.#offlineTimers.clear();
    if (this.#deadline !== null) clearTimeout(this.#deadline);
  }

  #scheduleOffline(participantId: string): void {
    if (this.#disposed || this.#offlineTimers.has(participantId)) return;
    const timer = setTimeout(() => {
      this.#offlineTimers.delete(participantId);
      if (this.#connections.has(participantId)) return;
      void this.submit({ kind: 'presence', participantId, presence: 'offline' });
    }, this.deps.presenceGraceMs);
    timer.unref();
    this.#offlineTimers.set(participantId, timer);
  }

  async #commit(): Promise<void> {
    const batch = this.#next;
    this.#next = emptyBatch();
    this.#inFlight = true;
    try {
      await this.deps.append(batch.events);
    } catch (error) {
      this.#inFlight = false;
      this.deps.onError(error, 'commit');
      // Everything decided after the durable state is void: this batch and the next one.
      const failed = [...batch.settles, ...this.#next.settles];
      this.#next = emptyBatch();
      this.#state = this.#durable;
      for (const settle of failed) settle(refusal('storage_unavailable'));
      return;
    }
    if (batch.stateAfter !== null) this.#durable = batch.stateAfter;
    for (let i = 0; i < batch.events.length; i++) {
      const frame = batch.frames[i];
      const stored = batch.events[i];
      if (frame === undefined || stored === undefined) continue;
      this.replay.push(stored.seq, frame);
      this.deps.publish(this.id, frame);
      this.#afterDurable(stored);
    }
    batch.settles.forEach((settle, index) => settle(batch.results[index] ?? { ok: true }));
    this.#inFlight = false;
    this.#scheduleDeadline();
    if (this.#next.settles.length > 0) void this.#commit();
  }

  #afterDurable(stored: StoredEvent): void {
    if (stored.type === 'participant.left' && stored.payload.reason === 'kicked') {
      const participantId = String(stored.payload.participantId);
      this.kicked.add(participantId);
      this.deps.onEvicted(this.id, participantId, 'kicked');
    } else if (stored.type === 'room.closed') {
      this.deps.onEvicted(this.id, null, 'room_closed');
    }
  }

  #scheduleDeadline(): void {
    if (this.#deadline !== null) clearTimeout(this.#deadline);
    this.#deadline = null;
    if (this.#disposed) return;
    const at = nextDeadline(this.#durable, this.deps.facilitatorGraceMs);
    if (at === null) return;
    this.#deadline = setTimeout(
      () => {
        this.#deadline = null;
        void this.submit({ kind: 'tick' }).then(() => this.#scheduleDeadline());
      },
      Math.max(0, at - this.deps.now()) + 5,
    );
    this.#deadline.unref();
  }
}

function refusal(code: ErrorCode): CommandOutcome {
  return { ok: false, code, message: ERROR_CODES[code].message };
}
