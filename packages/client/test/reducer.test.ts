import type { Participant, RoomEvent } from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRoom,
  decide,
  evolve,
  type RoomClientCommand,
  type RoomCommand,
  type RoomState as ServerRoom,
  toPublicEvent,
  toSnapshot,
  voteOf,
} from '../../../server/src/rooms/index.js';
import { applyEvent, type RoomState, snapshotOf, stateFromWelcome } from '../src/index.js';

const people = ['f', 'a', 'b', 'c', 'o', 'd'] as const;
const ME = 'a';

function welcomeState(server: ServerRoom): RoomState {
  const room = toSnapshot(server);
  const you = room.participants.find((p) => p.id === ME) as Participant;
  return stateFromWelcome(
    { sessionId: 's_1', you, yourVote: voteOf(server, ME), room, seq: server.seq, serverTime: 0 },
    'connected',
    0,
  );
}

/** Turns four numbers into one command against the room as it is (most are valid, some are not). */
function commandFor(room: ServerRoom, [kind, who, x, y]: [number, number, number, number]): RoomCommand {
  const actorId = people[who % people.length] ?? 'f';
  const story = room.stories[x % Math.max(1, room.stories.length)];
  const storyId = story?.id ?? 'story_missing';
  const card = room.deck.cards[x % room.deck.cards.length]?.label ?? '5';
  const target = people[y % people.length] ?? 'b';
  const client = (command: RoomClientCommand): RoomCommand => ({ kind: 'client', actorId, command });
  switch (kind % 22) {
    case 0:
    case 1:
    case 2:
      return client({ t: 'vote.cast', d: { card } });
    case 3:
      return client({ t: 'vote.retract', d: {} });
    case 4:
      return client({ t: 'round.start', d: { storyId: x % 3 === 0 ? null : storyId } });
    case 5:
      return client({ t: 'round.reveal', d: {} });
    case 6:
      return client({ t: 'round.reset', d: {} });
    case 7:
      return client({ t: 'round.finalize', d: { estimate: card } });
    case 8:
      return client({
        t: 'story.add',
        d: { title: `Story ${x}`, ...(y % 2 ? { url: 'https://x.test/1' } : {}) },
      });
    case 9:
      return client({ t: 'story.update', d: { storyId, title: `Renamed ${y}` } });
    case 10:
      return client({ t: 'story.remove', d: { storyId } });
    case 11:
      return client({ t: 'story.reorder', d: { storyIds: [...room.stories.map((s) => s.id)].reverse() } });
    case 12:
      return client({ t: 'story.import', d: { stories: [{ title: 'One' }, { title: 'Two' }] } });
    case 13:
      return client({
        t: 'room.update',
        d:
          y % 2
            ? { settings: { anonymous: x % 2 === 0, autoReveal: x % 3 === 0 } }
            : { deck: { kind: x % 2 ? 't-shirt' : 'fibonacci' }, name: `Room ${x}` },
      });
    case 14:
      return client({
        t: 'participant.role',
        d: { participantId: target, role: y % 2 ? 'observer' : 'voter' },
      });
    case 15:
      return client({ t: 'participant.kick', d: { participantId: target } });
    case 16:
      return client({ t: 'facilitator.transfer', d: { participantId: target } });
    case 17:
      return client({ t: 'timer.start', d: { seconds: 5 + (x % 30) } });
    case 18:
      return client({ t: 'timer.stop', d: {} });
    case 19:
      return client({ t: 'participant.rename', d: { name: `N${x}`, participantId: target } });
    case 20:
      return {
        kind: 'presence',
        participantId: target,
        presence: (['online', 'away', 'offline'] as const)[x % 3] ?? 'online',
      };
    default:
      return x % 4 === 0
        ? { kind: 'join', participant: { id: 'd', name: 'Dee', role: 'voter' } }
        : { kind: 'tick' };
  }
}

describe('applyEvent', () => {
  it('folds public events into exactly the server snapshot, whatever the commands, in v2 and v1', () => {
    const step = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat({ max: 120_000 }));
    const version = fc.constantFrom(1 as const, 2 as const);
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.boolean(), version, (steps, anonymous, v) => {
        let now = 1_000_000;
        const ids = { round: 0, story: 0 };
        const ctx = {
          get now() {
            return now;
          },
          newId: (prefix: 'round' | 'story') => `${prefix}_${++ids[prefix]}`,
          facilitatorGraceMs: 60_000,
        };
        let server = createRoom({ id: 'room_1', name: 'Prop', settings: { anonymous } });
        const run = (command: RoomCommand) => {
          const decision = decide(server, command, ctx);
          return decision.ok ? decision.events : [];
        };
        for (const id of ['f', 'a', 'b', 'c', 'o']) {
          const role = id === 'f' ? 'facilitator' : id === 'o' ? 'observer' : 'voter';
          for (const event of run({ kind: 'join', participant: { id, name: id, role } }))
            server = evolve(server, event);
        }
        let client = welcomeState(server);
        for (const [kind, who, x, y, advance] of steps) {
          now += advance;
          for (const event of run(commandFor(server, [kind, who, x, y]))) {
            server = evolve(server, event);
            const wire = { v, seq: server.seq, ...toPublicEvent(event, server) } as RoomEvent;
            client = applyEvent(client, wire, v);
            // The SDK learns its own card from the command it sent; the reducer keeps or clears it.
            if (event.t === 'vote.cast' && event.d.participantId === ME)
              client = { ...client, yourVote: event.d.card };
          }
          // A welcome is only ever built between two commands' events (they are stored together):
          // that is where the fold must give the room a fresh welcome carries.
          expect(snapshotOf(client)).toEqual(toSnapshot(server));
          expect(client.seq).toBe(server.seq);
          if (server.participants.some((p) => p.id === ME)) expect(client.yourVote).toBe(voteOf(server, ME));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ignores events that no longer match the room, changing only seq', () => {
    const server = createRoom({ id: 'room_1', name: 'Empty' });
    const joined = evolve(server, {
      t: 'participant.joined',
      d: { participant: { id: ME, name: 'Ann', role: 'voter', presence: 'online' } },
      at: 1,
    });
    const state = welcomeState(joined);
    const stray: RoomEvent[] = [
      { v: 1, t: 'vote.cast', seq: 2, d: { participantId: 'ghost' } },
      {
        v: 1,
        t: 'participant.updated',
        seq: 3,
        d: { participant: { id: 'ghost', name: 'G', role: 'voter', presence: 'online' } },
      },
      { v: 1, t: 'story.removed', seq: 4, d: { storyId: 'nope' } },
      {
        v: 1,
        t: 'round.finalized',
        seq: 5,
        d: { roundId: 'r', storyId: 'nope', estimate: '3', durationMs: 1 },
      },
    ];
    const after = stray.reduce((folded, event) => applyEvent(folded, event), state);
    expect(snapshotOf(after)).toEqual(snapshotOf(state));
    expect(after.seq).toBe(5);
  });

  it('keeps you in step with your own participant entry', () => {
    const server = createRoom({ id: 'room_1', name: 'Me' });
    const joined = evolve(server, {
      t: 'participant.joined',
      d: { participant: { id: ME, name: 'Ann', role: 'voter', presence: 'online' } },
      at: 1,
    });
    const state = applyEvent(
      welcomeState(joined),
      {
        v: 1,
        t: 'facilitator.changed',
        seq: 2,
        d: { from: null, to: ME, reason: 'absent' },
      },
      1,
    );
    expect(state.you).toMatchObject({ id: ME, role: 'facilitator' });
    // v2 says the role change itself, in the `participant.updated` after `facilitator.changed`.
    const v2 = applyEvent(welcomeState(joined), {
      v: 2,
      t: 'participant.updated',
      seq: 2,
      d: { participant: { id: ME, name: 'Ann', role: 'facilitator', presence: 'online' } },
    });
    expect(v2.you).toMatchObject({ id: ME, role: 'facilitator' });
  });
});
