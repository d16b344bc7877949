import type { Deck, RoomSettings } from '@pokerroom/protocol';
import type { Sql } from '../storage/database.js';
import { loadEvents, type StoredEvent } from '../storage/event-store.js';
import { RoomHost, type RoomHostDeps } from './room-host.js';

/** Rooms held in memory on this node, loaded from the log on first use. */
export class RoomRegistry {
  readonly #hosts = new Map<string, Promise<RoomHost | null>>();

  constructor(
    private readonly sql: Sql,
    private readonly deps: RoomHostDeps,
  ) {}

  /** The room's host, loading it from the log if needed; `null` if no such room exists. */
  get(roomId: string): Promise<RoomHost | null> {
    let host = this.#hosts.get(roomId);
    if (host === undefined) {
      host = this.#load(roomId);
      this.#hosts.set(roomId, host);
      // A failed load (storage down) must not stick: the next connection tries again.
      host.then(
        (loaded) => loaded === null && this.#hosts.delete(roomId),
        () => this.#hosts.delete(roomId),
      );
    }
    return host;
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
   * Creates a room: its row, and its first event (`room.updated` with name, deck and settings), so
   * the log alone rebuilds the room.
   */
  async create(room: {
    id: string;
    accountId: string;
    name: string;
    deck: Deck;
    settings: RoomSettings;
  }): Promise<void> {
    const first: StoredEvent = {
      roomId: room.id,
      seq: 1,
      type: 'room.updated',
      payload: { name: room.name, deck: room.deck, settings: room.settings },
      at: this.deps.now(),
      roundId: null,
    };
    await this
      .sql`insert into rooms (id, account_id, name) values (${room.id}, ${room.accountId}, ${room.name})`;
    await this.deps.append([first]);
  }

  /** Drops every room from memory (after their timers are stopped). */
  async disposeAll(): Promise<void> {
    for (const host of await this.loaded()) host.dispose();
    this.#hosts.clear();
  }

  async #load(roomId: string): Promise<RoomHost | null> {
    const [row] = await this.sql<{ id: string }[]>`select id from rooms where id = ${roomId}`;
    if (row === undefined) return null;
    const events = await loadEvents(this.sql, roomId);
    const { state, kicked } = RoomHost.fold(roomId, events);
    const host = new RoomHost(roomId, state, this.deps);
    for (const id of kicked) host.kicked.add(id);
    host.scheduleOfflineForAbsent();
    return host;
  }
}
