/**
 * Fold benchmark: what the room domain costs per vote, in a loop, apart from sockets and storage.
 * A room of ten (a facilitator who votes and nine voters) with a round open; each figure is per
 * vote over the round's ten first votes, started again from the open round every ten:
 *
 * - `evolve`: folding a `vote.cast` event into the room;
 * - `decide`: deciding a `vote.cast` command, which folds its event too (`Decision.states`);
 * - `evolve`, changed votes: the same voters voting again with other cards, ballots already held;
 *
 * then what one copy of the room costs as a spread and as a literal.
 */

import { roomWith } from '../server/src/rooms/evolve.js';
import {
  createRoom,
  type DecideContext,
  type DomainEvent,
  decide,
  evolve,
  type RoomCommand,
  type RoomState,
} from '../server/src/rooms/index.js'; // the sources: a benchmark must not need a build first
import { formatNanos, MEASURE_MS, nanosPerCall, WARMUP_MS } from './nanos-per-call.js';

const VOTERS = [
  'p_facilitator_000000000',
  ...Array.from({ length: 9 }, (_, i) => `p_voter_${i}_00000000000`),
];
const CARDS = ['1', '2', '3', '5', '8', '13', '?'];
const T0 = 1_767_225_600_000;

const context: DecideContext = { now: T0, newId: (prefix) => `${prefix}_1`, facilitatorGraceMs: 60_000 };

/** `decide`, which must accept: a refusal means the benchmark no longer measures what it says. */
function accepted(state: RoomState, command: RoomCommand) {
  const decision = decide(state, command, context);
  if (!decision.ok) throw new Error(`${decision.code}: ${decision.message}`);
  return decision;
}

const run = (state: RoomState, command: RoomCommand): RoomState =>
  accepted(state, command).events.reduce(evolve, state);

/** The room with everyone joined and a round open, auto-reveal off so ten votes stay a round. */
function openRound(): RoomState {
  let state = createRoom({ id: 'room_bench', name: 'Sprint 12', settings: { autoReveal: false } });
  VOTERS.forEach((id, index) => {
    state = run(state, {
      kind: 'join',
      participant: { id, name: `Person ${index}`, role: index === 0 ? 'facilitator' : 'voter' },
    });
  });
  if (state.round?.status !== 'voting') {
    state = run(state, {
      kind: 'client',
      actorId: VOTERS[0] as string,
      command: { t: 'round.start', d: {} },
    });
  }
  return state;
}

const voteEvent = (participantId: string, card: string, at: number): DomainEvent => ({
  t: 'vote.cast',
  at,
  d: { participantId, card },
});

/** Nanoseconds per step over rounds of `steps`, each round started again from `start`. */
function perStep<T>(
  start: RoomState,
  steps: readonly T[],
  step: (state: RoomState, item: T) => RoomState,
): number {
  let state = start;
  let index = 0;
  return nanosPerCall(() => {
    if (index === steps.length) {
      index = 0;
      state = start;
    }
    state = step(state, steps[index++] as T);
    return state;
  });
}

export default function runFoldBench(): void {
  const open = openRound();
  const firstVotes = VOTERS.map((id, i) => voteEvent(id, CARDS[i % CARDS.length] as string, T0 + i));
  const voted = firstVotes.reduce(evolve, open);
  const changedVotes = VOTERS.map((id, i) =>
    voteEvent(id, CARDS[(i + 3) % CARDS.length] as string, T0 + 100 + i),
  );
  const commands: RoomCommand[] = VOTERS.map((actorId, i) => ({
    kind: 'client',
    actorId,
    command: { t: 'vote.cast', d: { card: CARDS[i % CARDS.length] as string } },
  }));

  console.log(
    `Node ${process.version}, ${process.arch}; ${WARMUP_MS} ms warm-up, ${MEASURE_MS} ms per figure.\n`,
  );
  console.log('| step (room of ten, per vote) | time |');
  console.log('| --- | ---: |');
  const rows: [string, number][] = [
    ['`evolve`, a round’s ten first votes', perStep(open, firstVotes, evolve)],
    [
      '`decide` (its event folded too), the same votes',
      perStep(open, commands, (state, command) => accepted(state, command).states?.at(-1) ?? state),
    ],
    ['`evolve`, ten changed votes', perStep(voted, changedVotes, evolve)],
  ];
  for (const [step, ns] of rows) console.log(`| ${step} | ${formatNanos(ns)} |`);
  console.log();
  printRoomCopies(voted);
}

/**
 * Why a vote's fold builds the room as a literal (`roomWith` in evolve.ts): in Node 20 an object
 * made by a spread of an object itself made by a spread gets a hidden class of its own, so a fold,
 * where each room is a copy of the one before, meets a new one at every step. Three copies of the
 * room, each with a new `seq`: chained spreads (a fold's case), spreads of one room over and over,
 * and chained literals naming each field (`roomWith` itself). Then a decision given `states` by a spread (a property its
 * source lacks) and as a literal.
 */
function printRoomCopies(room: RoomState): void {
  const literal = (state: RoomState): RoomState =>
    roomWith(state, state.round, state.anyVoteCast, state.seq + 1);
  let chained = room;
  let seq = room.seq;
  let literals = room;
  console.log('| a copy of the room (13 fields) | time |');
  console.log('| --- | ---: |');
  const spreadChained = nanosPerCall(() => {
    chained = { ...chained, seq: chained.seq + 1 };
    return chained;
  });
  console.log(`| \`{ ...room, seq }\`, each room the copy before (a fold) | ${formatNanos(spreadChained)} |`);
  const spreadOne = nanosPerCall(() => ({ ...room, seq: seq++ }));
  console.log(`| \`{ ...room, seq }\`, the same room each time | ${formatNanos(spreadOne)} |`);
  const literalChained = nanosPerCall(() => {
    literals = literal(literals);
    return literals;
  });
  console.log(`| a literal of its fields, each room the copy before | ${formatNanos(literalChained)} |`);
  console.log();
  // `decide`'s answer once had `states` added to a decision by a spread: a property the source lacks.
  const events = [voteEvent('p_x', '5', T0)];
  const decided = () => ({ ok: true as const, events });
  const spreadAdding = nanosPerCall(() => ({ ...decided(), events, states: [room] }));
  const literalDecision = nanosPerCall(() => ({ ok: true, events: decided().events, states: [room] }));
  console.log('| a decision with its states added | time |');
  console.log('| --- | ---: |');
  console.log(`| \`{ ...decision, events, states }\` | ${formatNanos(spreadAdding)} |`);
  console.log(`| a literal | ${formatNanos(literalDecision)} |`);
  console.log();
}
