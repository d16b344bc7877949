/**
 * Writes the golden frames in `test-vectors/v<N>/`: `<name>.msgpack` (the bytes) and `<name>.json`
 * (`{ direction, message }`). Run with `npx tsx packages/protocol/scripts/write-test-vectors.ts`.
 *
 * The vectors pin each protocol version: rewriting one that already exists is a breaking change,
 * so only run this to add vectors, and check with `git diff` that no existing file changed. Each
 * frame is written in its canonical form (what encoding the decoded message gives), so the test can
 * demand byte-for-byte equality when it re-encodes. The v2 vectors are the v1 messages as v2 sends
 * them (acks name their command, errors their scope), plus the frames only v2 has.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import {
  type ClientMessage,
  DEFAULT_SETTINGS,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  type Participant,
  PRESET_DECKS,
  type ProtocolVersion,
  type ServerMessage,
  type Story,
} from '../src/index.js';

const root = new URL('../test-vectors/', import.meta.url);

// Fixed values, so a rerun writes identical bytes.
const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const ada: Participant = { id: 'p_ada', name: 'Ada', role: 'facilitator', presence: 'online' };
const grace: Participant = {
  id: 'p_grace',
  name: 'Grace',
  role: 'voter',
  presence: 'online',
  avatarUrl: 'https://example.com/avatars/grace.png',
  externalId: 'U024BE7LH',
};
const linus: Participant = { id: 'p_linus', name: 'Linus', role: 'voter', presence: 'away' };
const margaret: Participant = { id: 'p_margaret', name: 'Margaret', role: 'observer', presence: 'offline' };
const stories: Story[] = [
  {
    id: 's_login',
    title: 'Log in with SSO',
    externalId: 'PROJ-101',
    url: 'https://tracker.example.com/PROJ-101',
    status: 'estimated',
    estimate: '5',
    timeSpentMs: 184_000,
  },
  {
    id: 's_export',
    title: 'Export history as CSV',
    description: 'Facilitators download every round of a room.',
    externalId: 'PROJ-102',
    status: 'active',
    estimate: null,
    timeSpentMs: 0,
  },
  { id: 's_dark', title: 'Dark theme', status: 'pending', estimate: null, timeSpentMs: 0 },
];

const client = (message: ClientMessage) => ({ direction: 'client' as const, message });
const server = (message: ServerMessage) => ({ direction: 'server' as const, message });

const vectors: Record<string, ReturnType<typeof client> | ReturnType<typeof server>> = {
  'client.vote.cast': client({ v: 1, t: 'vote.cast', id: 1, d: { card: '5' } }),
  'client.vote.cast.unicode': client({ v: 1, t: 'vote.cast', id: 2, d: { card: '☕' } }),
  'client.vote.retract': client({ v: 1, t: 'vote.retract', id: 3, d: {} }),
  'client.round.start': client({ v: 1, t: 'round.start', id: 4, d: { storyId: 's_export' } }),
  'client.round.start.no-story': client({ v: 1, t: 'round.start', id: 5, d: {} }),
  'client.round.reveal': client({ v: 1, t: 'round.reveal', id: 6, d: {} }),
  'client.round.reset': client({ v: 1, t: 'round.reset', id: 7, d: {} }),
  'client.round.finalize': client({ v: 1, t: 'round.finalize', id: 8, d: { estimate: '5' } }),
  'client.round.nudge': client({ v: 1, t: 'round.nudge', id: 9, d: {} }),
  'client.story.add': client({
    v: 1,
    t: 'story.add',
    id: 10,
    d: { title: 'Dark theme', description: 'Follow the OS setting.', externalId: 'PROJ-103' },
  }),
  'client.story.update': client({
    v: 1,
    t: 'story.update',
    id: 11,
    d: { storyId: 's_dark', title: 'Dark and high-contrast themes' },
  }),
  'client.story.remove': client({ v: 1, t: 'story.remove', id: 12, d: { storyId: 's_dark' } }),
  'client.story.reorder': client({
    v: 1,
    t: 'story.reorder',
    id: 13,
    d: { storyIds: ['s_export', 's_login', 's_dark'] },
  }),
  'client.story.import': client({
    v: 1,
    t: 'story.import',
    id: 14,
    d: {
      stories: [
        { title: 'Rate limits per key', externalId: 'PROJ-104', url: 'https://tracker.example.com/PROJ-104' },
        { title: 'Webhook retries', externalId: 'PROJ-105' },
      ],
    },
  }),
  'client.room.update': client({
    v: 1,
    t: 'room.update',
    id: 15,
    d: { name: 'Sprint 43', settings: { autoReveal: true, roundTimerSeconds: 120 } },
  }),
  'client.room.update.custom-deck': client({
    v: 1,
    t: 'room.update',
    id: 16,
    d: {
      deck: {
        kind: 'custom',
        cards: [
          { label: '1', value: 1 },
          { label: '2', value: 2 },
          { label: '4', value: 4 },
          { label: '½', value: 0.5 },
          { label: '?', value: null },
        ],
      },
    },
  }),
  'client.room.update.preset-deck': client({
    v: 1,
    t: 'room.update',
    id: 17,
    d: { deck: { kind: 't-shirt' } },
  }),
  'client.participant.rename': client({ v: 1, t: 'participant.rename', id: 18, d: { name: 'Ada L.' } }),
  'client.participant.role': client({
    v: 1,
    t: 'participant.role',
    id: 19,
    d: { participantId: 'p_linus', role: 'observer' },
  }),
  'client.participant.kick': client({ v: 1, t: 'participant.kick', id: 20, d: { participantId: 'p_linus' } }),
  'client.facilitator.transfer': client({
    v: 1,
    t: 'facilitator.transfer',
    id: 21,
    d: { participantId: 'p_grace' },
  }),
  'client.timer.start': client({ v: 1, t: 'timer.start', id: 22, d: { seconds: 90 } }),
  'client.timer.stop': client({ v: 1, t: 'timer.stop', id: 23, d: {} }),
  'client.reaction.send': client({ v: 1, t: 'reaction.send', id: 24, d: { emoji: '👍🏽' } }),
  'client.ping': client({ v: 1, t: 'ping', id: 25, d: {} }),
  'client.resume': client({ v: 1, t: 'resume', id: 26, d: { lastSeq: 40 } }),
  'client.ping.large-id': client({ v: 1, t: 'ping', id: 4_294_967_295, d: {} }),

  'server.welcome': server({
    v: 1,
    t: 'welcome',
    d: {
      sessionId: 'sess_7Hq2',
      you: grace,
      yourVote: '8',
      room: {
        id: 'room_sprint42',
        name: 'Sprint 42',
        deck: PRESET_DECKS['modified-fibonacci'],
        settings: { ...DEFAULT_SETTINGS, roundTimerSeconds: 120 },
        participants: [ada, grace, linus, margaret],
        stories,
        round: {
          id: 'rd_2',
          storyId: 's_export',
          status: 'voting',
          startedAt: T0 + 200_000,
          anonymous: false,
          voted: ['p_grace', 'p_ada'],
        },
        timer: { startedAt: T0 + 200_000, endsAt: T0 + 320_000, seconds: 120 },
        closed: false,
      },
      seq: 41,
      serverTime: T0 + 230_000,
    },
  }),
  'server.welcome.empty-room': server({
    v: 1,
    t: 'welcome',
    d: {
      sessionId: 'sess_1',
      you: ada,
      yourVote: null,
      room: {
        id: 'room_new',
        name: '',
        deck: PRESET_DECKS.fibonacci,
        settings: DEFAULT_SETTINGS,
        participants: [ada],
        stories: [],
        round: null,
        timer: null,
        closed: false,
      },
      seq: 0,
      serverTime: T0,
    },
  }),
  'server.ack': server({ v: 1, t: 'ack', d: { id: 1 } }),
  'server.ack.story-ids': server({
    v: 1,
    t: 'ack',
    d: { id: 14, result: { storyIds: ['s_rate', 's_hooks'] } },
  }),
  'server.ack.resume-replay': server({
    v: 1,
    t: 'ack',
    d: { id: 26, result: { replayed: 1, resume: 'replay' } },
  }),
  'server.ack.resume-snapshot': server({
    v: 1,
    t: 'ack',
    d: { id: 26, result: { replayed: 0, resume: 'snapshot' } },
  }),
  'server.ack.ping': server({ v: 1, t: 'ack', d: { id: 25, result: { serverTime: T0 + 231_000 } } }),
  'server.error': server({
    v: 1,
    t: 'error',
    d: { code: 'invalid_card', message: "The card is not in this room's deck.", retryable: false, id: 1 },
  }),
  'server.error.connection': server({
    v: 1,
    t: 'error',
    d: { code: 'rate_limited', message: 'Too many requests. Slow down.', retryable: true },
  }),
  'server.reaction': server({ v: 1, t: 'reaction', d: { participantId: 'p_linus', emoji: '🎉' } }),
  'server.nudge': server({ v: 1, t: 'nudge', d: { from: 'p_ada', participantIds: ['p_linus'] } }),

  'server.participant.joined': server({ v: 1, t: 'participant.joined', seq: 42, d: { participant: linus } }),
  'server.participant.left': server({
    v: 1,
    t: 'participant.left',
    seq: 43,
    d: { participantId: 'p_margaret', reason: 'left' },
  }),
  'server.participant.updated': server({
    v: 1,
    t: 'participant.updated',
    seq: 44,
    d: { participant: { ...linus, name: 'Linus T.' } },
  }),
  'server.participant.presence': server({
    v: 1,
    t: 'participant.presence',
    seq: 45,
    d: { participantId: 'p_linus', presence: 'online' },
  }),
  'server.facilitator.changed': server({
    v: 1,
    t: 'facilitator.changed',
    seq: 46,
    d: { from: 'p_ada', to: 'p_grace', reason: 'transfer' },
  }),
  'server.vote.cast': server({ v: 1, t: 'vote.cast', seq: 47, d: { participantId: 'p_linus' } }),
  'server.vote.retracted': server({ v: 1, t: 'vote.retracted', seq: 48, d: { participantId: 'p_linus' } }),
  'server.round.started': server({
    v: 1,
    t: 'round.started',
    seq: 49,
    d: {
      round: {
        id: 'rd_3',
        storyId: 's_dark',
        status: 'voting',
        startedAt: T0 + 400_000,
        anonymous: false,
        voted: [],
      },
    },
  }),
  'server.round.revealed': server({
    v: 1,
    t: 'round.revealed',
    seq: 50,
    d: {
      roundId: 'rd_3',
      votes: [
        { participantId: 'p_ada', card: '3' },
        { participantId: 'p_grace', card: '5' },
        { participantId: 'p_linus', card: '5' },
        { participantId: 'p_joan', card: '8' },
        { participantId: 'p_alan', card: '?' },
      ],
      stats: {
        count: 5,
        numericCount: 4,
        mean: 5.25,
        median: 5,
        modes: ['5'],
        min: 3,
        max: 8,
        spread: 5,
        agreement: 0.5,
        consensus: false,
        suggestion: '5',
        distribution: [
          { label: '3', count: 1 },
          { label: '5', count: 2 },
          { label: '8', count: 1 },
        ],
        nonNumeric: [{ label: '?', count: 1 }],
      },
      auto: false,
    },
  }),
  'server.round.revealed.anonymous-consensus': server({
    v: 1,
    t: 'round.revealed',
    seq: 51,
    d: {
      roundId: 'rd_4',
      votes: [{ card: '½' }, { card: '½' }, { card: '☕' }],
      stats: {
        count: 3,
        numericCount: 2,
        mean: 0.5,
        median: 0.5,
        modes: ['½'],
        min: 0.5,
        max: 0.5,
        spread: 0,
        agreement: 1,
        consensus: true,
        suggestion: '½',
        distribution: [{ label: '½', count: 2 }],
        nonNumeric: [{ label: '☕', count: 1 }],
      },
      auto: true,
    },
  }),
  'server.round.revealed.no-votes': server({
    v: 1,
    t: 'round.revealed',
    seq: 52,
    d: {
      roundId: 'rd_5',
      votes: [],
      stats: {
        count: 0,
        numericCount: 0,
        mean: null,
        median: null,
        modes: [],
        min: null,
        max: null,
        spread: null,
        agreement: 0,
        consensus: false,
        suggestion: null,
        distribution: [],
        nonNumeric: [],
      },
      auto: false,
    },
  }),
  'server.round.reset': server({
    v: 1,
    t: 'round.reset',
    seq: 53,
    d: {
      round: {
        id: 'rd_6',
        storyId: 's_dark',
        status: 'voting',
        startedAt: T0 + 500_000,
        anonymous: false,
        voted: [],
      },
    },
  }),
  'server.round.finalized': server({
    v: 1,
    t: 'round.finalized',
    seq: 54,
    d: { roundId: 'rd_6', storyId: 's_dark', estimate: '5', durationMs: 95_250 },
  }),
  'server.story.added': server({
    v: 1,
    t: 'story.added',
    seq: 55,
    d: {
      stories: [
        { id: 's_rate', title: 'Rate limits per key', status: 'pending', estimate: null, timeSpentMs: 0 },
        { id: 's_hooks', title: 'Webhook retries', status: 'pending', estimate: null, timeSpentMs: 0 },
      ],
    },
  }),
  'server.story.updated': server({
    v: 1,
    t: 'story.updated',
    seq: 56,
    d: { story: { ...stories[2], title: 'Dark and high-contrast themes' } as Story },
  }),
  'server.story.removed': server({ v: 1, t: 'story.removed', seq: 57, d: { storyId: 's_hooks' } }),
  'server.story.reordered': server({
    v: 1,
    t: 'story.reordered',
    seq: 58,
    d: { storyIds: ['s_rate', 's_export', 's_login', 's_dark'] },
  }),
  'server.room.updated': server({
    v: 1,
    t: 'room.updated',
    seq: 59,
    d: {
      name: 'Sprint 43',
      deck: PRESET_DECKS['t-shirt'],
      settings: { autoReveal: true, revealPolicy: 'voters', roundTimerSeconds: null, anonymous: true },
    },
  }),
  'server.room.closed': server({ v: 1, t: 'room.closed', seq: 60, d: {} }),
  'server.timer.started': server({
    v: 1,
    t: 'timer.started',
    seq: 61,
    d: { startedAt: T0 + 600_000, endsAt: T0 + 690_000, seconds: 90 },
  }),
  'server.timer.stopped': server({ v: 1, t: 'timer.stopped', seq: 62, d: { reason: 'expired' } }),
};

type Vector = ReturnType<typeof client> | ReturnType<typeof server>;

/** The commands the v1 acks and errors above answer, by request id: v2 names them. */
const COMMAND_OF_ID: Readonly<Record<number, ClientMessage['t']>> = {
  1: 'vote.cast',
  14: 'story.import',
  25: 'ping',
  26: 'resume',
};

/** A v1 vector as v2 sends it. */
function inV2(vector: Vector): Vector {
  const message = { ...vector.message, v: 2 } as ClientMessage | ServerMessage;
  if (message.t === 'ack') {
    const command = COMMAND_OF_ID[message.d.id];
    if (command === undefined) throw new Error(`no command known for ack ${message.d.id}`);
    const { id, ...rest } = message.d;
    return server({ ...message, d: { id, command, ...rest } });
  }
  if (message.t === 'error') {
    const scope = message.d.id === undefined ? 'connection' : 'command';
    return server({ ...message, d: { ...message.d, scope } });
  }
  return vector.direction === 'client' ? client(message as ClientMessage) : server(message as ServerMessage);
}

const v2Vectors: Record<string, Vector> = {
  ...Object.fromEntries(Object.entries(vectors).map(([name, vector]) => [name, inV2(vector)])),
  'server.error.frame': server({
    v: 2,
    t: 'error',
    d: {
      code: 'malformed_frame',
      message: 'The frame is not valid MessagePack.',
      retryable: false,
      scope: 'frame',
    },
  }),
  'server.error.unsupported-version': server({
    v: 2,
    t: 'error',
    d: {
      code: 'unsupported_version',
      message: 'frame has v=1; this connection speaks v2',
      retryable: false,
      id: 27,
      scope: 'command',
    },
  }),
  'server.ack.timer-start': server({ v: 2, t: 'ack', d: { id: 22, command: 'timer.start' } }),
  'client.participant.votes': client({ v: 2, t: 'participant.votes', id: 28, d: { votes: false } }),
  'server.participant.updated.not-voting': server({
    v: 2,
    t: 'participant.updated',
    seq: 43,
    d: { participant: { ...ada, votes: false } },
  }),
};

function writeVectors(version: ProtocolVersion, table: Record<string, Vector>): void {
  const directory = new URL(`v${version}/`, root);
  mkdirSync(directory, { recursive: true });
  for (const file of readdirSync(directory)) {
    if (file.endsWith('.msgpack') || file.endsWith('.json')) rmSync(new URL(file, directory));
  }
  for (const [name, vector] of Object.entries(table)) {
    const decode = vector.direction === 'client' ? decodeClientMessage : decodeServerMessage;
    const decoded = decode(encode(vector.message), version);
    // The server decoder drops unknown fields silently; a vector must contain none of them.
    if (!isDeepStrictEqual(decoded, vector.message))
      throw new Error(`v${version} ${name}: the message does not round-trip`);
    const bytes = encode(decoded);
    writeFileSync(new URL(`${name}.msgpack`, directory), bytes);
    writeFileSync(
      new URL(`${name}.json`, directory),
      `${JSON.stringify({ direction: vector.direction, message: decoded }, null, 2)}\n`,
    );
  }
  console.log(`wrote ${Object.keys(table).length} vectors to ${directory.pathname}`);
}

writeVectors(1, vectors);
writeVectors(2, v2Vectors);
