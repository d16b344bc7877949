import { PRESET_DECKS, type RoomSnapshot, type Round } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';
import { announcementFor } from '../src/announce.js';
import { DEFAULT_STRINGS, resolveStrings } from '../src/strings.js';
import { roomOfToken, roomSocketUrl } from '../src/token.js';
import {
  canChooseVoting,
  EMPTY_VIEW,
  findOutliers,
  formatClock,
  formatNumber,
  initialsOf,
  type RoomView,
  storyAfterCurrent,
  votersOf,
  waitingVoters,
} from '../src/view-state.js';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('roomOfToken', () => {
  it('reads the room claim of a JWT without verifying it', () => {
    const token = `${base64url({ alg: 'HS256' })}.${base64url({ room: 'room_abc', name: 'Zoë' })}.sig`;
    expect(roomOfToken(token)).toBe('room_abc');
  });

  it('returns null for anything unreadable', () => {
    expect(roomOfToken('nope')).toBeNull();
    expect(roomOfToken('a.%%%.c')).toBeNull();
    expect(roomOfToken(`x.${base64url({ sub: 'p_1' })}.y`)).toBeNull();
  });
});

describe('roomSocketUrl', () => {
  it('follows the wsUrl convention of the token endpoint', () => {
    expect(roomSocketUrl('https://poker.example.com', 'room_1')).toBe(
      'wss://poker.example.com/v1/ws?room=room_1',
    );
    expect(roomSocketUrl('http://127.0.0.1:8080/', 'room_1')).toBe('ws://127.0.0.1:8080/v1/ws?room=room_1');
    expect(roomSocketUrl('https://example.com/poker', 'r')).toBe('wss://example.com/poker/v1/ws?room=r');
  });
});

describe('a facilitator who does not vote', () => {
  const ada = { id: 'a', name: 'Ada', role: 'facilitator', presence: 'online' } as const;
  const room = (votes?: false) =>
    ({
      participants: [
        votes === false ? { ...ada, votes } : ada,
        { id: 'b', name: 'Bo', role: 'voter', presence: 'online' },
        { id: 'c', name: 'Cy', role: 'observer', presence: 'online' },
      ],
      round: { id: 'r', status: 'voting', voted: [] },
    }) as unknown as RoomSnapshot;
  const view = (votes: false | undefined, protocolVersion: 1 | 2 | null): RoomView => {
    const r = room(votes);
    return { ...EMPTY_VIEW, room: r, you: r.participants[0] ?? null, status: 'open', protocolVersion };
  };

  it('is neither counted nor waited for; observers never are', () => {
    expect(votersOf(room()).map((p) => p.id)).toEqual(['a', 'b']);
    expect(votersOf(room(false)).map((p) => p.id)).toEqual(['b']);
    expect(waitingVoters(room(false)).map((p) => p.id)).toEqual(['b']);
  });

  it('may choose on a v2 connection only', () => {
    expect(canChooseVoting(view(undefined, 2))).toBe(true);
    expect(canChooseVoting(view(undefined, 1))).toBe(false);
    expect(canChooseVoting(view(undefined, null))).toBe(false);
    const bo = view(undefined, 2);
    expect(canChooseVoting({ ...bo, you: bo.room?.participants[1] ?? null })).toBe(false);
  });

  it('hears their choice once the server has it, and nothing when it did not change', () => {
    const status = () => null;
    expect(announcementFor(view(undefined, 2), view(false, 2), DEFAULT_STRINGS, status)).toBe(
      DEFAULT_STRINGS.announceVotingOff,
    );
    expect(announcementFor(view(false, 2), view(undefined, 2), DEFAULT_STRINGS, status)).toBe(
      DEFAULT_STRINGS.announceVotingOn,
    );
    expect(announcementFor(view(false, 2), view(false, 2), DEFAULT_STRINGS, status)).toBeNull();
  });
});

describe('findOutliers', () => {
  const room = {
    deck: PRESET_DECKS['modified-fibonacci'],
    participants: [
      { id: 'a', name: 'Ada', role: 'facilitator', presence: 'online' },
      { id: 'b', name: 'Bo', role: 'voter', presence: 'online' },
      { id: 'c', name: 'Cy', role: 'voter', presence: 'online' },
    ],
  } as unknown as RoomSnapshot;
  const round = (votes: [string, string][], spread: number, anonymous = false): Round =>
    ({
      id: 'r',
      storyId: null,
      status: 'revealed',
      startedAt: 0,
      anonymous,
      voted: votes.map(([id]) => id),
      votes: votes.map(([participantId, card]) => ({ participantId, card })),
      stats: {
        min: Math.min(...votes.map(([, c]) => Number(c))),
        max: Math.max(...votes.map(([, c]) => Number(c))),
        spread,
      },
    }) as unknown as Round;

  it('names who voted highest and lowest', () => {
    const outliers = findOutliers(
      room,
      round(
        [
          ['a', '3'],
          ['b', '13'],
          ['c', '3'],
        ],
        10,
      ),
    );
    expect(outliers.highest).toEqual({ card: '13', names: ['Bo'] });
    expect(outliers.lowest).toEqual({ card: '3', names: ['Ada', 'Cy'] });
  });

  it('names nobody when everyone agrees or the round is anonymous', () => {
    expect(
      findOutliers(
        room,
        round(
          [
            ['a', '5'],
            ['b', '5'],
          ],
          0,
        ),
      ),
    ).toEqual({ highest: null, lowest: null });
    expect(
      findOutliers(
        room,
        round(
          [
            ['a', '1'],
            ['b', '5'],
          ],
          4,
          true,
        ),
      ),
    ).toEqual({ highest: null, lowest: null });
  });
});

describe('strings and formatting', () => {
  it('merges overrides over English and ignores entries of the wrong type', () => {
    const strings = resolveStrings({ reveal: 'Aufdecken', votedCount: 'broken' as unknown as () => string });
    expect(strings.reveal).toBe('Aufdecken');
    expect(strings.votedCount(2, 3)).toBe(DEFAULT_STRINGS.votedCount(2, 3));
  });

  it('formats initials, numbers and clocks', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('  bo ')).toBe('B');
    expect(initialsOf('Dee Dee Ramone')).toBe('DR');
    expect(formatNumber(6.5)).toBe('6.5');
    expect(formatNumber(7.75)).toBe('7.8');
    expect(formatNumber(null)).toBe('–');
    expect(formatClock(65.2)).toBe('1:06');
  });
});

describe('storyAfterCurrent', () => {
  const story = (id: string, status: 'pending' | 'active' | 'estimated') => ({
    id,
    title: id,
    status,
    estimate: status === 'estimated' ? '3' : null,
    timeSpentMs: 0,
  });
  const roomWith = (stories: ReturnType<typeof story>[], storyId: string | null) =>
    ({
      stories,
      round: storyId === null ? null : { id: 'round_1', storyId, status: 'voting', voted: [] },
    }) as unknown as RoomSnapshot;

  it('skips forward to the next pending story, never back to one just skipped while later ones wait', () => {
    const stories = [
      story('a', 'pending'),
      story('b', 'active'),
      story('c', 'estimated'),
      story('d', 'pending'),
    ];
    expect(storyAfterCurrent(roomWith(stories, 'b'))?.id).toBe('d');
  });

  it('wraps around to the first pending story when none waits after the current one', () => {
    const stories = [story('a', 'pending'), story('b', 'estimated'), story('c', 'active')];
    expect(storyAfterCurrent(roomWith(stories, 'c'))?.id).toBe('a');
    expect(storyAfterCurrent(roomWith([story('c', 'active')], 'c'))).toBeNull();
  });
});
