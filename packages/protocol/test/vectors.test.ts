import { readdirSync, readFileSync } from 'node:fs';
import {
  CLIENT_COMMAND_TYPES,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  ROOM_EVENT_TYPES,
  SESSION_EVENT_TYPES,
} from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';

const directory = new URL('../test-vectors/', import.meta.url);

interface Vector {
  readonly name: string;
  readonly direction: 'client' | 'server';
  readonly message: { readonly t: string };
  readonly bytes: Uint8Array;
}

function readVector(name: string): Vector {
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

const files = readdirSync(directory);
const names = files.filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length));
const vectors = names.map(readVector);

describe('test vectors', () => {
  it('pairs every .json with a .msgpack and nothing else', () => {
    const msgpack = files.filter((file) => file.endsWith('.msgpack')).map((file) => file.slice(0, -8));
    expect(msgpack.sort()).toEqual([...names].sort());
    expect(vectors.length).toBeGreaterThan(0);
  });

  describe.each(vectors)('$name', (vector) => {
    const decode = vector.direction === 'client' ? decodeClientMessage : decodeServerMessage;

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
    expect(CLIENT_COMMAND_TYPES.filter((t) => !covered.has(t))).toEqual([]);
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
