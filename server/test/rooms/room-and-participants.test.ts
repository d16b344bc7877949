import { LIMITS, PRESET_DECKS } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';
import { type DomainEvent, evolve, toSnapshot } from '../../src/rooms/index.js';
import { fivePersonRoom, TestRoom } from './fixtures.js';

describe('room.update', () => {
  it('switches to a preset deck, ignoring the cards sent with it', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'room.update', d: { deck: { kind: 't-shirt', cards: [{ label: 'Z', value: 1 }] } } });
    expect(room.state.deck).toEqual(PRESET_DECKS['t-shirt']);
  });

  it('validates custom decks', () => {
    const room = fivePersonRoom();
    expect(room.code('f', { t: 'room.update', d: { deck: { kind: 'custom' } } })).toBe('invalid_deck');
    const twice = [
      { label: 'A', value: 1 },
      { label: 'A', value: 2 },
    ];
    expect(room.code('f', { t: 'room.update', d: { deck: { kind: 'custom', cards: twice } } })).toBe(
      'invalid_deck',
    );
    expect(room.state.deck).toEqual(PRESET_DECKS['modified-fibonacci']);
  });

  it('resets a voting round that has votes when the deck changes', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    expect(room.ok('f', { t: 'room.update', d: { deck: { kind: 'fibonacci' } } })).toEqual(['room.updated']);
    room.ok('a', { t: 'vote.cast', d: { card: '21' } });
    expect(room.ok('f', { t: 'room.update', d: { deck: { kind: 't-shirt' } } })).toEqual([
      'round.reset',
      'room.updated',
    ]);
    expect(room.state.round?.ballots.size).toBe(0);
    expect(room.ok('f', { t: 'room.update', d: { name: 'Sprint 12', deck: { kind: 't-shirt' } } })).toEqual(
      [],
    );
  });
});

describe('participants', () => {
  it('renames yourself, or anyone as facilitator', () => {
    const room = fivePersonRoom();
    room.ok('a', { t: 'participant.rename', d: { name: 'Annie' } });
    room.ok('f', { t: 'participant.rename', d: { participantId: 'b', name: 'Bea' } });
    expect(room.code('f', { t: 'participant.rename', d: { participantId: 'x', name: 'X' } })).toBe(
      'participant_not_found',
    );
    expect(room.state.participants.map((p) => p.name)).toEqual(['Fay', 'Annie', 'Bea', 'Cid', 'Oli']);
  });

  it('drops the ballot of someone who becomes an observer, and keeps the last facilitator', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });
    expect(room.ok('f', { t: 'participant.role', d: { participantId: 'a', role: 'observer' } })).toEqual([
      'vote.retracted',
      'participant.updated',
    ]);
    expect(room.state.round?.voted).toEqual([]);
    expect(room.code('f', { t: 'participant.role', d: { participantId: 'f', role: 'voter' } })).toBe(
      'forbidden',
    );
    // A co-facilitator (joined with a facilitator token) lets the first one step down.
    room.join('g', 'facilitator', 'Gus');
    room.ok('f', { t: 'participant.role', d: { participantId: 'f', role: 'voter' } });
    expect(room.participant('g')?.role).toBe('facilitator');
  });

  it('keeps no ballot of an observer or a stranger, even from a hand-written log', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('a', { t: 'vote.cast', d: { card: '5' } });
    // decide never emits these; a log edited by hand (or by an older, buggy server) might.
    const at = room.clock.ctx.now;
    const folded = [
      { t: 'vote.cast', d: { participantId: 'o', card: '8' }, at },
      { t: 'vote.cast', d: { participantId: 'nobody', card: '3' }, at },
    ].reduce((state, event) => evolve(state, event as DomainEvent), room.state);
    expect(folded.round?.voted).toEqual(['a']);
    expect(folded.round?.ballots.voters).toEqual(['a']);
    expect(folded.seq).toBe(room.state.seq + 2);
  });

  it('kicks with the ballot, but not yourself', () => {
    const room = fivePersonRoom();
    room.ok('f', { t: 'round.start', d: {} });
    room.ok('c', { t: 'vote.cast', d: { card: '5' } });
    expect(room.code('f', { t: 'participant.kick', d: { participantId: 'f' } })).toBe('forbidden');
    expect(room.ok('f', { t: 'participant.kick', d: { participantId: 'c' } })).toEqual([
      'vote.retracted',
      'participant.left',
    ]);
    expect(room.log.at(-1)?.d).toEqual({ participantId: 'c', reason: 'kicked' });
    expect(room.participant('c')).toBeUndefined();
    expect(room.code('c', { t: 'vote.cast', d: { card: '5' } })).toBe('forbidden');
  });

  it('transfers the facilitator role; the former facilitator becomes a voter', () => {
    const room = fivePersonRoom();
    expect(room.code('f', { t: 'facilitator.transfer', d: { participantId: 'f' } })).toBe('invalid_payload');
    expect(room.code('f', { t: 'facilitator.transfer', d: { participantId: 'z' } })).toBe(
      'participant_not_found',
    );
    // Every change is an event: the two role changes follow the hand-over.
    expect(room.ok('f', { t: 'facilitator.transfer', d: { participantId: 'o' } })).toEqual([
      'facilitator.changed',
      'participant.updated',
      'participant.updated',
    ]);
    expect(room.log.slice(-2).map((e) => e.d)).toMatchObject([
      { participant: { id: 'f', role: 'voter' } },
      { participant: { id: 'o', role: 'facilitator' } },
    ]);
    expect(toSnapshot(room.state).participants.map((p) => p.role)).toEqual([
      'voter',
      'voter',
      'voter',
      'voter',
      'facilitator',
    ]);
    expect(room.code('f', { t: 'round.start', d: {} })).toBe('forbidden');
  });

  it('brings a known participant back online with the name and avatar of their token', () => {
    const room = fivePersonRoom();
    room.run({ kind: 'presence', participantId: 'a', presence: 'offline' });
    const back = room.run({
      kind: 'join',
      participant: { id: 'a', name: 'Ann B.', role: 'observer', avatarUrl: 'https://a.test/a.png' },
    });
    expect(back.ok && back.events.map((e) => e.t)).toEqual(['participant.presence', 'participant.updated']);
    expect(room.participant('a')).toMatchObject({
      name: 'Ann B.',
      role: 'voter',
      presence: 'online',
      avatarUrl: 'https://a.test/a.png',
    });
    const again = room.run({ kind: 'join', participant: { id: 'a', name: 'Ann B.', role: 'voter' } });
    expect(again).toEqual({ ok: true, events: [] });
  });

  it('is full at the participant limit', () => {
    const room = new TestRoom();
    for (let i = 0; i < LIMITS.maxParticipants; i++) expect(room.join(`p${i}`, 'voter').ok).toBe(true);
    expect(room.join('late', 'voter')).toMatchObject({ ok: false, code: 'room_full' });
    expect(room.join('p0', 'voter').ok).toBe(true);
  });

  it('refuses presence for strangers', () => {
    const room = fivePersonRoom();
    expect(room.run({ kind: 'presence', participantId: 'x', presence: 'away' })).toMatchObject({
      code: 'participant_not_found',
    });
  });
});

describe('reactions and closing', () => {
  it('broadcasts reactions from anyone without storing them', () => {
    const room = fivePersonRoom();
    expect(room.send('o', { t: 'reaction.send', d: { emoji: '☕' } })).toEqual({
      ok: true,
      events: [],
      ephemeral: [{ t: 'reaction', d: { participantId: 'o', emoji: '☕' } }],
    });
  });

  it('refuses everything once closed', () => {
    const room = fivePersonRoom({ roundTimerSeconds: 60 });
    room.ok('f', { t: 'round.start', d: {} });
    const closed = room.run({ kind: 'close' });
    expect(closed.ok && closed.events.map((e) => e.t)).toEqual(['timer.stopped', 'room.closed']);
    expect(toSnapshot(room.state).closed).toBe(true);
    expect(room.code('o', { t: 'reaction.send', d: { emoji: '☕' } })).toBe('room_closed');
    for (const command of [{ kind: 'close' }, { kind: 'tick' }] as const) {
      expect(room.run(command)).toMatchObject({ ok: false, code: 'room_closed' });
    }
    expect(room.join('new', 'voter')).toMatchObject({ code: 'room_closed' });
  });
});
