/**
 * Poker Room load test: Artillery's processor for the WebSocket engine (`engine: ws`). One Artillery
 * virtual user is one participant on its own WebSocket; every participant of every room lives in
 * the same worker (the script's single `arrivalCount` phase keeps them together), so a room's
 * members share its state here: who is connected, which reveal is in flight, what was delivered.
 *
 * The timeline is the plan's "waves" (`loadtest/setup.ts`), in wall-clock time shared by every room:
 *
 * - steady: every room plays a round every few seconds (the rooms staggered over the period): the
 *   facilitator starts it, every participant votes once at a random moment, the facilitator reveals;
 * - storm: every room opens a round, then every participant of every room votes within one second;
 * - spike: every room's votes are in, then every facilitator reveals at the same instant.
 *
 * Frames are MessagePack made and read with `@pokerroom/protocol`, sent binary on the engine's
 * connection (`context.ws`). Figures go to Artillery as custom metrics, all named `pokerroom.*`:
 * histograms (ack latency, reveal to everyone, …) and counters (errors by phase and by code,
 * deliveries, lost deliveries), which the script's `ensure` checks and the runner's report read.
 *
 * Environment: LOADTEST_PLAN and LOADTEST_ROOMS, absolute paths of the two files the runner wrote;
 * LOADTEST_LOCAL_IPS, the source addresses the connections are spread over.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeServerMessage, encode } from '../../packages/protocol/src/index.js';
import type { Plan, RoomSpec, Scenario } from '../setup.js';

// ---------------------------------------------------------------- Artillery's side

/** What Artillery's metrics take: `counter` adds to a count, `histogram` records a value. */
interface Events {
  emit(kind: 'counter' | 'histogram', name: string, value: number): void;
}

/** The WebSocket of Artillery's engine (the `ws` package, v7). */
interface EngineSocket {
  readonly url: string;
  readonly readyState: number;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[] | string) => void): void;
  on(event: 'close', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  send(data: Uint8Array): void;
  close(): void;
}

/** The engine's connection arguments, which `connect` fills in for each participant. */
interface ConnectArgs {
  target: string;
  subprotocols: string[];
  options: Record<string, unknown>;
}

interface Context {
  readonly vars: Record<string, unknown>;
  ws?: EngineSocket;
}

type Done = (error?: Error) => void;

// ---------------------------------------------------------------- the plan

const plan = JSON.parse(readFileSync(required('LOADTEST_PLAN'), 'utf8')) as Plan;
const roomSpecs = JSON.parse(readFileSync(required('LOADTEST_ROOMS'), 'utf8')) as RoomSpec[];
const localIps = expandIps(process.env.LOADTEST_LOCAL_IPS ?? '127.0.0.1');

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set: run this through npm run loadtest`);
  return value;
}

/** `127.0.0.2-127.0.0.9` → every address of the range (the last byte varies). */
function expandIps(range: string): string[] {
  const [from, to = from] = range.split('-') as [string, string?];
  const prefix = from.slice(0, from.lastIndexOf('.') + 1);
  const first = Number(from.slice(prefix.length));
  const last = Number(to.slice(to.lastIndexOf('.') + 1));
  return Array.from({ length: Math.max(1, last - first + 1) }, (_, i) => `${prefix}${first + i}`);
}

// ---------------------------------------------------------------- metrics

let events: Events | null = null;
const count = (name: string, n = 1) => events?.emit('counter', `pokerroom.${name}`, n);
const record = (name: string, ms: number) => events?.emit('histogram', `pokerroom.${name}`, ms);

/** Counters the `ensure` checks read exist from the start, so that "none" reads as 0. */
function zeroCounters(): void {
  for (const name of ['errors', 'lost_deliveries', 'connected', ...plan.phaseNames.map((p) => `${p}.errors`)])
    count(name, 0);
}

/** The phase the timeline is in at `now` (for errors), or `connect` before it starts. */
function phaseAt(now: number): Scenario | 'connect' {
  let phase: Scenario | 'connect' = 'connect';
  for (const wave of plan.waves) if (now >= wave.startAt) phase = wave.phase;
  return phase;
}

/** Errors by code: the server's error codes, `close_<code>` for closes, and this script's own. */
function error(code: string, phase: Scenario | 'connect' = phaseAt(Date.now())): void {
  count('errors');
  count(`${phase}.errors`);
  count(`errors_by_code.${code}`);
}

/** Runs `fn` at wall-clock time `time` (at once if that has passed), recording how late it ran. */
function at(time: number, fn: () => void): void {
  setTimeout(
    () => {
      record('timer_lag', Math.max(0, Date.now() - time));
      fn();
    },
    Math.max(0, time - Date.now()),
  );
}

// ---------------------------------------------------------------- participants and rooms

type Kind = 'vote' | 'start' | 'reveal' | 'ping';

interface Pending {
  readonly kind: Kind;
  readonly sentAt: number;
  readonly phase: Scenario | 'connect';
}

class Member {
  ws: EngineSocket | null = null;
  welcomed = false;
  closing = false;
  connectAt = 0;
  openedAt = 0;
  /** Commands sent so far, per kind: the next one's id is `firstIds[kind] + used[kind]`. */
  readonly used: Record<Kind, number> = { vote: 0, start: 0, reveal: 0, ping: 0 };
  /** Commands sent and not answered yet, by id. */
  readonly pending = new Map<number, Pending>();
  constructor(
    readonly room: Room,
    readonly url: string,
    readonly facilitator: boolean,
    readonly variant: 0 | 1,
  ) {}

  /** The engine's socket is open: listen to it from its first frame on. */
  attach(ws: EngineSocket): void {
    this.ws = ws;
    this.openedAt = Date.now();
    record('upgrade', this.openedAt - this.connectAt);
    ws.on('message', (data) => this.onMessage(data));
    ws.on('error', () => {
      if (!this.closing) error('socket_error');
    });
    ws.on('close', (code) => {
      const wasWelcomed = this.welcomed;
      this.welcomed = false;
      if (!this.closing) error(wasWelcomed ? `close_${code}` : 'connect_failed');
      this.room.left(this);
    });
  }

  onMessage(data: Buffer | ArrayBuffer | Buffer[] | string): void {
    if (typeof data === 'string') {
      error('text_frame');
      return;
    }
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : data;
    let message: ReturnType<typeof decodeServerMessage>;
    try {
      message = decodeServerMessage(bytes);
    } catch {
      error('unreadable_frame');
      return;
    }
    switch (message.t) {
      case 'vote.cast':
        this.room.deliveries.votes++;
        return;
      case 'round.revealed':
        this.room.deliveries.reveals++;
        this.room.revealed(this);
        return;
      case 'welcome':
        if (!this.welcomed) {
          this.welcomed = true;
          count('connected');
          record('connect', Date.now() - this.openedAt);
        }
        return;
      case 'ack':
        this.answered(message.d.id, null);
        return;
      case 'error':
        this.answered(message.d.id, message.d.code);
        return;
      default:
        return; // other room events (round.started, participant.*): not measured
    }
  }

  answered(id: number | undefined, code: string | null): void {
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || pending === undefined) {
      // An error about the connection itself (no id), or an answer to nothing we sent.
      error(code ?? 'unexpected_ack');
      return;
    }
    this.pending.delete(id);
    if (code !== null) {
      error(code, pending.phase);
      if (pending.kind === 'reveal') this.room.revealFailed();
      return;
    }
    const ms = Date.now() - pending.sentAt;
    if (pending.kind === 'vote') {
      record('vote_ack', ms);
      record(`${pending.phase}.vote_ack`, ms);
      count(`${pending.phase}.votes_acked`);
      // The server broadcasts every stored vote to the whole room, the voter included.
      this.room.deliveries.votesExpected += this.room.connectedCount();
    } else {
      record(`command_ack.${pending.kind}`, ms);
      if (pending.kind === 'reveal') this.room.deliveries.revealsExpected += this.room.connectedCount();
    }
  }

  /** Sends the next command of `kind`, encoded with the protocol package; false if it could not. */
  send(kind: Kind, phase: Scenario | 'connect'): boolean {
    const ws = this.ws;
    if (!this.welcomed || ws === null) {
      error('not_connected', phase);
      return false;
    }
    const n = this.used[kind]++;
    const id = plan.firstIds[kind] + n;
    this.pending.set(id, { kind, sentAt: Date.now(), phase });
    ws.send(frame(kind, id, n, this.variant));
    return true;
  }

  close(): void {
    this.closing = true;
    for (const pending of this.pending.values()) error('unanswered', pending.phase);
    this.pending.clear();
    if (this.ws !== null && this.ws.readyState === 1) this.ws.close();
  }
}

/** The `n`th frame of `kind`; votes alternate between `3` and `5`, starting with `3` or `5`. */
function frame(kind: Kind, id: number, n: number, variant: 0 | 1): Uint8Array {
  switch (kind) {
    case 'vote':
      return encode({ v: 1, t: 'vote.cast', id, d: { card: (n + variant) % 2 === 0 ? '3' : '5' } });
    case 'start':
      return encode({ v: 1, t: 'round.start', id, d: {} });
    case 'reveal':
      return encode({ v: 1, t: 'round.reveal', id, d: {} });
    case 'ping':
      return encode({ v: 1, t: 'ping', id, d: {} });
  }
}

interface Reveal {
  readonly sentAt: number;
  readonly phase: Scenario;
  readonly waiting: Set<Member>;
}

class Room {
  /** Where this room falls in a wave's spread: rooms are staggered evenly over it. */
  readonly fraction: number;
  readonly members: Member[];
  readonly facilitator: Member;
  reveal: Reveal | null = null;
  /** `vote.cast` and `round.revealed` received by its members, and what the acks should have produced. */
  readonly deliveries = { votes: 0, votesExpected: 0, reveals: 0, revealsExpected: 0 };

  constructor(index: number, spec: RoomSpec) {
    this.fraction = index / plan.rooms;
    this.members = spec.members.map((m) => new Member(this, m.url, m.facilitator, m.variant));
    this.facilitator = this.members.find((m) => m.facilitator) ?? (this.members[0] as Member);
  }

  connectedCount(): number {
    let n = 0;
    for (const member of this.members) if (member.welcomed) n++;
    return n;
  }

  /** Plays wave `w` of the plan, then schedules wave `w + 1`. */
  play(w: number): void {
    const wave = plan.waves[w];
    if (wave === undefined) return;
    const startAt = wave.startAt + this.fraction * wave.startSpread;
    const base = wave.relative ? startAt : 0;
    at(startAt, () => {
      this.finishReveal();
      this.facilitator.send('start', wave.phase);
    });
    for (const member of this.members) {
      at(base + wave.votesAt + Math.random() * wave.votesSpan, () => member.send('vote', wave.phase));
    }
    at(base + wave.revealAt + this.fraction * wave.revealSpread, () => {
      this.finishReveal();
      const waiting = new Set(this.members.filter((m) => m.welcomed));
      if (this.facilitator.send('reveal', wave.phase)) {
        this.reveal = { sentAt: Date.now(), phase: wave.phase, waiting };
      }
      // The next wave is scheduled once this one is over, so few timers are pending at a time.
      this.play(w + 1);
    });
  }

  /** A member received round.revealed: once all have, the reveal's latency is known. */
  revealed(member: Member): void {
    const reveal = this.reveal;
    if (reveal === null || !reveal.waiting.delete(member)) return;
    if (reveal.waiting.size === 0) {
      const ms = Date.now() - reveal.sentAt;
      record('reveal_all', ms);
      record(`${reveal.phase}.reveal_all`, ms);
      this.reveal = null;
    }
  }

  /** A member left: it no longer counts towards a reveal in progress. */
  left(member: Member): void {
    if (this.reveal !== null) this.revealed(member);
  }

  revealFailed(): void {
    this.reveal = null;
  }

  /**
   * Closes the books on the previous reveal: if some members have not received it yet, it is late
   * (whether it arrived in the end shows in the delivery counts) and its latency is not measured.
   */
  finishReveal(): void {
    if (this.reveal !== null && this.reveal.waiting.size > 0) count(`${this.reveal.phase}.reveals_late`);
    this.reveal = null;
  }

  /** Events the acked commands should have brought to this room's members and did not. */
  lost(): number {
    const d = this.deliveries;
    return Math.max(0, d.votesExpected - d.votes) + Math.max(0, d.revealsExpected - d.reveals);
  }
}

const rooms = roomSpecs.map((spec, r) => new Room(r, spec));
const members = rooms.flatMap((room) => room.members);

// ---------------------------------------------------------------- the engine's socket, from its first frame

/**
 * The server's welcome can arrive in the same TCP segment as the upgrade's 101, and the engine
 * emits it before a flow step could listen. So the socket is taken over where the `ws` package
 * hands it its TCP socket (`setSocket`, which then emits `open`): the participant is found by the
 * URL it was given in `connect`, and listens from there on.
 */
const connecting = new Map<string, Member>();
{
  const engine = createRequire(createRequire(__filename).resolve('@artilleryio/int-core'));
  const WebSocket = engine('ws') as { prototype: { setSocket: (...args: unknown[]) => void } };
  const setSocket = WebSocket.prototype.setSocket;
  WebSocket.prototype.setSocket = function (this: EngineSocket, ...args: unknown[]) {
    const member = connecting.get(this.url);
    if (member !== undefined) {
      connecting.delete(this.url);
      member.attach(this);
    }
    return setSocket.apply(this, args);
  };
}

// ---------------------------------------------------------------- the timeline

let nextMember = 0;
let started = false;
let closed: Promise<void> | null = null;

/** Schedules every room's waves, every member's pings and the end, once (on the first arrival). */
function startTimeline(): void {
  started = true;
  for (const room of rooms) room.play(0);
  at(plan.startAt, () => {
    for (const member of members) if (!member.welcomed) error('no_welcome', 'connect');
  });
  // Keep-alive: each member pings every `pingEveryMs`, at its own offset, until the timeline ends.
  members.forEach((member, i) => {
    const ping = (time: number) => {
      if (time >= plan.endAt) return;
      at(time, () => {
        member.send('ping', phaseAt(time));
        ping(time + plan.pingEveryMs);
      });
    };
    ping(plan.startAt + ((i + 0.5) / members.length) * plan.pingEveryMs);
  });
  closed = new Promise((resolve) =>
    at(plan.closeAt, () => {
      let lost = 0;
      for (const room of rooms) {
        room.finishReveal();
        for (const member of room.members) member.close();
        lost += room.lost();
        const d = room.deliveries;
        count('deliveries.votes', d.votes);
        count('deliveries.votes_expected', d.votesExpected);
        count('deliveries.reveals', d.reveals);
        count('deliveries.reveals_expected', d.revealsExpected);
      }
      count('lost_deliveries', lost);
      resolve();
    }),
  );
}

/**
 * The flow's `connect` step: the next participant in order, its URL (with its token), the
 * protocol's subprotocol, and a source address from LOADTEST_LOCAL_IPS.
 */
export function connect(args: ConnectArgs, context: Context, done: Done): void {
  if (!started) startTimeline();
  const index = nextMember++;
  const member = members[index];
  if (member === undefined) {
    done(new Error(`more arrivals than participants (${members.length})`));
    return;
  }
  context.vars.member = index;
  member.connectAt = Date.now();
  if (Date.now() > plan.startAt - 1000) console.warn(`participant ${index} began after the connect window`);
  args.target = member.url;
  args.subprotocols = ['pokerroom.v1'];
  args.options = { ...args.options, localAddress: localIps[index % localIps.length] };
  connecting.set(member.url, member);
  done();
}

/** The flow's one step after `connect`: takes part in the timeline until the sockets close. */
export function play(context: Context, ee: Events, done: Done): void {
  if (events === null) {
    events = ee;
    zeroCounters();
  }
  void context;
  void (closed ?? Promise.resolve()).then(() => done());
}
