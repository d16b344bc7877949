import type { StoredEvent } from '../storage/event-store.js';

/**
 * How stored room events reach the other nodes. Single node: nowhere (the in-process bus).
 * Several nodes: Redis pub/sub, one channel per room so each room's events keep their order.
 */
export interface Bus {
  /**
   * Starts receiving the room's events stored by other nodes: as the events themselves
   * (`onEvents`), or as the seq another node stored up to while it had no reason to think anyone
   * else listened (`onStoredUpTo`: read them from the log). Both are required: a listener that
   * dropped the seq would miss events until the next gap showed it. Resolves once this node
   * listens, and once the nodes holding the room are told so.
   */
  subscribe(
    roomId: string,
    onEvents: (events: readonly StoredEvent[]) => void,
    onStoredUpTo: (seq: number) => void,
  ): Promise<void>;
  unsubscribe(roomId: string): void;
  /** Sends events this node stored to the other nodes. */
  announce(roomId: string, events: readonly StoredEvent[]): void;
  /** Called after the bus reconnected: messages may have been lost while it was down. */
  onReconnect(listener: () => void): void;
  /** `up`, `down`, or `none` for the in-process bus; for `/readyz`. */
  status(): 'up' | 'down' | 'none';
  close(): Promise<void>;
}

/** The single-node bus: there is no other node to tell. */
export class InProcessBus implements Bus {
  async subscribe(): Promise<void> {}
  unsubscribe(): void {}
  announce(): void {}
  onReconnect(): void {}
  status(): 'none' {
    return 'none';
  }
  async close(): Promise<void> {}
}
