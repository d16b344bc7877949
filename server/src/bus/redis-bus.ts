import { Redis } from 'ioredis';
import { Packr } from 'msgpackr';
import type { Logger } from '../ops/logger.js';
import type { StoredEvent } from '../storage/event-store.js';
import type { Bus } from './bus.js';

// Binary end to end: events cross nodes as MessagePack, never re-encoded as JSON.
const packr = new Packr({ useRecords: false, variableMapSize: true });

interface Envelope {
  readonly node: string;
  readonly events: readonly StoredEvent[];
}

/**
 * Redis pub/sub between nodes, one channel per room (Redis keeps a channel's order). ioredis
 * reconnects and resubscribes by itself; after a reconnect, listeners re-read the log, because
 * pub/sub does not keep what was published while a subscriber was away.
 */
export class RedisBus implements Bus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #handlers = new Map<string, (events: readonly StoredEvent[]) => void>();
  readonly #reconnectListeners: (() => void)[] = [];
  /** The first bytes of every envelope this node packs (see {@link ownEnvelopePrefix}). */
  readonly #ownPrefix: Buffer | null;
  #connectedOnce = false;

  constructor(
    url: string,
    private readonly nodeId: string,
    private readonly log: Logger,
  ) {
    this.#ownPrefix = ownEnvelopePrefix(nodeId);
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false };
    // A commit announces each of its rooms: auto-pipelining writes the publishes of one tick
    // together, one system call instead of one per room.
    this.#pub = new Redis(url, {
      ...options,
      enableAutoPipelining: true,
      connectionName: `pokerroom-pub-${nodeId}`,
    });
    this.#sub = new Redis(url, { ...options, connectionName: `pokerroom-sub-${nodeId}` });
    for (const client of [this.#pub, this.#sub])
      client.on('error', (error) => this.log.warn({ err: error }, 'redis'));
    this.#sub.on('ready', () => {
      if (this.#connectedOnce) {
        this.log.info('redis reconnected: resynchronizing rooms from the log');
        for (const listener of this.#reconnectListeners) listener();
      }
      this.#connectedOnce = true;
    });
    this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.#deliver(channel.toString(), message),
    );
  }

  /** Waits until both connections are ready (at startup, so a node never starts deaf). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const wait = (client: Redis) =>
      client.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error('Redis did not become ready in time')),
              timeoutMs,
            );
            client.once('ready', () => {
              clearTimeout(timer);
              resolve();
            });
          });
    await Promise.all([wait(this.#pub), wait(this.#sub)]);
  }

  async subscribe(roomId: string, onEvents: (events: readonly StoredEvent[]) => void): Promise<void> {
    this.#handlers.set(roomId, onEvents);
    await this.#sub.subscribe(channelOf(roomId));
  }

  unsubscribe(roomId: string): void {
    this.#handlers.delete(roomId);
    this.#sub.unsubscribe(channelOf(roomId)).catch(() => undefined);
  }

  announce(roomId: string, events: readonly StoredEvent[]): void {
    const message = packr.pack({ node: this.nodeId, events } satisfies Envelope);
    // A lost announcement is repaired by the receivers' gap detection; never fail a stored command for it.
    this.#pub
      .publish(channelOf(roomId), message)
      .catch((error: unknown) => this.log.warn({ err: error, roomId }, 'announce failed'));
  }

  onReconnect(listener: () => void): void {
    this.#reconnectListeners.push(listener);
  }

  status(): 'up' | 'down' {
    return this.#pub.status === 'ready' && this.#sub.status === 'ready' ? 'up' : 'down';
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#pub.quit(), this.#sub.quit()]);
  }

  #deliver(channel: string, message: Buffer): void {
    const roomId = channel.slice(CHANNEL_PREFIX.length);
    const handler = this.#handlers.get(roomId);
    if (handler === undefined || this.#isOwn(message)) return;
    let envelope: Envelope;
    try {
      envelope = packr.unpack(message) as Envelope;
    } catch (error) {
      this.log.warn({ err: error, roomId }, 'undecodable bus message');
      return;
    }
    if (envelope.node === this.nodeId || !Array.isArray(envelope.events)) return;
    handler(envelope.events);
  }

  /**
   * Whether this node sent the message. A node listens on the channel of every room it holds, and
   * Redis sends a publisher its own messages too: with each room kept to one node, every
   * announcement comes back to its sender alone. Recognised by their first bytes, they are dropped
   * unread.
   */
  #isOwn(message: Buffer): boolean {
    const prefix = this.#ownPrefix;
    return (
      prefix !== null &&
      message.length > prefix.length &&
      message.compare(prefix, 0, prefix.length, 0, prefix.length) === 0
    );
  }
}

/**
 * The bytes every envelope from `nodeId` starts with: a two-entry map whose first key is `node`,
 * and its value. Checked against a packed envelope, so that a change in how msgpackr lays out a
 * map falls back to decoding every message (`null`) rather than to dropping other nodes' events.
 * The wire format itself is unchanged, for nodes of the previous release.
 */
export function ownEnvelopePrefix(nodeId: string): Buffer | null {
  const withNode = packr.pack({ node: nodeId });
  const envelope = packr.pack({ node: nodeId, events: [] } satisfies Envelope);
  // A fixmap of one entry (0x81) becomes one of two (0x82); what follows is the `node` entry.
  if (withNode[0] !== 0x81) return null;
  const prefix = Buffer.concat([Buffer.from([0x82]), withNode.subarray(1)]);
  return envelope.subarray(0, prefix.length).equals(prefix) ? prefix : null;
}

const CHANNEL_PREFIX = 'pokerroom:room:';
const channelOf = (roomId: string) => `${CHANNEL_PREFIX}${roomId}`;
