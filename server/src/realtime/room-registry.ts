import type { Deck, RoomSettings } from '@pokerroom/protocol';
import type { Bus } from '../bus/bus.js';
import { createRoom, evolve, openingEvents } from '../rooms/index.js';
import type { Mode } from '../storage/accounts.js';
import type { Sql } from '../storage/database.js';
import { loadEvents, type StoredEvent } from '../storage/event-store.js';
import { storeNewRoom } from '../storage/room-batch.js';
import { roomExists, storedSeqs } from '../storage/room-listing.js';
import { RoomHost, type RoomHostDeps } from './room-host.js';

/** How often, with several nodes, loaded rooms are compared with the log. */
const AUDIT_INTERVAL_MS = 2000;

/** Rooms held in memory on this node, loaded from the log on first use. */
export class RoomRegistry {
  readonly #hosts = new Map<string, Promise<RoomHost | null>>();
  /** The hosts whose load has finished, for callers that can't wait (see {@link peek}). */
  readonly #ready = new Map<string, RoomHost>();
  #audit: NodeJS.Timeout | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly deps: RoomHostDeps,
    private readonly bus: Bus,
    /** Single node: participants the log says are online without a connection go offline after the grace. */
    private readonly singleNode: boolean,
  ) {
    bus.onReconnect(() => {
      void this.loaded().then((hosts) => {
        for (const host of hosts) host.resync();
      });
    });
    // Pub/sub drops what is published while a publisher or subscriber is away, and a lost
    // announcement is only noticed when a later event shows the gap. With several nodes, compare
    // every loaded room with the log now and then, so a room that went quiet is repaired too.
    if (!singleNode) {
      this.#audit = setInterval(() => void this.#auditSeqs().catch(() => undefined), AUDIT_INTERVAL_MS);
      this.#audit.unref();
    }
  }

  async #auditSeqs(): Promise<void> {
    const hosts = await this.loaded();
    if (hosts.length === 0) return;
    const stored = await storedSeqs(
      this.sql,
      hosts.map((host) => host.id),
    );
    for (const host of hosts) if ((stored.get(host.id) ?? 0) > host.durable.seq) host.resync();
  }

  /** The room's host, loading it from the log if needed; `null` if no such room exists. */
  get(roomId: string): Promise<RoomHost | null> {
    let host = this.#hosts.get(roomId);
    if (host === undefined) {
      host = this.#load(roomId);
      this.#hosts.set(roomId, host);
      // A failed load (storage down) must not stick: the next connection tries again.
      host.then(
        (loaded) => (loaded === null ? this.#hosts.delete(roomId) : this.#ready.set(roomId, loaded)),
        () => this.#hosts.delete(roomId),
      );
    }
    return host;
  }

  /** The room's host if it is already in memory, without waiting; `undefined` if it is not (yet). */
  peek(roomId: string): RoomHost | undefined {
    return this.#ready.get(roomId);
  }

  /** Every loaded room. */
  async loaded(): Promise<RoomHost[]> {
    const hosts = await Promise.allSettled(this.#hosts.values());
    return hosts.flatMap((result) =>
      result.status === 'fulfilled' && result.value !== null ? [result.value] : [],
    );
  }

  /** How many rooms are in memory. */
  get size(): number {
    return this.#hosts.size;
  }

  /**
   * Creates a room: its row, and its first events (`room.updated` with name, deck and settings,
   * then the opening round), so the log alone rebuilds the room and it is ready to vote at once.
   */
  async create(room: {
    id: string;
    accountId: string;
    mode: Mode;
    name: string;
    deck: Deck;
    settings: RoomSettings;
  }): Promise<void> {
    const ctx = {
      now: this.deps.now(),
      newId: this.deps.newId,
      facilitatorGraceMs: this.deps.facilitatorGraceMs,
    };
    let state = createRoom(room);
    const first: StoredEvent[] = openingEvents(room, ctx).map((event, index) => {
      state = evolve(state, event);
      const payload = event.d as unknown as Record<string, unknown>;
      return {
        roomId: room.id,
        seq: index + 1,
        type: event.t,
        payload,
        at: event.at,
        roundId: state.round?.id ?? null,
      };
    });
    // One transaction: the room's row and its first events exist together or not at all.
    await storeNewRoom(this.sql, room, first);
  }

  /** Drops every room from memory (after their timers are stopped). */
  async disposeAll(): Promise<void> {
    if (this.#audit !== null) clearInterval(this.#audit);
    for (const host of await this.loaded()) {
      host.dispose();
      this.bus.unsubscribe(host.id);
    }
    this.#hosts.clear();
    this.#ready.clear();
  }

  async #load(roomId: string): Promise<RoomHost | null> {
    if (!(await roomExists(this.sql, roomId))) return null;
    // Listen before reading the log, so nothing stored meanwhile by another node is missed;
    // what arrives before the host exists is handed over once it does.
    let host: RoomHost | null = null;
    const early: StoredEvent[] = [];
    let earlyUpTo = 0;
    await this.bus.subscribe(
      roomId,
      (events) => (host === null ? early.push(...events) : host.receive(events)),
      (seq) => {
        if (host === null) earlyUpTo = Math.max(earlyUpTo, seq);
        else host.storedUpTo(seq);
      },
    );
    const events = await loadEvents(this.sql, roomId);
    const { state, kicked } = RoomHost.fold(roomId, events);
    const loaded = new RoomHost(roomId, state, this.deps, kicked);
    host = loaded;
    if (early.length > 0) loaded.receive(early);
    loaded.storedUpTo(earlyUpTo);
    if (this.singleNode) loaded.scheduleOfflineForAbsent();
    return loaded;
  }
}
