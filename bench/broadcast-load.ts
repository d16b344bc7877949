/**
 * The load generator of the broadcast benchmark, in its own process so that the servers are
 * measured alone: opens the sockets (ws for raw uWebSockets.js and for ours, socket.io-client for
 * Socket.IO), spread over several 127.0.0.x source addresses, and drives the broadcasts on the
 * parent's requests over IPC. Counts every broadcast frame that arrives.
 */
import { Unpackr } from 'msgpackr';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { encode } from '../packages/protocol/src/index.js';
import { type Request, serve } from './broadcast-ipc.js';

type Kind = 'uws' | 'ours' | 'socketio';
type Mode = 'vote' | 'reaction';

/** One socket to open: its URL (with token, for ours) and the room it belongs to. */
export interface Target {
  readonly url: string;
  readonly room: number;
  /** Ours: the token is a facilitator's, who opens the rounds. */
  readonly facilitator?: boolean;
}

interface Member {
  readonly room: number;
  /** Its place in the room, once open; -1 before. */
  index: number;
  readonly facilitator: boolean;
  participantId: string;
  nextId: number;
  cards: number;
  send(mode: Mode): void;
  /** Sends any command (ours only). */
  command(frame: Record<string, unknown>): void;
  close(): void;
  closed: Promise<void>;
  pending: Map<number, (ok: boolean, code?: string) => void>;
}

/** Source addresses: one source IP has only ~28k ephemeral ports. */
const SOURCES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });
const FIXED_PARTICIPANT = 'p_0123456789abcdefghijkl';
/** For raw uWebSockets.js: a frame the size of our vote.cast event, published as it is. */
const RAW_FRAME = encode({ v: 1, t: 'vote.cast', seq: 1234, d: { participantId: FIXED_PARTICIPANT } });
const CARDS = ['3', '5'];

let kind: Kind = 'uws';
let closing = false;
const rooms: Member[][] = [];
let total = 0;
const counts = {
  delivered: 0,
  acks: 0,
  errors: {} as Record<string, number>,
  closes: {} as Record<string, number>,
  lastDeliveryAt: 0,
};
/** Per room, the send times of broadcasts not yet seen by the room's first member. */
let inFlight: number[][] = [];
let latencies: number[] = [];
let measuring: Mode | null = null;

function countError(code: string) {
  counts.errors[code] = (counts.errors[code] ?? 0) + 1;
}

function delivered(member: Member) {
  if (measuring === null) return;
  counts.delivered++;
  counts.lastDeliveryAt = performance.now();
  if (member.index === 0) {
    const sentAt = inFlight[member.room]?.shift();
    if (sentAt !== undefined) latencies.push(counts.lastDeliveryAt - sentAt);
  }
}

function onClose(code: string) {
  if (!closing) counts.closes[code] = (counts.closes[code] ?? 0) + 1;
}

/** A member joins its room's list once its socket is open (and, for ours, welcomed). */
function admit(member: Member): Member {
  const list = rooms[member.room] ?? [];
  rooms[member.room] = list;
  member.index = list.length;
  list.push(member);
  return member;
}

function openWs(target: Target, source: string): Promise<Member> {
  const socket = new WebSocket(target.url, kind === 'ours' ? 'pokerroom.v1' : [], {
    localAddress: source,
    perMessageDeflate: false,
    handshakeTimeout: 30_000,
  });
  socket.binaryType = 'nodebuffer';
  let resolveClosed: () => void = () => {};
  const member: Member = {
    room: target.room,
    index: -1,
    facilitator: target.facilitator === true,
    participantId: FIXED_PARTICIPANT,
    nextId: 1,
    cards: 0,
    pending: new Map(),
    closed: new Promise((resolve) => {
      resolveClosed = resolve;
    }),
    send(mode) {
      if (kind === 'uws') {
        socket.send(RAW_FRAME);
        return;
      }
      const id = this.nextId++;
      const frame =
        mode === 'vote'
          ? { v: 1, t: 'vote.cast', id, d: { card: CARDS[this.cards++ % CARDS.length] } }
          : { v: 1, t: 'reaction.send', id, d: { emoji: '🎉' } };
      socket.send(encode(frame as Parameters<typeof encode>[0]));
    },
    command(frame) {
      socket.send(encode(frame as Parameters<typeof encode>[0]));
    },
    close() {
      socket.close(1000);
    },
  };
  return new Promise((resolve, reject) => {
    let welcomed = kind !== 'ours';
    socket.on('message', (data: Buffer) => {
      if (kind === 'uws') {
        delivered(member);
        return;
      }
      const message = unpackr.unpack(data) as { t: string; seq?: number; d: Record<string, unknown> };
      switch (message.t) {
        case 'welcome': {
          welcomed = true;
          member.participantId = String((message.d.you as { id: string }).id);
          resolve(admit(member));
          return;
        }
        case 'ack': {
          if (measuring !== null) counts.acks++;
          const id = Number(message.d.id);
          member.pending.get(id)?.(true);
          member.pending.delete(id);
          return;
        }
        case 'error': {
          const code = String(message.d.code);
          if (measuring !== null) countError(code);
          const id = Number(message.d.id);
          member.pending.get(id)?.(false, code);
          member.pending.delete(id);
          return;
        }
        case 'vote.cast':
          if (measuring === 'vote' && message.seq !== undefined) delivered(member);
          return;
        case 'reaction':
          if (measuring === 'reaction') delivered(member);
          return;
        default:
      }
    });
    socket.on('open', () => {
      if (welcomed) resolve(admit(member));
    });
    socket.on('error', (error) => {
      countError(`socket: ${error.message.slice(0, 80)}`);
      reject(error);
    });
    socket.on('close', (code) => {
      onClose(String(code));
      resolveClosed();
      reject(new Error(`closed ${code} before the welcome`));
    });
  });
}

function openSocketIo(target: Target, source: string): Promise<Member> {
  const socket: Socket = io(target.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 30_000,
    query: { room: String(target.room) },
    localAddress: source,
    perMessageDeflate: false,
  } as unknown as Parameters<typeof io>[1]);
  let resolveClosed: () => void = () => {};
  const member: Member = {
    room: target.room,
    index: -1,
    facilitator: target.facilitator === true,
    participantId: FIXED_PARTICIPANT,
    nextId: 1,
    cards: 0,
    pending: new Map(),
    closed: new Promise((resolve) => {
      resolveClosed = resolve;
    }),
    send() {
      socket.emit('vote', { participantId: FIXED_PARTICIPANT, card: CARDS[this.cards++ % CARDS.length] });
    },
    command() {
      throw new Error('Socket.IO members only vote');
    },
    close() {
      socket.close();
    },
  };
  socket.on('vote.cast', () => delivered(member));
  socket.on('disconnect', (reason) => {
    onClose(reason);
    resolveClosed();
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(admit(member)));
    socket.once('connect_error', (error) => {
      countError(`connect_error: ${error.message.slice(0, 80)}`);
      resolveClosed();
      reject(error);
    });
  });
}

async function connect(request: Request) {
  kind = request.kind as Kind;
  const targets = request.targets as Target[];
  const concurrency = Number(request.concurrency ?? 200);
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next] as Target;
      const source = SOURCES[(total + next) % SOURCES.length] as string;
      next++;
      try {
        await (kind === 'socketio' ? openSocketIo(target, source) : openWs(target, source));
      } catch (error) {
        failed++;
        const reason = error instanceof Error ? error.message.slice(0, 100) : String(error);
        failures[reason] = (failures[reason] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  total += targets.length;
  return { opened: targets.length - failed, failed, failures, seconds: (performance.now() - started) / 1000 };
}

/** Ours: the first member of rooms `from`…`rooms - 1` (the facilitator) opens a round, so votes can be cast. */
async function startRounds(request: Request) {
  const count = Number(request.rooms);
  const from = Number(request.from ?? 0);
  const outcomes: Record<string, number> = {};
  await Promise.all(
    rooms
      .slice(from, count)
      .filter((list) => list !== undefined)
      .map(
        (members) =>
          new Promise<void>((resolve) => {
            const facilitator = members.find((member) => member.facilitator);
            if (facilitator === undefined) return resolve();
            const id = facilitator.nextId++;
            const timer = setTimeout(() => {
              outcomes.timeout = (outcomes.timeout ?? 0) + 1;
              resolve();
            }, 20_000);
            facilitator.pending.set(id, (ok, code) => {
              clearTimeout(timer);
              const key = ok ? 'ok' : (code ?? 'error');
              outcomes[key] = (outcomes[key] ?? 0) + 1;
              resolve();
            });
            facilitator.command({ v: 1, t: 'round.start', id, d: {} });
          }),
      ),
  );
  return outcomes;
}

/**
 * Sends `perRoom` commands to each of the first `rooms` rooms, spread evenly over `seconds` and
 * rotating the sender over the room's members; then waits until every member has received every
 * broadcast, or `timeoutMs`.
 */
async function broadcast(request: Request) {
  const roomCount = Number(request.rooms);
  const perRoom = Number(request.perRoom);
  const seconds = Number(request.seconds);
  const timeoutMs = Number(request.timeoutMs ?? 30_000);
  const mode = request.mode as Mode;
  const active = rooms.slice(0, roomCount).filter((list) => list !== undefined && list.length > 0);
  const members = active.reduce((sum, list) => sum + list.length, 0);
  counts.delivered = 0;
  counts.acks = 0;
  counts.errors = {};
  counts.closes = {};
  latencies = [];
  inFlight = Array.from({ length: rooms.length }, () => []);
  measuring = mode;
  const totalSends = active.length * perRoom;
  const spacing = (seconds * 1000) / totalSends;
  const started = performance.now();
  let sent = 0;
  let expected = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(totalSends, Math.floor((performance.now() - started) / spacing) + 1);
      while (sent < due) {
        const list = active[sent % active.length] as Member[];
        const member = list[Math.floor(sent / active.length) % list.length] as Member;
        inFlight[member.room]?.push(performance.now());
        member.send(mode);
        expected += list.length;
        sent++;
      }
      if (sent >= totalSends) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  const sendSeconds = (performance.now() - started) / 1000;
  const deadline = performance.now() + timeoutMs;
  while (counts.delivered < expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Ours: acks of the last commands may trail their broadcast by a moment.
  if (kind === 'ours') {
    const ackDeadline = performance.now() + 2000;
    const answered = () => counts.acks + Object.values(counts.errors).reduce((a, b) => a + b, 0);
    while (answered() < sent && performance.now() < ackDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  measuring = null;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    members,
    sent,
    expected,
    delivered: counts.delivered,
    acks: counts.acks,
    errors: counts.errors,
    closes: counts.closes,
    sendSeconds,
    seconds: (counts.lastDeliveryAt - started) / 1000,
    latencyMs: { p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 },
  };
}

async function closeAll() {
  closing = true;
  const all = rooms.flat();
  for (const member of all) member.close();
  await Promise.race([
    Promise.all(all.map((member) => member.closed)),
    new Promise((resolve) => setTimeout(resolve, 15_000)),
  ]);
  return { closed: all.length, unexpectedCloses: counts.closes };
}

/** Closes seen so far outside of `close` (the server dropped a socket). */
function status() {
  const open = rooms.flat().length;
  return { sockets: open, closes: counts.closes, errors: counts.errors };
}

serve({
  connect,
  startRounds,
  broadcast,
  close: closeAll,
  status,
});
