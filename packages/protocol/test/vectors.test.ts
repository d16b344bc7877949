import { readdirSync, readFileSync } from 'node:fs';
import {
  CLIENT_COMMAND_TYPES,
  commandTypesOf,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  type ProtocolVersion,
  ROOM_EVENT_TYPES,
  SESSION_EVENT_TYPES,
  SUPPORTED_VERSIONS,
} from '@pokerroom/protocol';
import { Unpackr } from 'msgpackr';
import { describe, expect, it } from 'vitest';

interface Vector {
  readonly name: string;
  readonly direction: 'client' | 'server';
  readonly message: { readonly t: string };
  readonly bytes: Uint8Array;
}

function readVector(directory: URL, name: string): Vector {
  const parsed: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8'));
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('direction' in parsed) ||
    (parsed.direction !== 'client' && parsed.direction !== 'server') ||
    !('message' in parsed) ||
    typeof parsed.message !== 'object' ||
    parsed.message === null ||
    !('t' in parsed.message) ||
    typeof parsed.message.t !== 'string'
  ) {
    throw new Error(`${name}.json is not {"direction": "client" | "server", "message": {...}}`);
  }
  const message = { ...parsed.message, t: parsed.message.t };
  const bytes = new Uint8Array(readFileSync(new URL(`${name}.msgpack`, directory)));
  return { name, direction: parsed.direction, message, bytes };
}

describe.each(SUPPORTED_VERSIONS.map((version) => ({ version })))('v$version test vectors', ({ version }) => {
  const directory = new URL(`../test-vectors/v${version}/`, import.meta.url);
  const files = readdirSync(directory);
  const names = files.filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length));
  const vectors = names.map((name) => readVector(directory, name));

  it('pairs every .json with a .msgpack and nothing else', () => {
    const msgpack = files.filter((file) => file.endsWith('.msgpack')).map((file) => file.slice(0, -8));
    expect(msgpack.sort()).toEqual([...names].sort());
    expect(vectors.length).toBeGreaterThan(0);
  });

  describe.each(vectors)('$name', (vector) => {
    const decode = (bytes: Uint8Array) =>
      vector.direction === 'client'
        ? decodeClientMessage(bytes, version)
        : decodeServerMessage(bytes, version);

    it('decodes to the JSON message', () => {
      expect(decode(vector.bytes)).toStrictEqual(vector.message);
    });

    it('re-encodes to the same bytes', () => {
      expect(Buffer.from(encode(decode(vector.bytes))).toString('hex')).toBe(
        Buffer.from(vector.bytes).toString('hex'),
      );
    });

    it('is named after its direction and type', () => {
      expect(vector.name.startsWith(`${vector.direction}.${vector.message.t}`)).toBe(true);
    });
  });

  it('covers every client command type', () => {
    const covered = new Set(vectors.filter((v) => v.direction === 'client').map((v) => v.message.t));
    expect(commandTypesOf(version, CLIENT_COMMAND_TYPES).filter((t) => !covered.has(t))).toEqual([]);
  });

  it('covers every server message type', () => {
    const covered = new Set(vectors.filter((v) => v.direction === 'server').map((v) => v.message.t));
    expect([...ROOM_EVENT_TYPES, ...SESSION_EVENT_TYPES].filter((t) => !covered.has(t))).toEqual([]);
  });

  it('includes a reveal with statistics and a welcome of a room with people, stories and a round', () => {
    const revealed = vectors.find((v) => v.name === 'server.round.revealed');
    expect(revealed?.message).toMatchObject({ d: { stats: { numericCount: 4, suggestion: '5' } } });
    const welcome = vectors.find((v) => v.name === 'server.welcome');
    expect(welcome?.message).toMatchObject({ d: { room: { round: { status: 'voting' } } } });
  });
});

describe('the wire form of each version', () => {
  const read = (version: ProtocolVersion, name: string) =>
    new Uint8Array(readFileSync(new URL(`../test-vectors/v${version}/${name}.msgpack`, import.meta.url)));
  // 0xcb: float64; 0xd3: int64. The timestamp of the ping ack, 2026-01-01T00:03:51Z in ms.
  const timestamp = (bytes: Uint8Array) =>
    Buffer.from(bytes).toString('hex').split('54696d65')[1]?.slice(0, 2);

  it('writes integers beyond 32 bits as a MessagePack float64 in v1, as it always did', () => {
    expect(timestamp(read(1, 'server.ack.ping'))).toBe('cb');
  });

  it('writes them as a MessagePack integer in v2', () => {
    expect(timestamp(read(2, 'server.ack.ping'))).toBe('d3');
  });

  // Read with int64 as bigint: an integral `number` beyond 32 bits can then only have been a float.
  const exact = Object.assign(new Unpackr({ useRecords: false, mapsAsObjects: true }), {
    int64AsType: 'bigint',
  });
  const floatIntegers = (value: unknown): unknown[] => {
    if (typeof value === 'number')
      return Number.isInteger(value) && Math.abs(value) > 0xffff_ffff ? [value] : [];
    if (typeof value !== 'object' || value === null) return [];
    return Object.values(value).flatMap(floatIntegers);
  };

  it('has no integer written as a float in any v2 vector, where v1 had some', () => {
    const names = readdirSync(new URL('../test-vectors/v2/', import.meta.url))
      .filter((file) => file.endsWith('.msgpack'))
      .map((file) => file.slice(0, -'.msgpack'.length));
    for (const name of names) expect(floatIntegers(exact.unpack(read(2, name))), name).toEqual([]);
    expect(floatIntegers(exact.unpack(read(1, 'server.welcome')))).not.toEqual([]);
  });

  it('answers with the command in v2 acks and the scope in v2 errors, and refuses a v2 ack without them', () => {
    expect(decodeServerMessage(read(2, 'server.ack'), 2)).toMatchObject({
      d: { id: 1, command: 'vote.cast' },
    });
    expect(decodeServerMessage(read(2, 'server.error.connection'), 2)).toMatchObject({
      d: { scope: 'connection' },
    });
    const v1Ack = encode({ v: 2, t: 'ack', d: { id: 1 } });
    expect(() => decodeServerMessage(v1Ack, 2)).toThrow(/command is required in v2/);
  });

  it('keeps the v2-only fields out of v1 frames', () => {
    const ack = encode({ v: 1, t: 'ack', d: { id: 1, command: 'vote.cast' } });
    expect(Buffer.from(ack).equals(Buffer.from(read(1, 'server.ack')))).toBe(true);
  });

  it("keeps a facilitator's choice not to vote (v2) out of v1 participants, in events and welcomes", () => {
    const updated = decodeServerMessage(read(2, 'server.participant.updated.not-voting'), 2);
    if (updated.t !== 'participant.updated') throw new Error('not a participant.updated vector');
    expect(updated.d.participant.votes).toBe(false);
    const inV1 = decodeServerMessage(encode({ ...updated, v: 1 }), 1);
    expect(inV1).toEqual({
      ...updated,
      v: 1,
      d: { participant: { ...updated.d.participant, votes: undefined } },
    });
    expect('votes' in (inV1.t === 'participant.updated' ? inV1.d.participant : {})).toBe(false);

    const welcome = decodeServerMessage(read(2, 'server.welcome'), 2);
    if (welcome.t !== 'welcome') throw new Error('not a welcome vector');
    const you = { ...welcome.d.you, votes: false as const };
    const participants = welcome.d.room.participants.map((p) => ({ ...p, votes: false as const }));
    const v1Welcome = decodeServerMessage(
      encode({ ...welcome, v: 1, d: { ...welcome.d, you, room: { ...welcome.d.room, participants } } }),
      1,
    );
    if (v1Welcome.t !== 'welcome') throw new Error('not a welcome');
    expect([v1Welcome.d.you, ...v1Welcome.d.room.participants].some((p) => 'votes' in p)).toBe(false);
  });

  it('encodes a hostile v1 welcome or participant event without a room or participant as it is', () => {
    for (const d of [{}, { room: {} }, { room: { participants: 'x' }, you: null }]) {
      expect(() => encode({ v: 1, t: 'welcome', d } as never)).not.toThrow();
    }
    expect(() => encode({ v: 1, t: 'participant.updated', seq: 1, d: {} } as never)).not.toThrow();
  });

  it('refuses a command of v2 on a v1 connection with unknown_type, naming the version', () => {
    const command = encode({ v: 1, t: 'participant.votes', id: 3, d: { votes: false } });
    expect(() => decodeClientMessage(command, 1)).toThrow(/participant.votes is a command of protocol v2/);
    expect(decodeClientMessage(read(2, 'client.participant.votes'), 2)).toMatchObject({
      d: { votes: false },
    });
  });
});
