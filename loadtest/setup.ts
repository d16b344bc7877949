/**
 * What the load generator needs before it starts: rooms and participant tokens made through the
 * REST API (as a host tool's backend would), and the timeline of the scenarios.
 */

import { pool, post } from '../bench/rest-setup.js';

export type Scenario = 'steady' | 'storm' | 'spike';
export const SCENARIOS: readonly Scenario[] = ['steady', 'storm', 'spike'];

/** One participant, as the processor (`artillery/participants.ts`) reads it. */
export interface MemberSpec {
  /** The WebSocket URL with the token. */
  readonly url: string;
  readonly facilitator: boolean;
  /** Which of the two vote sequences it sends (cards alternate, starting with `3` or `5`). */
  readonly variant: 0 | 1;
}

export interface RoomSpec {
  readonly members: readonly MemberSpec[];
}

/**
 * One round played by every room. Rooms start it staggered evenly over `startSpread` ms from
 * `startAt`; every member votes once, at a random moment in `[votesAt, votesAt + votesSpan)`; the
 * facilitator reveals at `revealAt` (plus the room's share of `revealSpread`). With `relative`,
 * `votesAt` and `revealAt` count from the room's own start; otherwise they are wall-clock times.
 */
export interface Wave {
  readonly phase: Scenario;
  readonly startAt: number;
  readonly startSpread: number;
  readonly relative: boolean;
  readonly votesAt: number;
  readonly votesSpan: number;
  readonly revealAt: number;
  readonly revealSpread: number;
}

export interface Plan {
  readonly createdAt: number;
  /** When the timeline starts: every socket should have its welcome by then. */
  readonly startAt: number;
  /** No command is sent after this. */
  readonly endAt: number;
  /** Sockets close (what is still unanswered counts as `unanswered`). */
  readonly closeAt: number;
  readonly connectSpreadMs: number;
  readonly pingEveryMs: number;
  readonly rooms: number;
  readonly roomSize: number;
  readonly phaseNames: readonly Scenario[];
  readonly waves: readonly Wave[];
  /** Each command kind's request ids count up from here, so an answer names what it answers. */
  readonly firstIds: {
    readonly vote: number;
    readonly start: number;
    readonly reveal: number;
    readonly ping: number;
  };
}

export interface PlanOptions {
  readonly scenarios: readonly Scenario[];
  readonly rooms: number;
  readonly roomSize: number;
  readonly connectMs: number;
  readonly roundMs: number;
  readonly steadyMs: number;
  readonly storms: number;
  readonly spikes: number;
}

const FIRST_IDS = { vote: 1, start: 1_000_000, reveal: 2_000_000, ping: 3_000_000 } as const;
const PING_EVERY_MS = 20_000;
/**
 * Sockets open over this much of the connect window (at most its first third, leaving the rest to
 * the load generator's start and the last welcomes), not all at once.
 */
const CONNECT_SPREAD_MS = 10_000;
const STORM_EVERY_MS = 15_000;
const SPIKE_EVERY_MS = 15_000;

/**
 * The timeline, from `startAt`: the steady phase (rounds of `roundMs`, staggered), then the
 * storms, then the spikes, each wave separated enough from the next that one's reveals are done
 * (on a server that keeps up) before the next round opens.
 */
export function makePlan(options: PlanOptions, createdAt: number): Plan {
  const startAt = createdAt + options.connectMs;
  const waves: Wave[] = [];
  let t = startAt;
  if (options.scenarios.includes('steady')) {
    const P = options.roundMs;
    const rounds = Math.max(1, Math.floor(options.steadyMs / P));
    for (let k = 0; k < rounds; k++) {
      waves.push({
        phase: 'steady',
        startAt: t + k * P,
        startSpread: P,
        relative: true,
        votesAt: 300,
        votesSpan: Math.round(P * 0.55),
        revealAt: Math.round(P * 0.8),
        revealSpread: 0,
      });
    }
    t += rounds * P + P; // the last room's last reveal is before t + rounds·P + 0.8·P
  }
  if (options.scenarios.includes('storm')) {
    // Round opens 4 s before; every vote of every room within [T, T + 1 s); reveals 7–9 s after T.
    for (let i = 0; i < options.storms; i++) {
      const T = t + 5000 + i * STORM_EVERY_MS;
      waves.push({
        phase: 'storm',
        startAt: T - 4000,
        startSpread: 1000,
        relative: false,
        votesAt: T,
        votesSpan: 1000,
        revealAt: T + 7000,
        revealSpread: 2000,
      });
    }
    t += 5000 + (options.storms - 1) * STORM_EVERY_MS + 11_000;
  }
  if (options.scenarios.includes('spike')) {
    // Round opens 10 s before; votes spread over [T − 8.5 s, T − 3.5 s); every room reveals at T.
    for (let i = 0; i < options.spikes; i++) {
      const T = t + 11_000 + i * SPIKE_EVERY_MS;
      waves.push({
        phase: 'spike',
        startAt: T - 10_000,
        startSpread: 1000,
        relative: false,
        votesAt: T - 8500,
        votesSpan: 5000,
        revealAt: T,
        revealSpread: 0,
      });
    }
    t += 11_000 + (options.spikes - 1) * SPIKE_EVERY_MS + 3000;
  }
  const endAt = t;
  const closeAt = endAt + 5000;
  return {
    createdAt,
    startAt,
    endAt,
    closeAt,
    connectSpreadMs: Math.min(CONNECT_SPREAD_MS, options.connectMs / 3),
    pingEveryMs: PING_EVERY_MS,
    rooms: options.rooms,
    roomSize: options.roomSize,
    phaseNames: SCENARIOS.filter((s) => options.scenarios.includes(s)),
    waves,
    firstIds: FIRST_IDS,
  };
}

// ---------------------------------------------------------------- rooms and tokens over REST

/** Each API key may make 50 requests a second with a burst of 200: setup spreads over several. */
const REQUESTS_PER_KEY = 180;

/**
 * Makes `rooms` rooms of `roomSize` participants (the first a facilitator, the others voters), with
 * API keys made from the bootstrap key. Member `j` of a room connects to node `j % nodes.length`.
 */
export async function makeRooms(
  nodes: readonly string[],
  bootstrapKey: string,
  rooms: number,
  roomSize: number,
): Promise<RoomSpec[]> {
  const first = nodes[0] as string;
  const keyCount = Math.ceil((rooms * (roomSize + 1)) / REQUESTS_PER_KEY);
  const keys = await pool(Array.from({ length: keyCount }), 4, async (_, i) => {
    const created = await post(first, bootstrapKey, '/v1/keys', { name: `load test ${i}` });
    return String(created.secret);
  });
  return pool(
    Array.from({ length: rooms }, (_, r) => r),
    32,
    async (r) => {
      const key = keys[r % keys.length] as string;
      const base = nodes[r % nodes.length] as string;
      const room = await post(base, key, '/v1/rooms', { name: `Load ${r}` });
      const members: MemberSpec[] = [];
      for (let j = 0; j < roomSize; j++) {
        const token = await post(base, key, `/v1/rooms/${String(room.id)}/tokens`, {
          name: `Participant ${j}`,
          role: j === 0 ? 'facilitator' : 'voter',
        });
        const ws = new URL(String(token.wsUrl));
        ws.host = new URL(nodes[j % nodes.length] as string).host;
        ws.searchParams.set('token', String(token.token));
        members.push({ url: ws.toString(), facilitator: j === 0, variant: (j % 2) as 0 | 1 });
      }
      return { members };
    },
  );
}
