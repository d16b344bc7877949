import { CLIENT_COMMAND_TYPES, DEFAULT_SETTINGS, ROLES, type Role } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';
import {
  isAllowed,
  PERMISSIONS,
  type RoomClientCommand,
  type RoomCommandType,
} from '../../src/rooms/index.js';
import { fivePersonRoom } from './fixtures.js';

/** One sample of every command, valid enough that only permission could refuse it. */
const SAMPLES: { [T in RoomCommandType]: Extract<RoomClientCommand, { t: T }> } = {
  'vote.cast': { t: 'vote.cast', d: { card: '5' } },
  'vote.retract': { t: 'vote.retract', d: {} },
  'round.start': { t: 'round.start', d: { storyId: null } },
  'round.reveal': { t: 'round.reveal', d: {} },
  'round.reset': { t: 'round.reset', d: {} },
  'round.finalize': { t: 'round.finalize', d: { estimate: '5' } },
  'round.nudge': { t: 'round.nudge', d: {} },
  'story.add': { t: 'story.add', d: { title: 'Login' } },
  'story.update': { t: 'story.update', d: { storyId: 'story_1', title: 'Logout' } },
  'story.remove': { t: 'story.remove', d: { storyId: 'story_1' } },
  'story.reorder': { t: 'story.reorder', d: { storyIds: ['story_1'] } },
  'story.import': { t: 'story.import', d: { stories: [{ title: 'Signup' }] } },
  'room.update': { t: 'room.update', d: { name: 'Sprint 13' } },
  'participant.rename': { t: 'participant.rename', d: { name: 'New name' } },
  'participant.role': { t: 'participant.role', d: { participantId: 'c', role: 'observer' } },
  'participant.kick': { t: 'participant.kick', d: { participantId: 'c' } },
  'participant.votes': { t: 'participant.votes', d: { votes: false } },
  'facilitator.transfer': { t: 'facilitator.transfer', d: { participantId: 'c' } },
  'timer.start': { t: 'timer.start', d: { seconds: 30 } },
  'timer.stop': { t: 'timer.stop', d: {} },
  'reaction.send': { t: 'reaction.send', d: { emoji: '🎉' } },
};

const TYPES = Object.keys(SAMPLES) as RoomCommandType[];
const VOTING = new Set<RoomCommandType>(['vote.cast', 'vote.retract']);
const EVERYONE = new Set<RoomCommandType>(['reaction.send', 'participant.rename']);

/** The product rules, written out independently of the table under test. */
function expected(role: Role, type: RoomCommandType, revealPolicy: 'facilitator' | 'voters'): boolean {
  if (role === 'facilitator') return true;
  if (EVERYONE.has(type)) return true;
  if (role === 'observer') return false;
  return VOTING.has(type) || (type === 'round.reveal' && revealPolicy === 'voters');
}

const ACTOR: Record<Role, string> = { facilitator: 'f', voter: 'a', observer: 'o' };

function decideAs(role: Role, command: RoomClientCommand, revealPolicy: 'facilitator' | 'voters') {
  const room = fivePersonRoom({ revealPolicy });
  room.ok('f', { t: 'story.add', d: { title: 'Search' } });
  room.ok('f', { t: 'round.start', d: { storyId: 'story_1' } });
  return room.send(ACTOR[role], command);
}

describe('the permission table', () => {
  it('has a row for every room command of the protocol', () => {
    const roomTypes = CLIENT_COMMAND_TYPES.filter((t) => t !== 'ping' && t !== 'resume');
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...roomTypes].sort());
    expect(TYPES.sort()).toEqual([...roomTypes].sort());
  });

  for (const revealPolicy of ['facilitator', 'voters'] as const) {
    describe(`with revealPolicy ${revealPolicy}`, () => {
      const settings = { ...DEFAULT_SETTINGS, revealPolicy };
      for (const role of ROLES) {
        for (const type of TYPES) {
          const allowed = expected(role, type, revealPolicy);
          it(`${role} × ${type}: ${allowed ? 'allowed' : 'forbidden'}`, () => {
            expect(isAllowed(role, type, settings)).toBe(allowed);
            const decision = decideAs(role, SAMPLES[type], revealPolicy);
            if (allowed) expect(decision).not.toMatchObject({ ok: false, code: 'forbidden' });
            else expect(decision).toMatchObject({ ok: false, code: 'forbidden' });
          });
        }
      }
    });
  }

  describe('participant.rename of someone else', () => {
    for (const role of ROLES) {
      const allowed = role === 'facilitator';
      it(`${role}: ${allowed ? 'allowed' : 'forbidden'}`, () => {
        expect(isAllowed(role, 'participant.rename', DEFAULT_SETTINGS, 'other')).toBe(allowed);
        const command: RoomClientCommand = {
          t: 'participant.rename',
          d: { participantId: 'b', name: 'Bea' },
        };
        const decision = decideAs(role, command, 'facilitator');
        expect(decision.ok).toBe(allowed);
        if (!decision.ok) expect(decision.code).toBe('forbidden');
      });
    }
  });

  it('refuses commands from someone who is not in the room', () => {
    const room = fivePersonRoom();
    expect(room.code('stranger', { t: 'reaction.send', d: { emoji: '👋' } })).toBe('forbidden');
  });
});
