import { applyEvent, snapshotOf, stateFromWelcome } from '@pokerroom/client';
import { type ClientMessage, ERROR_CODES, encode, type RoomSnapshot } from '@pokerroom/protocol';
import { Packr } from 'msgpackr';
import { ProtocolClient } from './protocol-client.js';

/** What a fuzz run needs: a running server and a key of its REST API. */
export interface FuzzOptions {
  readonly url: string;
  readonly key: string;
  /** Frames to send in all. */
  readonly frames: number;
  /** Rooms under fuzz, each with its own fuzzing connections and an observer. */
  readonly rooms: number;
  /** Fuzzing connections at once per room. */
  readonly connectionsPerRoom: number;
  /**
   * Participants each room's fuzzing connections take turns as (default 48): the server limits
   * each participant, so a run's pace is at most about 20 frames a second per identity.
   */
  readonly identitiesPerRoom?: number;
  readonly seed: number;
  /** Called now and then with the frames sent so far. */
  readonly progress?: (sent: number) => void;
}

/** What a fuzz run saw. A run passes when every list of violations is empty. */
export interface FuzzReport {
  readonly framesSent: number;
  readonly seconds: number;
  readonly connections: number;
  readonly errorFrames: number;
  /** Fuzzed frames the server answered (ack or error); the rest reached connections it had closed. */
  readonly answered: number;
  /** Error codes answered, by code. */
  readonly codes: Readonly<Record<string, number>>;
  /** Close codes the server closed fuzzing connections with, by code. */
  readonly closes: Readonly<Record<string, number>>;
  /** Server frames that failed the protocol's own decoder, or errors without a known code. */
  readonly badAnswers: number;
  /** Rooms whose state, folded from the events an observer saw, differs from a fresh welcome. */
  readonly inconsistentRooms: readonly string[];
  /** An honest client voting in another room meanwhile: latency of its acks, in ms. */
  readonly honest: {
    readonly votes: number;
    readonly failed: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
  };
}

const packr = new Packr({ useRecords: false });

/** A small seeded generator (mulberry32): the same seed gives the same sequence, so a run replays. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID: ClientMessage[] = [
  { v: 1, t: 'vote.cast', id: 1, d: { card: '5' } },
  { v: 1, t: 'vote.retract', id: 2, d: {} },
  { v: 1, t: 'round.start', id: 3, d: {} },
  { v: 1, t: 'round.reveal', id: 4, d: {} },
  { v: 1, t: 'story.add', id: 5, d: { title: 'Fuzzed story', description: 'd' } },
  { v: 1, t: 'room.update', id: 6, d: { name: 'Fuzzed', settings: { autoReveal: true, anonymous: false } } },
  { v: 1, t: 'participant.rename', id: 7, d: { name: 'Fuzzer' } },
  { v: 1, t: 'reaction.send', id: 8, d: { emoji: '🎉' } },
  { v: 1, t: 'timer.start', id: 9, d: { seconds: 30 } },
  { v: 1, t: 'ping', id: 10, d: {} },
];
const VALID_FRAMES = VALID.map((message) => encode(message));
const TYPES = VALID.map((message) => message.t);
const EXTENSIONS = ['d40000', 'd6ff00000000', 'c7017200', 'd50100', 'c1'].map((hex) =>
  Buffer.from(hex, 'hex'),
);
const NASTY = [
  'a\u0000b',
  '\ud800',
  '\udc00x',
  'x'.repeat(5000),
  '',
  '__proto__',
  'constructor',
  '🎉'.repeat(20),
];

/** One hostile frame: random bytes, a mutated valid frame, a valid envelope with a random payload, … */
function hostileFrame(next: () => number): Uint8Array | string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const kind = Math.floor(next() * 10);
  const valid = pick(VALID_FRAMES);
  switch (kind) {
    case 0:
      return Uint8Array.from({ length: Math.floor(next() * 64) }, () => Math.floor(next() * 256));
    case 1:
    case 2: {
      const copy = valid.slice();
      for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++)
        copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
      return copy;
    }
    case 3:
      return packr.pack({ v: 1, t: pick(TYPES), id: Math.floor(next() * 1000), d: randomValue(next, 0) });
    case 4: {
      const raw = Buffer.from(valid);
      return Buffer.concat([raw.subarray(0, raw.length - 1), pick(EXTENSIONS)]);
    }
    case 5:
      return packr.pack({ v: 1, t: pick(NASTY), id: 1, d: {} });
    case 6:
      return valid.subarray(0, Math.floor(next() * valid.length));
    case 7:
      return next() < 0.001 ? new Uint8Array(70_000) : '{"v":1,"t":"ping","id":1,"d":{}}';
    default:
      return valid;
  }
}

function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 6 : 8));
  if (kind === 0) return null;
  if (kind === 1) return next() < 0.5;
  if (kind === 2) return Math.floor((next() - 0.5) * 2 ** 40);
  if (kind === 3) return next() * 1e6;
  if (kind === 4 || kind === 5) return NASTY[Math.floor(next() * NASTY.length)] ?? 'x';
  if (kind === 6) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const keys = [
    'card',
    'title',
    'name',
    'storyId',
    'participantId',
    'settings',
    'autoReveal',
    'role',
    'seconds',
    'x',
  ];
  return Object.fromEntries(
    Array.from({ length: Math.floor(next() * 4) }, () => [
      keys[Math.floor(next() * keys.length)] ?? 'x',
      randomValue(next, depth + 1),
    ]),
  );
}

async function post(options: FuzzOptions, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${options.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const tokens = new Map<string, Promise<Record<string, unknown>>>();

/** A connection of this participant, with a token minted once per participant. */
async function client(
  options: FuzzOptions,
  roomId: string,
  name: string,
  role: string,
): Promise<ProtocolClient> {
  const key = `${options.url} ${roomId} ${name}`;
  let minted = tokens.get(key);
  if (minted === undefined) {
    minted = post(options, `/v1/rooms/${roomId}/tokens`, { name, role, externalUserId: name });
    tokens.set(key, minted);
  }
  const t = await minted;
  return ProtocolClient.connect(String(t.wsUrl), String(t.token));
}

/** Acks and errors a connection received so far (counted on from where the last call stopped). */
function answers(c: ProtocolClient, counted: { index: number; answers: number }): number {
  for (; counted.index < c.messages.length; counted.index++) {
    const t = c.messages[counted.index]?.t;
    if (t === 'ack' || t === 'error') counted.answers++;
  }
  return counted.answers;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);

/** The room as an observer's events made it, next to the room a fresh welcome shows. */
function differs(folded: RoomSnapshot, fresh: RoomSnapshot): boolean {
  return JSON.stringify(folded) !== JSON.stringify(fresh);
}

/**
 * Sends hostile frames to rooms of a running server from many connections, while an honest client
 * votes in another room; then checks that every answer was a coded error frame and that each fuzzed
 * room, as its observer's events built it, equals a fresh welcome.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const next = random(options.seed);
  const started = performance.now();
  const codes: Record<string, number> = {};
  const closes: Record<string, number> = {};
  let framesSent = 0;
  let errorFrames = 0;
  let answered = 0;
  let badAnswers = 0;
  let connections = 0;
  const account = (c: ProtocolClient) => {
    badAnswers += c.undecodable.length;
    for (const message of c.messages) {
      if (message.t === 'ack') answered++;
      if (message.t !== 'error') continue;
      answered++;
      errorFrames++;
      if (!Object.hasOwn(ERROR_CODES, message.d.code)) badAnswers++;
      codes[message.d.code] = (codes[message.d.code] ?? 0) + 1;
    }
    if (c.closeCode !== null) closes[c.closeCode] = (closes[c.closeCode] ?? 0) + 1;
  };

  // The honest client's room, and the fuzzed rooms with an observer each.
  const honestRoom = String((await post(options, '/v1/rooms', { name: 'Honest' })).id);
  const honest = await client(options, honestRoom, 'honest', 'facilitator');
  await honest.send('round.start', {});
  const rooms = await Promise.all(
    Array.from({ length: options.rooms }, async (_, r) => {
      const id = String((await post(options, '/v1/rooms', { name: `Fuzz ${r}` })).id);
      const observer = await client(options, id, `observer-${r}`, 'observer');
      return { id, observer };
    }),
  );

  let done = false;
  const latencies: number[] = [];
  let honestFailed = 0;
  const honestLoop = (async () => {
    for (let i = 0; !done; i++) {
      const at = performance.now();
      const answer = await honest
        .send('vote.cast', { card: i % 2 === 0 ? '3' : '5' }, 15_000)
        .catch(() => null);
      if (answer?.ok) latencies.push(performance.now() - at);
      else honestFailed++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();

  // Each fuzzing connection sends until the server closes it, then the next identity takes over;
  // identities rotate, since one participant reconnecting in a loop is rate limited.
  const perConnection = Math.ceil(options.frames / (options.rooms * options.connectionsPerRoom));
  const identities = options.identitiesPerRoom ?? 48;
  await Promise.all(
    rooms.flatMap((room, r) =>
      Array.from({ length: options.connectionsPerRoom }, async (_, k) => {
        let sent = 0;
        for (let n = 0; sent < perConnection; n++) {
          const identity = `fuzz-${r}-${(k + n * options.connectionsPerRoom) % identities}`;
          const role = n % 3 === 0 ? 'facilitator' : 'voter';
          const fuzzer = await client(options, room.id, identity, role).catch(() => null);
          if (fuzzer === null) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          connections++;
          const counted = { index: 0, answers: 0 };
          let sentHere = 0;
          while (fuzzer.closeCode === null && sent < perConnection) {
            // At most 4 frames unanswered: frames reach a connection the server still reads,
            // instead of piling up behind the close it already decided.
            if (sentHere - answers(fuzzer, counted) >= 4 || fuzzer.socket.bufferedAmount > 256 * 1024) {
              await new Promise((resolve) => setTimeout(resolve, 1));
              continue;
            }
            sentHere++;
            fuzzer.sendRaw(hostileFrame(next));
            sent++;
            framesSent++;
            if (framesSent % 20_000 === 0) options.progress?.(framesSent);
            if (sent % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
          }
          await fuzzer.close();
          account(fuzzer);
        }
      }),
    ),
  );
  done = true;
  await honestLoop;
  const seconds = (performance.now() - started) / 1000;

  // Consistency: the observer's folded events against a fresh welcome, once the room is quiet.
  const inconsistentRooms: string[] = [];
  for (const room of rooms) {
    const fresh = await client(options, room.id, `auditor-${room.id}`, 'observer');
    const at = fresh.welcome.seq;
    if (at > room.observer.welcome.seq) await room.observer.waitFor((m) => 'seq' in m && m.seq >= at, 15_000);
    // Folded up to the fresh welcome's seq exactly: later events (presence) are not in it.
    let state = stateFromWelcome(room.observer.welcome, 'connected', 0);
    for (const event of room.observer.events) {
      if (event.seq > state.seq && event.seq <= at) state = applyEvent(state, event);
    }
    if (differs(snapshotOf(state), fresh.welcome.room)) inconsistentRooms.push(room.id);
    account(room.observer);
    await Promise.all([fresh.close(), room.observer.close()]);
  }
  await honest.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    framesSent,
    seconds,
    connections,
    errorFrames,
    answered,
    codes,
    closes,
    badAnswers,
    inconsistentRooms,
    honest: {
      votes: latencies.length,
      failed: honestFailed,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    },
  };
}
