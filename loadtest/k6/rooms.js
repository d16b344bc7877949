/**
 * Poker Room load test (k6): rooms of participants on real WebSockets, driven through a timeline
 * of "waves" that `loadtest/run.ts` computes and writes to the plan file:
 *
 * - steady: every room plays a round every few seconds (the rooms staggered over the period):
 *   the facilitator starts it, every participant votes once at a random moment, the facilitator
 *   reveals;
 * - storm: every room opens a round, then every participant of every room votes within one second;
 * - spike: every room's votes are in, then every facilitator reveals at the same instant.
 *
 * k6 has no MessagePack library, so the runner pre-encodes every frame this script sends (with
 * `@pokerroom/protocol`'s `encode`) and passes them as base64 in the plan: one list per command
 * (votes in two variants whose cards alternate `3`, `5`, … or `5`, `3`, …), frame `n` carrying
 * request id `firstIds[kind] + n`. `msgpack.js` reads just the envelope of what the server sends.
 * The rooms file holds each participant's WebSocket URL (with its token), role and vote variant.
 *
 * One VU drives `roomsPerVu` rooms (one WebSocket per participant, all in the VU's event loop), so
 * thousands of connections need only tens of VUs. The timeline is in wall-clock time, shared by
 * every VU: the runner sets `startAt` late enough for every socket to connect first.
 *
 * Environment: LOADTEST_PLAN and LOADTEST_ROOMS, absolute paths of the two files the runner wrote.
 */
import { SharedArray } from 'k6/data';
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import { Counter, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import { readEnvelope } from './msgpack.js';

const plan = JSON.parse(open(__ENV.LOADTEST_PLAN));
const roomSpecs = new SharedArray('rooms', () => JSON.parse(open(__ENV.LOADTEST_ROOMS)));

/** The frames every member sends, decoded once per VU (sending does not change them). */
const b64 = (text) => encoding.b64decode(text, 'std');
const FRAMES = {
  vote: plan.frames.vote.map((list) => list.map(b64)),
  start: plan.frames.start.map(b64),
  reveal: plan.frames.reveal.map(b64),
  ping: plan.frames.ping.map(b64),
};

// ---------------------------------------------------------------- metrics

/** vote.cast sent → its ack, ms. Tagged with the phase. */
const voteAck = new Trend('pr_vote_ack', true);
/** round.reveal sent → the last connected member of the room received round.revealed, ms. */
const revealAll = new Trend('pr_reveal_all', true);
/** round.start, round.reveal and ping sent → their ack, ms. Tagged with the command. */
const commandAck = new Trend('pr_command_ack', true);
/** Socket opened → welcome received, ms. */
const connectTime = new Trend('pr_connect', true);
/** Errors by code: the server's error codes, close_<code> for closes, and the script's own. */
const errors = new Counter('pr_errors');
const votesAcked = new Counter('pr_votes_acked');
/** vote.cast events received by all members, and how many the acked votes should have produced. */
const voteDeliveries = new Counter('pr_vote_deliveries');
const voteDeliveriesExpected = new Counter('pr_vote_deliveries_expected');
const revealDeliveries = new Counter('pr_reveal_deliveries');
const revealDeliveriesExpected = new Counter('pr_reveal_deliveries_expected');
/** Reveals not yet received by every member when the room's next round began (late, not lost). */
const revealsLate = new Counter('pr_reveals_late');
/** How late this script's timers fire, ms: when it grows, the load generator itself is behind. */
const timerLag = new Trend('pr_timer_lag', true);
const connected = new Counter('pr_connected');

/** Thresholds: reported in the summary; the runner records a miss and does not fail on it. */
function thresholds() {
  const out = {
    pr_vote_ack: [`p(99)<${plan.thresholds.ackP99Ms}`],
    pr_reveal_all: [`p(99)<${plan.thresholds.revealP99Ms}`],
    pr_errors: ['count==0'],
    pr_timer_lag: ['p(99)<100'], // the load generator kept to its timeline
  };
  for (const phase of plan.phaseNames) {
    out[`pr_vote_ack{phase:${phase}}`] = [`p(99)<${plan.thresholds.ackP99Ms}`];
    out[`pr_reveal_all{phase:${phase}}`] = [`p(99)<${plan.thresholds.revealP99Ms}`];
  }
  for (const phase of ['connect', ...plan.phaseNames]) out[`pr_errors{phase:${phase}}`] = ['count==0'];
  // One sub-metric per code that can occur, so that the summary export counts errors by code.
  for (const code of plan.errorCodes) out[`pr_errors{code:${code}}`] = ['count==0'];
  for (const kind of ['start', 'reveal', 'ping']) out[`pr_command_ack{cmd:${kind}}`] = ['max>=0'];
  return out;
}

export const options = {
  scenarios: {
    rooms: {
      executor: 'per-vu-iterations',
      vus: plan.vus,
      iterations: 1,
      maxDuration: `${Math.ceil((plan.closeAt - plan.createdAt) / 1000) + 30}s`,
      gracefulStop: '10s',
    },
  },
  thresholds: thresholds(),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
};

// ---------------------------------------------------------------- the rooms of one VU

/** Local tallies, flushed into the counters once a second (one sample per second, not per frame). */
const tally = { voteDeliveries: 0, voteExpected: 0, revealDeliveries: 0, revealExpected: 0 };
function flush() {
  if (tally.voteDeliveries > 0) voteDeliveries.add(tally.voteDeliveries);
  if (tally.voteExpected > 0) voteDeliveriesExpected.add(tally.voteExpected);
  if (tally.revealDeliveries > 0) revealDeliveries.add(tally.revealDeliveries);
  if (tally.revealExpected > 0) revealDeliveriesExpected.add(tally.revealExpected);
  tally.voteDeliveries = 0;
  tally.voteExpected = 0;
  tally.revealDeliveries = 0;
  tally.revealExpected = 0;
}

/** The phase the timeline is in at `now` (for tagging errors), or `connect` before it starts. */
function phaseAt(now) {
  let phase = 'connect';
  for (const wave of plan.waves) if (now >= wave.startAt) phase = wave.phase;
  return phase;
}

function error(code, phase) {
  errors.add(1, { code: String(code), phase: phase ?? phaseAt(Date.now()) });
}

/** Runs `fn` at wall-clock time `time` (at once if that has passed), recording how late it ran. */
function at(time, fn) {
  setTimeout(
    () => {
      timerLag.add(Math.max(0, Date.now() - time));
      fn();
    },
    Math.max(0, time - Date.now()),
  );
}

class Member {
  constructor(room, index, spec) {
    this.room = room;
    this.index = index;
    this.spec = spec;
    this.facilitator = spec.facilitator;
    this.ws = null;
    this.welcomed = false;
    this.open = false;
    this.closing = false;
    this.openedAt = 0;
    /** Frames used so far, per command kind. */
    this.used = { vote: 0, start: 0, reveal: 0, ping: 0 };
    /** Commands sent and not answered yet: id → {kind, sentAt, phase}. */
    this.pending = new Map();
  }

  connect() {
    this.openedAt = Date.now();
    const ws = new WebSocket(this.spec.url, 'pokerroom.v1');
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      this.open = true;
      if (this.closing) ws.close(); // opened after the run ended
    };
    ws.onmessage = (event) => this.onMessage(event.data);
    ws.onerror = (event) => {
      if (!this.open && !this.closing) error('connect_failed', 'connect');
      else if (!this.closing) error('socket_error');
      if (__ENV.LOADTEST_DEBUG) console.warn(`socket error: ${event.error}`);
    };
    ws.onclose = (event) => {
      const wasOpen = this.open;
      this.open = false;
      this.welcomed = false;
      if (wasOpen && !this.closing) error(`close_${event.code ?? 1006}`);
      this.room.left(this);
    };
    this.ws = ws;
  }

  onMessage(data) {
    if (typeof data === 'string') {
      error('text_frame');
      return;
    }
    let frame;
    try {
      frame = readEnvelope(new Uint8Array(data));
    } catch (_) {
      frame = null;
    }
    if (frame === null || frame.t === null) {
      error('unreadable_frame');
      return;
    }
    switch (frame.t) {
      case 'vote.cast':
        tally.voteDeliveries++;
        return;
      case 'round.revealed':
        tally.revealDeliveries++;
        this.room.revealed(this);
        return;
      case 'welcome':
        if (!this.welcomed) {
          this.welcomed = true;
          connected.add(1);
          connectTime.add(Date.now() - this.openedAt);
        }
        return;
      case 'ack':
      case 'error':
        this.answered(frame);
        return;
      default:
        return; // other room events (round.started, participant.*): not measured
    }
  }

  answered(frame) {
    const pending = frame.id === null ? undefined : this.pending.get(frame.id);
    if (pending === undefined) {
      // An error about the connection itself (no id), or an answer to nothing we sent.
      error(frame.t === 'error' ? (frame.code ?? 'error') : 'unexpected_ack');
      return;
    }
    this.pending.delete(frame.id);
    const now = Date.now();
    if (frame.t === 'error') {
      error(frame.code ?? 'error', pending.phase);
      if (pending.kind === 'reveal') this.room.revealFailed();
      return;
    }
    if (pending.kind === 'vote') {
      voteAck.add(now - pending.sentAt, { phase: pending.phase });
      votesAcked.add(1, { phase: pending.phase });
      // The server broadcasts every stored vote to the whole room, the voter included.
      tally.voteExpected += this.room.connectedCount();
    } else {
      commandAck.add(now - pending.sentAt, { cmd: pending.kind, phase: pending.phase });
      if (pending.kind === 'reveal') tally.revealExpected += this.room.connectedCount();
    }
  }

  /** Sends the next pre-encoded frame of `kind`; false if it could not be sent. */
  send(kind, phase) {
    if (!this.welcomed || this.ws === null) {
      error('not_connected', phase);
      return false;
    }
    const frames = kind === 'vote' ? FRAMES.vote[this.spec.variant] : FRAMES[kind];
    const n = this.used[kind];
    if (frames === undefined || n >= frames.length) {
      error('frames_exhausted', phase);
      return false;
    }
    this.used[kind] = n + 1;
    const id = plan.firstIds[kind] + n;
    this.pending.set(id, { kind, sentAt: Date.now(), phase });
    this.ws.send(frames[n]);
    return true;
  }

  close() {
    this.closing = true;
    for (const pending of this.pending.values()) error('unanswered', pending.phase);
    this.pending.clear();
    if (this.ws !== null && this.open) this.ws.close();
  }
}

class Room {
  constructor(index, spec) {
    this.index = index;
    /** Where this room falls in a wave's spread: rooms are staggered evenly over it. */
    this.fraction = index / plan.rooms;
    this.members = spec.members.map((member, i) => new Member(this, i, member));
    this.facilitator = this.members.find((member) => member.facilitator);
    this.reveal = null; // {sentAt, phase, waiting: Set of members}
  }

  connectedCount() {
    let count = 0;
    for (const member of this.members) if (member.welcomed) count++;
    return count;
  }

  /** Plays wave `w` of the plan, then schedules wave `w + 1`. */
  play(w) {
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
    const revealAt = base + wave.revealAt + this.fraction * wave.revealSpread;
    at(revealAt, () => {
      this.finishReveal();
      const waiting = new Set(this.members.filter((member) => member.welcomed));
      if (this.facilitator.send('reveal', wave.phase)) {
        this.reveal = { sentAt: Date.now(), phase: wave.phase, waiting };
      }
      // The next wave is scheduled once this one is over, so few timers are pending at a time.
      this.play(w + 1);
    });
  }

  /** A member received round.revealed: once all have, the reveal's latency is known. */
  revealed(member) {
    const reveal = this.reveal;
    if (reveal === null || !reveal.waiting.delete(member)) return;
    if (reveal.waiting.size === 0) {
      revealAll.add(Date.now() - reveal.sentAt, { phase: reveal.phase });
      this.reveal = null;
    }
  }

  /** A member left: it no longer counts towards a reveal in progress. */
  left(member) {
    if (this.reveal !== null) this.revealed(member);
  }

  revealFailed() {
    this.reveal = null;
  }

  /**
   * Closes the books on the previous reveal: if some members have not received it yet, it is late
   * (whether it arrived in the end shows in the delivery counts) and its latency is not measured.
   */
  finishReveal() {
    if (this.reveal !== null && this.reveal.waiting.size > 0)
      revealsLate.add(1, { phase: this.reveal.phase });
    this.reveal = null;
  }
}

export default function () {
  const vu = exec.vu.idInTest - 1;
  const first = vu * plan.roomsPerVu;
  const last = Math.min(plan.rooms, first + plan.roomsPerVu);
  const rooms = [];
  for (let r = first; r < last; r++) rooms.push(new Room(r, roomSpecs[r]));
  const members = rooms.flatMap((room) => room.members);
  if (Date.now() > plan.startAt - 1000) console.warn(`VU ${vu + 1} began after the connect window`);

  // Connect: sockets spread over the connect window's first part, so the server is not hit by
  // every upgrade of every VU in the same millisecond.
  const spacing = plan.connectSpreadMs / Math.max(1, members.length);
  members.forEach((member, i) => {
    setTimeout(() => member.connect(), i * spacing);
  });
  at(plan.startAt, () => {
    for (const member of members) if (!member.welcomed) error('no_welcome', 'connect');
  });

  for (const room of rooms) room.play(0);

  // Keep-alive: each member pings every `pingEveryMs`, at its own offset, until the timeline ends.
  members.forEach((member, i) => {
    const ping = (time) => {
      if (time >= plan.endAt) return;
      at(time, () => {
        member.send('ping', phaseAt(time));
        ping(time + plan.pingEveryMs);
      });
    };
    ping(plan.startAt + ((i + 0.5) / members.length) * plan.pingEveryMs);
  });

  const flusher = setInterval(flush, 1000);
  at(plan.closeAt, () => {
    for (const room of rooms) room.finishReveal();
    for (const member of members) member.close();
    flush();
    clearInterval(flusher);
  });
}
