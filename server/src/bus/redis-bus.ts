import { Redis } from 'ioredis';
import { Packr } from 'msgpackr';
import type { Logger } from '../ops/logger.js';
import type { StoredEvent } from '../storage/event-store.js';
import type { Bus } from './bus.js';

// Binary end to end: events cross nodes as MessagePack, never re-encoded as JSON.
const packr = new Packr({ useRecords: false, variableMapSize: true });

/** A room's stored events, from the node that stored them. */
interface Envelope {
  readonly node: string;
  readonly events: readonly StoredEvent[];
}

/** The seq a node stored a room's events up to, sent instead of them while nobody else listened. */
interface StoredUpTo {
  readonly node: string;
  readonly seq: number;
}

interface RoomListener {
  readonly onEvents: (events: readonly StoredEvent[]) => void;
  readonly onStoredUpTo: (seq: number) => void;
  /** The seq of this node's last announcement on the room, published or kept quiet. */
  announced: number;
  /** Whether the room is quiet on the bus: its last published announcement reached this node alone. */
  quiet: boolean;
}

/** A node that has just begun to listen on a room, so that a node holding it alone speaks again. */
interface Listening {
  readonly node: string;
  readonly listening: true;
}

/**
 * Redis pub/sub between nodes, one channel per room (Redis keeps a channel's order). ioredis
 * reconnects and resubscribes by itself; after a reconnect, listeners re-read the log, because
 * pub/sub does not keep what was published while a subscriber was away.
 *
 * With rooms kept to one node, most announcements reach nobody but their sender. Redis answers a
 * publish with how many subscribers received it, and a node listens on every room it holds, so an
 * answer of one means nobody else did: the room then goes quiet on the bus, and its next
 * announcements are not published at all, only the seq they reached is kept. A node that begins to
 * listen on a room says so on its channel ({@link Listening}); a node holding the room quietly
 * answers with that seq (the newcomer reads what it lacks from the log), and publishes its events
 * again from then on. Any other message from another node on the channel does the same, in case
 * the word was lost. Publishing, and reading back, each commit's announcement was 5.7 % of both
 * servers' CPU at the two-node maximum (docs/performance.md, durable votes, twenty-third run).
 *
 * Correctness never rests on the count: a node that missed an announcement catches up at its
 * next gap, after a reconnect, or at its registry's audit of the log. The count only decides how
 * soon: it must count every subscriber of the channel, as one Redis does (Redis Cluster counts
 * those of one shard, which would leave nodes on other shards to the audit).
 */
export class RedisBus implements Bus {
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #listeners = new Map<string, RoomListener>();
  /**
   * Messages received from other nodes, on any room: an answer counted before one of them arrived
   * may be out of date, so it does not make a room quiet (see {@link announce}).
   */
  #heardFromOthers = 0;
  readonly #reconnectListeners: (() => void)[] = [];
  /** The first bytes of every envelope this node packs (see {@link ownEnvelopePrefix}). */
  readonly #ownPrefix: Buffer | null;
  /** This node's word that it listens on a room: the same bytes on every room's channel. */
  readonly #listening: Buffer;
  #connectedOnce = false;

  constructor(
    url: string,
    private readonly nodeId: string,
    private readonly log: Logger,
  ) {
    this.#ownPrefix = ownEnvelopePrefix(nodeId);
    this.#listening = packr.pack({ node: nodeId, listening: true } satisfies Listening);
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
      // Word that another node began to listen may have been lost while away: speak on every room.
      for (const listener of this.#listeners.values()) listener.quiet = false;
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

  async subscribe(
    roomId: string,
    onEvents: (events: readonly StoredEvent[]) => void,
    onStoredUpTo: (seq: number) => void,
  ): Promise<void> {
    this.#listeners.set(roomId, { onEvents, onStoredUpTo, announced: 0, quiet: false });
    await this.#sub.subscribe(channelOf(roomId));
    // Any node holding the room quietly answers with the seq it stored up to (see the class).
    await this.#pub.publish(channelOf(roomId), this.#listening).catch((error: unknown) => {
      this.log.warn({ err: error, roomId }, 'could not say this node listens');
    });
  }

  unsubscribe(roomId: string): void {
    this.#listeners.delete(roomId);
    this.#sub.unsubscribe(channelOf(roomId)).catch(() => undefined);
  }

  /**
   * Publishes the room's events, unless the room is quiet on the bus (see the class): then only
   * their seq is kept. Resolves once Redis answered, never rejects.
   */
  announce(roomId: string, events: readonly StoredEvent[]): Promise<void> {
    const last = events.at(-1);
    if (last === undefined) return Promise.resolve();
    const listener = this.#listeners.get(roomId);
    if (listener !== undefined) {
      listener.announced = Math.max(listener.announced, last.seq);
      if (listener.quiet) return Promise.resolve();
    }
    return this.#publish(roomId, packr.pack({ node: this.nodeId, events } satisfies Envelope));
  }

  /** Publishes an announcement on the room's channel, and reads from the count whether it is quiet. */
  #publish(roomId: string, message: Buffer): Promise<void> {
    const heard = this.#heardFromOthers;
    // A lost announcement is repaired by the receivers' gap detection; never fail a stored command for it.
    return this.#pub.publish(channelOf(roomId), message).then(
      (receivers) => {
        // This node's own subscription is one of them, unless it let go of the room meanwhile.
        // A count taken before another node's word arrived may not count that node yet.
        const listener = this.#listeners.get(roomId);
        if (listener !== undefined) listener.quiet = receivers <= 1 && heard === this.#heardFromOthers;
      },
      (error: unknown) => {
        const listener = this.#listeners.get(roomId);
        if (listener !== undefined) listener.quiet = false;
        this.log.warn({ err: error, roomId }, 'announce failed');
      },
    );
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
    const listener = this.#listeners.get(roomId);
    if (listener === undefined || this.#isOwn(message)) return;
    let envelope: Partial<Envelope & StoredUpTo & Listening>;
    try {
      envelope = packr.unpack(message) as Partial<Envelope & StoredUpTo & Listening>;
    } catch (error) {
      this.log.warn({ err: error, roomId }, 'undecodable bus message');
      return;
    }
    if (envelope.node === this.nodeId) return;
    this.#heardFromOthers++;
    if (listener.quiet) this.#speakAgain(roomId, listener);
    const { events, seq } = envelope;
    if (Array.isArray(events)) listener.onEvents(events);
    else if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0) listener.onStoredUpTo(seq);
  }

  /**
   * Another node listens on a room this node held quietly: tell it the seq stored meanwhile (it
   * reads those events from the log), and publish the room's events again from now on.
   */
  #speakAgain(roomId: string, listener: RoomListener): void {
    listener.quiet = false;
    const seq = listener.announced;
    void this.#publish(roomId, packr.pack({ node: this.nodeId, seq } satisfies StoredUpTo));
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
 * The bytes every message from `nodeId` starts with (its events, the seq it stored up to, or word
 * that it listens): a two-entry map whose first key is `node`, and its value. Checked against each
 * kind, packed, so that a change in how msgpackr lays out a map falls back to decoding every
 * message (`null`) rather than to dropping other nodes' events. Events go in the same envelope as
 * before, for nodes of the previous release; the seq alone, and word that a node listens, are
 * messages they ignore (the first they repair as a lost announcement).
 */
export function ownEnvelopePrefix(nodeId: string): Buffer | null {
  const withNode = packr.pack({ node: nodeId });
  const envelope = packr.pack({ node: nodeId, events: [] } satisfies Envelope);
  const storedUpTo = packr.pack({ node: nodeId, seq: 1 } satisfies StoredUpTo);
  const listening = packr.pack({ node: nodeId, listening: true } satisfies Listening);
  // A fixmap of one entry (0x81) becomes one of two (0x82); what follows is the `node` entry.
  if (withNode[0] !== 0x81) return null;
  const prefix = Buffer.concat([Buffer.from([0x82]), withNode.subarray(1)]);
  const startsWith = (message: Buffer) => message.subarray(0, prefix.length).equals(prefix);
  return startsWith(envelope) && startsWith(storedUpTo) && startsWith(listening) ? prefix : null;
}

const CHANNEL_PREFIX = 'pokerroom:room:';
const channelOf = (roomId: string) => `${CHANNEL_PREFIX}${roomId}`;
