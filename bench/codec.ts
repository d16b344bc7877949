/**
 * Codec benchmark: bytes per frame and time per encode and per decode for typical server frames,
 * with our codec (msgpackr plus validation), raw msgpackr, and JSON, side by side.
 */

import { Packr, Unpackr } from 'msgpackr';
import {
  DEFAULT_SETTINGS,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  type Participant,
  PRESET_DECKS,
  type RevealedVote,
  readVoteCast,
  type ServerMessage,
  type Story,
} from '../packages/protocol/src/index.js'; // the sources: a benchmark must not need a build first
import { ackFrame } from '../server/src/realtime/frame-templates.js';
import { ackIn, encodeIn } from '../server/src/realtime/wire-versions.js';
import { formatNanos, MEASURE_MS, nanosPerCall, WARMUP_MS } from './nanos-per-call.js';

const T0 = 1_767_225_600_000;
const people = (count: number): Participant[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `p_${index.toString().padStart(4, '0')}`,
    name: `Participant ${index}`,
    role: index === 0 ? 'facilitator' : index % 10 === 9 ? 'observer' : 'voter',
    presence: index % 7 === 6 ? 'away' : 'online',
    ...(index % 3 === 0 ? { externalId: `U${100_000 + index}` } : {}),
  }));
const stories = (count: number): Story[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `s_${index}`,
    title: `As a user I can do thing number ${index} without surprises`,
    externalId: `PROJ-${200 + index}`,
    url: `https://tracker.example.com/browse/PROJ-${200 + index}`,
    status: index < 8 ? 'estimated' : index === 8 ? 'active' : 'pending',
    estimate: index < 8 ? String([1, 2, 3, 5, 8][index % 5]) : null,
    timeSpentMs: index < 8 ? 60_000 + index * 1_234 : 0,
  }));

const labels = ['3', '5', '5', '8', '5', '3', '8', '13', '5', '?', '5', '3'];
const votes: RevealedVote[] = labels.map((card, index) => ({ participantId: `p_${index}`, card }));

const FRAMES: Record<string, ServerMessage> = {
  'vote.cast': { v: 1, t: 'vote.cast', seq: 1_042, d: { participantId: 'p_0007' } },
  'round.revealed (12 votes, stats)': {
    v: 1,
    t: 'round.revealed',
    seq: 1_043,
    d: {
      roundId: 'rd_381',
      votes,
      stats: {
        count: 12,
        numericCount: 11,
        mean: 5.7272727272727275,
        median: 5,
        modes: ['5'],
        min: 3,
        max: 13,
        spread: 10,
        agreement: 0.45454545454545453,
        consensus: false,
        suggestion: '5',
        distribution: [
          { label: '3', count: 3 },
          { label: '5', count: 5 },
          { label: '8', count: 2 },
          { label: '13', count: 1 },
        ],
        nonNumeric: [{ label: '?', count: 1 }],
      },
      auto: false,
    },
  },
  'welcome (30 people, 20 stories)': {
    v: 1,
    t: 'welcome',
    d: {
      sessionId: 'sess_8f3k2',
      you: people(30)[4] as Participant,
      yourVote: '5',
      room: {
        id: 'room_sprint42',
        name: 'Sprint 42 planning',
        deck: PRESET_DECKS['modified-fibonacci'],
        settings: DEFAULT_SETTINGS,
        participants: people(30),
        stories: stories(20),
        round: {
          id: 'rd_382',
          storyId: 's_8',
          status: 'voting',
          startedAt: T0,
          anonymous: false,
          voted: people(18).map((p) => p.id),
        },
        timer: { startedAt: T0, endsAt: T0 + 120_000, seconds: 120 },
        closed: false,
      },
      seq: 1_041,
      serverTime: T0 + 30_000,
    },
  },
};

interface Codec {
  readonly name: string;
  readonly encode: (message: ServerMessage) => Uint8Array;
  readonly decode: (bytes: Uint8Array) => unknown;
}

const rawPackr = new Packr({ useRecords: false, variableMapSize: true });
const rawUnpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

const CODECS: readonly Codec[] = [
  { name: 'protocol (msgpackr + validation)', encode, decode: decodeServerMessage },
  { name: 'raw msgpackr', encode: (m) => rawPackr.pack(m), decode: (b) => rawUnpackr.unpack(b) },
  {
    name: 'JSON + TextEncoder',
    encode: (m) => textEncoder.encode(JSON.stringify(m)),
    decode: (b) => JSON.parse(textDecoder.decode(b)),
  },
];

const ratio = (value: number, base: number): string => `${(value / base).toFixed(2)}×`;

export default function runCodecBench(): void {
  console.log(
    `Node ${process.version}, ${process.arch}; ${WARMUP_MS} ms warm-up, ${MEASURE_MS} ms per figure.\n`,
  );
  console.log(
    '| frame | codec | bytes | encode | decode | bytes vs JSON | encode vs JSON | decode vs JSON |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [frame, message] of Object.entries(FRAMES)) {
    const rows = CODECS.map((codec) => {
      const bytes = codec.encode(message);
      return {
        codec: codec.name,
        bytes: bytes.byteLength,
        encode: nanosPerCall(() => codec.encode(message)),
        decode: nanosPerCall(() => codec.decode(bytes)),
      };
    });
    const json = rows[rows.length - 1];
    if (json === undefined) continue;
    for (const row of rows) {
      console.log(
        `| ${frame} | ${row.codec} | ${row.bytes} | ${formatNanos(row.encode)} | ${formatNanos(row.decode)} | ` +
          `${ratio(row.bytes, json.bytes)} | ${ratio(row.encode, json.encode)} | ${ratio(row.decode, json.decode)} |`,
      );
    }
  }
  console.log();
  printServerFrames();
  printVoteDecode();
}

/**
 * The two frames every vote costs, as the server writes them: the `vote.cast` event (by the
 * protocol's codec, and from its template, which `encodeIn` uses) and its `ack` (versioned by
 * `encodeIn`, built by `ackIn` and encoded, and from its template, which the server uses). Every
 * way gives the same bytes (`server/test/realtime/frame-templates.test.ts`, `wire-versions.test.ts`).
 */
function printServerFrames(): void {
  console.log('| frame (participant id of 21 characters) | codec | from the template | bytes |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const version of [1, 2] as const) {
    let seq = 70_000;
    const d = { participantId: 'p_voter_1_00000000000' };
    const codec = nanosPerCall(() => encode({ t: 'vote.cast', seq: seq++, d, v: version } as ServerMessage));
    const template = nanosPerCall(() => encodeIn(version, { t: 'vote.cast', seq: seq++, d }));
    const bytes = encodeIn(version, { t: 'vote.cast', seq, d }).byteLength;
    console.log(
      `| \`vote.cast\` event, v${version} | ${formatNanos(codec)} | ${formatNanos(template)} | ${bytes} |`,
    );
  }
  console.log();
  console.log('| ack of a `vote.cast` | encodeIn | ackIn + encode | from the template | bytes |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const version of [1, 2] as const) {
    let id = 0;
    const general = nanosPerCall(() =>
      encodeIn(version, { t: 'ack', d: { id: id++ & 0xffff, command: 'vote.cast' } }),
    );
    const built = nanosPerCall(() => encode(ackIn(version, id++ & 0xffff, 'vote.cast', undefined)));
    const template = nanosPerCall(() => ackFrame(version, id++ & 0xffff, 'vote.cast'));
    const bytes = encode(ackIn(version, 1, 'vote.cast', undefined)).byteLength;
    console.log(
      `| v${version} | ${formatNanos(general)} | ${formatNanos(built)} | ${formatNanos(template)} | ${bytes} |`,
    );
  }
  console.log();
}

/**
 * The frame clients send most, decoded in full (`decodeClientMessage`) and the server's way
 * (`readVoteCast` first, which reads a vote in the common layout byte by byte); both give the same
 * message (`packages/protocol/test/vote-cast-frame.test.ts`).
 */
function printVoteDecode(): void {
  console.log(
    '| `vote.cast` command, decoded | decodeClientMessage | readVoteCast first, as the server | bytes |',
  );
  console.log('| --- | ---: | ---: | ---: |');
  for (const version of [1, 2] as const) {
    const frames = [1, 300, 70_000].map((id) =>
      encode({ v: version, t: 'vote.cast', id, d: { card: '13' } }),
    );
    let at = 0;
    const full = nanosPerCall(() => decodeClientMessage(frames[at++ % 3] as Uint8Array, version));
    const shortcut = nanosPerCall(() => {
      const frame = frames[at++ % 3] as Uint8Array;
      return readVoteCast(frame, version) ?? decodeClientMessage(frame, version);
    });
    const bytes = frames.map((frame) => frame.byteLength).join('–');
    console.log(
      `| v${version}, ids 1, 300, 70,000 | ${formatNanos(full)} | ${formatNanos(shortcut)} | ${bytes} |`,
    );
  }
  console.log();
}
