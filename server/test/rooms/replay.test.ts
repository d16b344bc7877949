import {
  ASSIGNABLE_ROLES,
  DECK_KINDS,
  foldRoomEvent,
  foldRoomEventV1,
  PRESENCES,
  ROLES,
  ROOM_EVENTS,
  RoomSnapshotSchema,
} from '@pokerroom/protocol';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DomainEvent,
  decide,
  evolve,
  type RoomClientCommand,
  type RoomCommand,
  type RoomState,
  toPublicEvent,
  toSnapshot,
} from '../../src/rooms/index.js';
import { TestRoom, testContext } from './fixtures.js';

const ids = fc.constantFrom('f', 'a', 'b', 'c', 'o', 'x');
/** Mostly whoever runs the room, so scripts get past the permission table. */
const actor = fc.oneof({ weight: 3, arbitrary: fc.constant('f') }, ids);
const storyId = fc.constantFrom('story_1', 'story_2', 'story_3', 'nope');
const card = fc.constantFrom('0', '½', '1', '3', '5', '21', 'M', '?', '☕', 'bogus');

const clientCommand: fc.Arbitrary<RoomClientCommand> = fc.oneof(
  { weight: 6, arbitrary: card.map((c): RoomClientCommand => ({ t: 'vote.cast', d: { card: c } })) },
  fc.constant<RoomClientCommand>({ t: 'vote.retract', d: {} }),
  {
    weight: 2,
    arbitrary: fc.option(storyId).map((s): RoomClientCommand => ({ t: 'round.start', d: { storyId: s } })),
  },
  fc.constant<RoomClientCommand>({ t: 'round.reveal', d: {} }),
  fc.constant<RoomClientCommand>({ t: 'round.reset', d: {} }),
  fc.constant<RoomClientCommand>({ t: 'round.nudge', d: {} }),
  fc.boolean().map((votes): RoomClientCommand => ({ t: 'participant.votes', d: { votes } })),
  fc.constantFrom('5', 'XL').map((e): RoomClientCommand => ({ t: 'round.finalize', d: { estimate: e } })),
  fc.constant<RoomClientCommand>({ t: 'story.add', d: { title: 'A story' } }),
  fc.constant<RoomClientCommand>({ t: 'story.import', d: { stories: [{ title: 'B' }, { title: 'C' }] } }),
  storyId.map((s): RoomClientCommand => ({ t: 'story.update', d: { storyId: s, title: 'Edited' } })),
  storyId.map((s): RoomClientCommand => ({ t: 'story.remove', d: { storyId: s } })),
  fc
    .shuffledSubarray(['story_1', 'story_2', 'story_3'])
    .map((storyIds): RoomClientCommand => ({ t: 'story.reorder', d: { storyIds } })),
  fc
    .record({
      kind: fc.constantFrom(...DECK_KINDS.filter((k) => k !== 'custom')),
      autoReveal: fc.boolean(),
      anonymous: fc.boolean(),
      roundTimerSeconds: fc.constantFrom(null, 5, 30),
    })
    .map(
      ({ kind, ...settings }): RoomClientCommand => ({ t: 'room.update', d: { deck: { kind }, settings } }),
    ),
  ids.map((p): RoomClientCommand => ({ t: 'participant.rename', d: { participantId: p, name: `N${p}` } })),
  fc
    .tuple(ids, fc.constantFrom(...ASSIGNABLE_ROLES))
    .map(([p, role]): RoomClientCommand => ({ t: 'participant.role', d: { participantId: p, role } })),
  ids.map((p): RoomClientCommand => ({ t: 'participant.kick', d: { participantId: p } })),
  ids.map((p): RoomClientCommand => ({ t: 'facilitator.transfer', d: { participantId: p } })),
  fc.constantFrom(5, 20).map((seconds): RoomClientCommand => ({ t: 'timer.start', d: { seconds } })),
  fc.constant<RoomClientCommand>({ t: 'timer.stop', d: {} }),
  fc.constant<RoomClientCommand>({ t: 'reaction.send', d: { emoji: '🎉' } }),
);

const command: fc.Arbitrary<RoomCommand> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant('client' as const), actorId: actor, command: clientCommand }),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(ids, fc.constantFrom(...ROLES))
      .map(
        ([id, role]): RoomCommand => ({ kind: 'join', participant: { id, name: id.toUpperCase(), role } }),
      ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(ids, fc.constantFrom(...PRESENCES))
      .map(([participantId, presence]): RoomCommand => ({ kind: 'presence', participantId, presence })),
  },
  { weight: 3, arbitrary: fc.constant<RoomCommand>({ kind: 'tick' }) },
);

const close: RoomCommand = { kind: 'close' };

const step = fc.tuple(fc.integer({ min: 0, max: 70_000 }), command);
/** Mostly long scripts, sometimes closing the room part-way so later commands meet a closed room. */
const script = fc
  .tuple(
    fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }),
    fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, fc.nat(80)),
  )
  .map(([steps, closeAt]) =>
    closeAt === null ? steps : [...steps.slice(0, closeAt), [0, close] as const, ...steps.slice(closeAt)],
  );

function checkInvariants(state: RoomState, log: readonly DomainEvent[]): void {
  expect(state.seq).toBe(log.length);
  expect(new Set(state.participants.map((p) => p.id)).size).toBe(state.participants.length);
  const round = state.round;
  if (round !== null) {
    expect(new Set(round.voted).size).toBe(round.voted.length);
    expect(round.voted).toBe(round.ballots.voters);
    expect(round.ballots.cards).toHaveLength(round.voted.length);
    if (round.status === 'voting') {
      for (const id of round.ballots.voters) {
        const voter = state.participants.find((p) => p.id === id);
        expect(voter?.role === 'facilitator' || voter?.role === 'voter').toBe(true);
      }
      expect(toSnapshot(state).round).not.toHaveProperty('votes');
    }
  }
  const online = state.participants.filter((p) => p.presence === 'online');
  const waiting = online.length > 0 && !online.some((p) => p.role === 'facilitator');
  expect(state.facilitatorAbsentSince !== null).toBe(waiting);
  expect(state.stories.filter((s) => s.status === 'active').length).toBeLessThanOrEqual(1);
  expect(Value.Check(RoomSnapshotSchema, toSnapshot(state))).toBe(true);
}

/** A room the scripts start from: a facilitator, two voters and an observer, online. */
function seededRoom(): TestRoom {
  const room = new TestRoom();
  room.join('f', 'facilitator');
  room.join('a', 'voter');
  room.join('b', 'voter');
  room.join('o', 'observer');
  return room;
}

const eventCounts: number[] = [];
/** Decisions with events that carried their states, and those that left the folding to the host. */
const statesGiven = { handedOn: 0, folded: 0 };

describe('random command sequences', () => {
  it('never throw, keep the invariants, hand on the states they fold, fold (v2 and v1 alike) to a fresh welcome, and replay from the log to the same room', () => {
    fc.assert(
      fc.property(script, (steps) => {
        const room = seededRoom();
        // What a v2 and a v1 client welcomed at the start make of the public events: the room a
        // fresh welcome carries, after every command.
        let v2 = toSnapshot(room.state);
        let v1 = v2;
        for (const [ms, next] of steps) {
          room.advance(ms);
          const before = room.state;
          const decision = room.run(next);
          if (decision.ok) {
            let folded = before;
            const foldedStates: RoomState[] = [];
            for (const event of decision.events) {
              const pub = toPublicEvent(event, folded);
              expect(Value.Check(ROOM_EVENTS[pub.t], pub.d)).toBe(true);
              if (pub.t === 'vote.cast') expect(pub.d).not.toHaveProperty('card');
              folded = evolve(folded, event);
              foldedStates.push(folded);
              v2 = foldRoomEvent(v2, pub);
              v1 = foldRoomEventV1(v1, pub);
            }
            // The states decide hands on are the room after each event, exactly as folding makes it.
            if (decision.states !== undefined) expect(decision.states).toEqual(foldedStates);
            if (decision.events.length > 0) {
              if (decision.states === undefined) statesGiven.folded++;
              else statesGiven.handedOn++;
            }
          }
          checkInvariants(room.state, room.log);
          expect(v2).toEqual(toSnapshot(room.state));
          expect(v1).toEqual(toSnapshot(room.state));
        }
        // The log survives storage as JSON and rebuilds the room exactly.
        const stored: DomainEvent[] = JSON.parse(JSON.stringify(room.log));
        expect(stored.reduce(evolve, room.initial)).toEqual(room.state);
        eventCounts.push(room.log.length);
      }),
      { numRuns: 300 },
    );
    // The scripts reach deep into the rules, not just refusals.
    expect(eventCounts.reduce((a, b) => a + b, 0) / eventCounts.length).toBeGreaterThan(10);
    // Both ways of applying a decision were exercised: states handed on, and folded by the host.
    expect(statesGiven.handedOn).toBeGreaterThan(100);
    expect(statesGiven.folded).toBeGreaterThan(10);
  });

  it('decide is deterministic for the same room, command and context', () => {
    fc.assert(
      fc.property(script, command, (steps, last) => {
        const room = seededRoom();
        for (const [ms, next] of steps) {
          room.advance(ms);
          room.run(next);
        }
        const now = room.clock.ctx.now;
        const first = decide(room.state, last, testContext(now).ctx);
        const second = decide(room.state, last, testContext(now).ctx);
        expect(second).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});
