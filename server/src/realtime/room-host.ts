import { ERROR_CODES, type ErrorCode, type RoomSnapshot } from '@pokerroom/protocol';
import {
  createRoom,
  type DecisionResult,
  type DomainEvent,
  decide,
  evolve,
  foldEach,
  NO_EVENTS,
  NO_STATES,
  nextDeadline,
  type RoomCommand,
  type RoomState,
  toSnapshot,
  voteOf,
} from '../rooms/index.js';
import type { StoredEvent } from '../storage/event-store.js';
import type { RoomBatch, RoomBatchResult } from '../storage/room-batch.js';
import { publicFrame, toDomainEvent } from './event-frames.js';
import { ReplayBuffer } from './replay-buffer.js';
import type { BroadcastMessage } from './wire-versions.js';

/** What a room host needs from the rest of the server. */
export interface RoomHostDeps {
  /**
   * Makes a batch durable if the room is still at its base seq (group commit). The batch is made
   * by `take`, which the writer calls once, when the batch's transaction starts; it may never call
   * it when storage fails first.
   */
  readonly commit: (take: () => RoomBatch) => Promise<RoomBatchResult>;
  /** Reads the room's stored events after a seq (catching up with other nodes). */
  readonly loadEvents: (roomId: string, afterSeq: number) => Promise<StoredEvent[]>;
  /** Delivers a frame to this node's connections of the room (each in its version), in call order. */
  readonly publish: (roomId: string, message: BroadcastMessage) => void;
  /** Tells the other nodes about events this node stored. */
  readonly announce: (roomId: string, events: readonly StoredEvent[]) => void;
  readonly newId: (prefix: 'round' | 'story') => string;
  readonly now: () => number;
  readonly facilitatorGraceMs: number;
  readonly presenceGraceMs: number;
  /** Called after a durable event that ends a participant's place in the room (kick) or the room. */
  readonly onEvicted: (roomId: string, participantId: string | null, code: 'kicked' | 'room_closed') => void;
  readonly onError: (error: unknown, context: string) => void;
  /**
   * Whether the node is past what it can store in time (see `GroupCommitWriter.pressure`): the
   * milliseconds a client should wait before retrying, or `null` when it keeps up.
   */
  readonly overloaded?: () => number | null;
}

/**
 * Client commands a room holds at most, decided but not yet stored (queued and in flight). Past
 * it, new ones are refused at once with `overloaded` rather than acknowledged tens of seconds late.
 */
export const ROOM_PENDING_LIMIT = 256;
/** The retry hint of a room past {@link ROOM_PENDING_LIMIT}, in milliseconds. */
export const ROOM_RETRY_AFTER_MS = 1000;

/** The outcome of a command submitted to the room. */
export type CommandOutcome =
  | { ok: true; result?: DecisionResult }
  | { ok: false; code: ErrorCode; message: string; retryAfterMs?: number };

/** A decided command waiting to be stored: kept whole so it can be decided again after a conflict. */
interface Pending {
  readonly command: RoomCommand;
  readonly settle: (outcome: CommandOutcome) => void;
  events: readonly DomainEvent[];
  /** The room after each of `events`, as decided: reused when the batch is stored unchanged. */
  states: readonly RoomState[];
  outcome: CommandOutcome;
}

/** What a commit took from the room's queue: the batch stored, and what to settle and fold after it. */
interface TakenBatch {
  readonly batch: RoomBatch;
  readonly commands: readonly Pending[];
  /** The room after each stored event, as decided. */
  readonly states: readonly RoomState[];
  readonly events: readonly DomainEvent[];
}

/**
 * One room in memory on one node. Commands are decided at once against the room including
 * not-yet-stored events (so a room takes many commands per commit), stored in group-commit
 * batches, and only then broadcast and acknowledged: nothing is acknowledged that isn't stored.
 *
 * Several nodes may hold the same room. The database serializes them: a batch is stored only if
 * the room's stored seq is still the one the batch builds on. When another node got there first,
 * this host catches up from the log and decides its pending commands again on the new state, so
 * there is never a lost update or a duplicate seq. Events other nodes store arrive through the
 * bus and are folded in seq order; a gap is repaired from the log before anything is passed on.
 */
export class RoomHost {
  /** The state as stored: welcomes, snapshots and broadcasts come from it, never from unstored events. */
  #durable: RoomState;
  /** The stored state plus pending commands' events: new commands are decided against it. */
  #state: RoomState;
  #queued: Pending[] = [];
  /** Commands of the batch being stored. */
  #storing = 0;
  #busy = false;
  /** Callers of {@link settle} waiting for the room to have nothing pending. */
  readonly #settled: (() => void)[] = [];
  // The collections below are made on first use: most rooms never need them, and an empty Map
  // costs about 190 bytes, which in rooms of ten was 15 bytes of every idle connection's memory.
  /** Events from other nodes that arrived ahead of what this host has stored. */
  #ahead: Map<number, StoredEvent> | null = null;
  #needsCatchUp = false;
  #deadline: NodeJS.Timeout | null = null;
  #offlineTimers: Map<string, NodeJS.Timeout> | null = null;
  readonly #connections = new Map<string, number>();
  /** Participants whose last word in the log is a kick: refused at admission. */
  #kicked: Set<string> | null;
  readonly replay = new ReplayBuffer<BroadcastMessage>(2048);
  #disposed = false;

  /** `kicked`: the participants the room's log left kicked (see {@link RoomHost.fold}). */
  constructor(
    readonly id: string,
    state: RoomState,
    private readonly deps: RoomHostDeps,
    kicked: ReadonlySet<string> = new Set(),
  ) {
    this.#state = state;
    this.#durable = state;
    this.#kicked = kicked.size === 0 ? null : new Set(kicked);
    this.replay.reset(state.seq);
  }

  /** Folds stored events into a room: how a room is loaded after a restart, or on another node. */
  static fold(id: string, events: readonly StoredEvent[]): { state: RoomState; kicked: Set<string> } {
    let state = createRoom({ id, name: '' });
    const kicked = new Set<string>();
    for (const stored of events) {
      const event = toDomainEvent(stored);
      state = evolve(state, event);
      if (event.t === 'participant.left' && event.d.reason === 'kicked') kicked.add(event.d.participantId);
      if (event.t === 'participant.joined') kicked.delete(event.d.participant.id);
    }
    return { state, kicked };
  }

  /** Whether the participant's last word in the log is a kick: they may not come back. */
  isKicked(participantId: string): boolean {
    return this.#kicked?.has(participantId) ?? false;
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

  /** Decides a command; settles once its events are stored and broadcast, or with the refusal. */
  submit(command: RoomCommand): Promise<CommandOutcome> {
    return new Promise((settle) => this.submitThen(command, settle));
  }

  /**
   * {@link submit} with a callback: `settle` is called once the command's events are stored and
   * broadcast (right after them, in the same turn), or with the refusal, at once when it is refused
   * at once. The socket path's form, without a promise and a microtask per command: at the durable
   * maximum, every vote's allocations are garbage collection's work (docs/performance.md, durable
   * votes, seventeenth run). A `settle` that throws is reported to `onError` and never keeps the
   * other commands of its batch from settling.
   */
  submitThen(command: RoomCommand, settle: (outcome: CommandOutcome) => void): void {
    const refused = this.#refusedAtOnce(command);
    if (refused !== null) {
      this.#settle(settle, refused);
      return;
    }
    const pending: Pending = { command, settle, events: NO_EVENTS, states: NO_STATES, outcome: OK };
    if (!this.#decideInto(pending, true)) return;
    if (this.#isSettledNow(pending)) {
      this.#settle(settle, pending.outcome);
      return;
    }
    this.#queued.push(pending);
    this.#run();
  }

  /** Why a command is refused before it is decided (shutting down, or load shedding), if it is. */
  #refusedAtOnce(command: RoomCommand): CommandOutcome | null {
    if (this.#disposed) return refusal('shutting_down');
    // Load shedding applies to what clients send; joins, presence and timers are the room's own.
    if (command.kind !== 'client') return null;
    const retryAfterMs =
      this.#queued.length + this.#storing >= ROOM_PENDING_LIMIT
        ? ROOM_RETRY_AFTER_MS
        : (this.deps.overloaded?.() ?? null);
    return retryAfterMs === null ? null : { ...refusal('overloaded'), retryAfterMs };
  }

  /** Events another node stored (from the bus), in any order, possibly repeated. */
  receive(events: readonly StoredEvent[]): void {
    for (const event of events) {
      if (event.seq <= this.#durable.seq) continue;
      this.#ahead ??= new Map();
      this.#ahead.set(event.seq, event);
    }
    if (!this.#busy) this.#applyAhead();
    if ((this.#ahead?.size ?? 0) > 0) this.#needsCatchUp = true;
    this.#run();
  }

  /** Another node stored the room's events up to `seq` without sending them: read what is missing. */
  storedUpTo(seq: number): void {
    if (seq > this.#durable.seq) this.resync();
  }

  /** Re-reads the log (after the bus reconnected: messages may have been missed while it was down). */
  resync(): void {
    this.#needsCatchUp = true;
    this.#run();
  }

  /** A connection of this participant opened. */
  attach(participantId: string): void {
    this.#connections.set(participantId, (this.#connections.get(participantId) ?? 0) + 1);
    const timer = this.#offlineTimers?.get(participantId);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#offlineTimers?.delete(participantId);
    }
  }

  /**
   * A connection closed. Presence turns offline only after the grace period, and only if no
   * other connection of the same participant is open here by then: a page reload doesn't flap.
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

  /** How many connections of this room are open on this node. */
  get connected(): number {
    let total = 0;
    for (const count of this.#connections.values()) total += count;
    return total;
  }

  /**
   * After a load on a single node: participants the log says are online but who have no
   * connection go offline after the grace period (their node went away with them).
   */
  scheduleOfflineForAbsent(): void {
    for (const participant of this.#durable.participants) {
      if (participant.presence !== 'offline' && !this.#connections.has(participant.id)) {
        this.#scheduleOffline(participant.id);
      }
    }
    this.#scheduleDeadline();
  }

  /** Resolves when nothing is pending: at once if so, else when the room's last job ends with none queued. */
  settle(): Promise<void> {
    if (!this.#busy && this.#queued.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#settled.push(resolve));
  }

  /** Stops timers; later commands are refused with `shutting_down`. */
  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#offlineTimers?.values() ?? []) clearTimeout(timer);
    this.#offlineTimers = null;
    if (this.#deadline !== null) clearTimeout(this.#deadline);
  }

  /** Calls a command's `settle`; one that throws is reported, and the caller goes on. */
  #settle(settle: (outcome: CommandOutcome) => void, outcome: CommandOutcome): void {
    try {
      settle(outcome);
    } catch (error) {
      this.deps.onError(error, 'settle');
    }
  }

  /** Decides `pending` on the working state; returns false (and settles) if refused. */
  #decideInto(pending: Pending, first: boolean): boolean {
    let decision: ReturnType<typeof decide>;
    try {
      decision = decide(this.#state, pending.command, {
        now: this.deps.now(),
        newId: this.deps.newId,
        facilitatorGraceMs: this.deps.facilitatorGraceMs,
      });
    } catch (error) {
      this.deps.onError(error, `decide ${pending.command.kind}`);
      this.#settle(pending.settle, refusal('internal'));
      return false;
    }
    if (!decision.ok) {
      this.#settle(pending.settle, { ok: false, code: decision.code, message: decision.message });
      return false;
    }
    // Reactions and nudges are not stored: they go out once, when first decided.
    if (first) {
      for (const message of decision.ephemeral ?? []) {
        this.deps.publish(this.id, message);
      }
    }
    pending.events = decision.events;
    pending.outcome = decision.result === undefined ? OK : { ok: true, result: decision.result };
    pending.states = decision.states ?? foldEach(this.#state, decision.events);
    this.#state = pending.states.at(-1) ?? this.#state;
    return true;
  }

  /**
   * Whether a decided command can be answered at once: only when it changes nothing and was
   * decided on the stored room. A command decided on events not stored yet (a second connection
   * joining while the first one's join is being stored) waits for them: answered earlier, it would
   * be acknowledged against a room that may never exist, and its welcome built from a stored room
   * without the participant in it.
   */
  #isSettledNow(pending: Pending): boolean {
    return pending.events.length === 0 && this.#state === this.#durable;
  }

  /** Runs the room's one job at a time: catch up with the log, or store the queued commands. */
  #run(): void {
    if (this.#busy) return;
    if (this.#needsCatchUp) void this.#job(() => this.#catchUp());
    else if (this.#queued.length > 0) void this.#job(() => this.#commit());
    else for (const resolve of this.#settled.splice(0)) resolve();
  }

  async #job(work: () => Promise<void>): Promise<void> {
    this.#busy = true;
    try {
      await work();
    } catch (error) {
      this.deps.onError(error, 'room job');
    } finally {
      this.#busy = false;
      this.#applyAhead();
      this.#scheduleDeadline();
      this.#run();
    }
  }

  async #commit(): Promise<void> {
    if (!this.#queued.some((pending) => pending.events.length > 0)) {
      // Only commands that changed nothing, which waited for events stored since: nothing to write.
      const batch = this.#queued;
      this.#queued = [];
      for (const pending of batch) this.#settle(pending.settle, pending.outcome);
      if (this.#queued.length === 0) this.#state = this.#durable;
      return;
    }
    // The batch is taken when its transaction starts, not now: commands that arrive while it waits
    // for one go with it (see `GroupCommitWriter.commit`).
    let taken = null as TakenBatch | null;
    let result: RoomBatchResult;
    try {
      result = await this.deps.commit(() => {
        taken = this.#take();
        return taken.batch;
      });
    } catch (error) {
      this.#storing = 0;
      this.deps.onError(error, 'commit');
      // Nothing of this batch is stored, and what was decided after it built on it: refuse all.
      for (const pending of [...(taken?.commands ?? []), ...this.#queued])
        this.#settle(pending.settle, refusal('storage_unavailable'));
      this.#queued = [];
      this.#state = this.#durable;
      return;
    }
    this.#storing = 0;
    if (taken === null) throw new Error('the batch was answered without being taken');
    const { batch, commands, states, events } = taken;
    if (result.ok) {
      this.#advance(batch.events, { states, events });
      this.deps.announce(this.id, batch.events);
      for (const pending of commands) this.#settle(pending.settle, pending.outcome);
      return;
    }
    // Another node stored events first: catch up, then decide everything pending again on top.
    this.#queued = [...commands, ...this.#queued];
    await this.#catchUp();
  }

  /** The queued commands as a batch, their events numbered from the stored seq on. */
  #take(): TakenBatch {
    const commands = this.#queued;
    this.#queued = [];
    this.#storing = commands.length;
    let seq = this.#durable.seq;
    const stored: StoredEvent[] = [];
    const states: RoomState[] = [];
    const events: DomainEvent[] = [];
    for (const pending of commands) {
      const { events: decided, states: after } = pending;
      for (let index = 0; index < decided.length; index++) {
        const event = decided[index] as DomainEvent;
        const state = after[index] ?? this.#durable;
        states.push(state);
        events.push(event);
        stored.push(toStoredEvent(this.id, ++seq, event, state.round?.id ?? null));
      }
    }
    return {
      batch: { roomId: this.id, baseSeq: this.#durable.seq, events: stored },
      commands,
      states,
      events,
    };
  }

  async #catchUp(): Promise<void> {
    this.#needsCatchUp = false;
    const events = await this.deps.loadEvents(this.id, this.#durable.seq);
    this.#advance(events);
    const ahead = this.#ahead;
    if (ahead !== null) for (const seq of [...ahead.keys()]) if (seq <= this.#durable.seq) ahead.delete(seq);
    this.#redecideQueued();
  }

  /**
   * The stored state moved under the queued commands (other nodes' events): decide them again on
   * top of it, so nothing is stored that was decided on a state that no longer holds.
   */
  #redecideQueued(): void {
    const pending = this.#queued;
    this.#queued = [];
    this.#state = this.#durable;
    for (const entry of pending) {
      if (!this.#decideInto(entry, false)) continue;
      if (this.#isSettledNow(entry)) this.#settle(entry.settle, entry.outcome);
      else this.#queued.push(entry);
    }
  }

  /** Folds in the events from other nodes that directly follow what is stored here. */
  #applyAhead(): void {
    const ahead = this.#ahead;
    if (this.#busy || ahead === null) return;
    const next: StoredEvent[] = [];
    for (let seq = this.#durable.seq + 1; ahead.has(seq); seq++) {
      const event = ahead.get(seq);
      if (event !== undefined) next.push(event);
      ahead.delete(seq);
    }
    if (next.length === 0) return;
    this.#advance(next);
    this.#redecideQueued();
  }

  /**
   * Folds stored events into the durable state and broadcasts them to this node's connections.
   * `decided` are this node's own events as it decided them, with the state after each (same
   * base, same events, so the same result): reusing them spares folding every event a second time,
   * and making it again from its stored form.
   */
  #advance(
    stored: readonly StoredEvent[],
    decided?: { readonly states: readonly RoomState[]; readonly events: readonly DomainEvent[] },
  ): void {
    for (let index = 0; index < stored.length; index++) {
      const storedEvent = stored[index] as StoredEvent;
      if (storedEvent.seq !== this.#durable.seq + 1) continue;
      const event = decided?.events[index] ?? toDomainEvent(storedEvent);
      this.#durable = decided?.states[index] ?? evolve(this.#durable, event);
      const frame = publicFrame(event, this.#durable, storedEvent.seq);
      this.replay.push(storedEvent.seq, frame);
      this.deps.publish(this.id, frame);
      this.#afterStored(event);
    }
    if (this.#queued.length === 0) this.#state = this.#durable;
  }

  #afterStored(event: DomainEvent): void {
    if (event.t === 'participant.left' && event.d.reason === 'kicked') {
      this.#kicked ??= new Set();
      this.#kicked.add(event.d.participantId);
      this.deps.onEvicted(this.id, event.d.participantId, 'kicked');
    } else if (event.t === 'participant.joined') {
      this.#kicked?.delete(event.d.participant.id);
    } else if (event.t === 'participant.presence' && event.d.presence === 'offline') {
      // Another node saw this participant leave, but they are connected here: say so again.
      if (this.#connections.has(event.d.participantId)) {
        const participantId = event.d.participantId;
        queueMicrotask(() => void this.submit({ kind: 'presence', participantId, presence: 'online' }));
      }
    } else if (event.t === 'room.closed') {
      this.deps.onEvicted(this.id, null, 'room_closed');
    }
  }

  #scheduleOffline(participantId: string): void {
    if (this.#disposed || this.#offlineTimers?.has(participantId)) return;
    const timer = setTimeout(() => {
      this.#offlineTimers?.delete(participantId);
      if (this.#connections.has(participantId)) return;
      void this.submit({ kind: 'presence', participantId, presence: 'offline' });
    }, this.deps.presenceGraceMs);
    timer.unref();
    this.#offlineTimers ??= new Map();
    this.#offlineTimers.set(participantId, timer);
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
        void this.submit({ kind: 'tick' });
      },
      Math.max(0, at - this.deps.now()) + 5,
    );
    this.#deadline.unref();
  }
}

function toStoredEvent(roomId: string, seq: number, event: DomainEvent, roundId: string | null): StoredEvent {
  return {
    roomId,
    seq,
    type: event.t,
    payload: event.d as unknown as Record<string, unknown>,
    at: event.at,
    roundId,
  };
}

const OK: CommandOutcome = { ok: true };

function refusal(code: ErrorCode): Extract<CommandOutcome, { ok: false }> {
  return { ok: false, code, message: ERROR_CODES[code].message };
}
