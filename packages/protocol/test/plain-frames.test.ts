import {
  CLIENT_COMMANDS,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  isSafeText,
  ProtocolError,
  peekRequestId,
  SAFE_TEXT_MESSAGE,
  SAFE_TEXT_PATTERN,
} from '@pokerroom/protocol';
import { KindGuard, type TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { COMMAND_CHECKS } from '../src/generated/validators.js';
import { MAX_FRAME_DEPTH, plainMessagePackProblem } from '../src/plain-msgpack.js';

const packr = new Packr({ useRecords: false });
const pack = (value: unknown): Uint8Array => packr.pack(value);
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

function refusal(decode: () => unknown): ProtocolError {
  try {
    decode();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('expected the frame to be refused');
}

/** A room.update frame whose `settings.autoReveal` is the given raw MessagePack value. */
function roomUpdateWith(rawValue: string): Uint8Array {
  // {v:1, t:'room.update', id:1, d:{settings:{autoReveal: <raw>}}}
  const head = Buffer.from(pack({ v: 1, t: 'room.update', id: 1, d: { settings: { autoReveal: 0 } } }));
  // The packed autoReveal value is the last byte (positive fixint 0): swap it for the raw bytes.
  return Uint8Array.from(Buffer.concat([head.subarray(0, head.length - 1), hex(rawValue)]));
}

describe('a MessagePack extension value passes as an absent field (regression)', () => {
  it('refuses fixext 1 of type 0 (msgpackr undefined) in room.update settings.autoReveal', () => {
    const error = refusal(() => decodeClientMessage(roomUpdateWith('d4 00 00')));
    expect({ code: error.code, requestId: error.requestId }).toEqual({
      code: 'malformed_frame',
      requestId: undefined,
    });
    expect(error.message).toMatch(/extension type .* plain MessagePack/);
  });

  it.each([
    ['fixext 1', 'd4 01 00'],
    ['fixext 2', 'd5 01 00 00'],
    ['fixext 4 (timestamp)', 'd6 ff 00 00 00 00'],
    ['fixext 8', 'd7 01 00 00 00 00 00 00 00 00'],
    ['fixext 16', `d8 01 ${'00 '.repeat(16)}`],
    ['ext 8', 'c7 01 72 00'],
    ['ext 16', 'c8 00 01 73 00'],
    ['ext 32', 'c9 00 00 00 01 74 00'],
    ['never used 0xc1', 'c1'],
  ])('refuses %s anywhere in a frame, client and server side', (_, raw) => {
    expect(refusal(() => decodeClientMessage(roomUpdateWith(raw))).code).toBe('malformed_frame');
    const server = Buffer.from(pack({ v: 1, t: 'ack', d: { id: 0 } }));
    const bytes = Uint8Array.from(Buffer.concat([server.subarray(0, server.length - 1), hex(raw)]));
    expect(refusal(() => decodeServerMessage(bytes)).code).toBe('malformed_frame');
  });

  it('refuses bytes after the value, map keys that are not strings, and nesting beyond the limit', () => {
    const ping = Buffer.from(encode({ v: 1, t: 'ping', id: 1, d: {} }));
    expect(plainMessagePackProblem(Buffer.concat([ping, hex('c0')]))).toMatch(/after the end/);
    expect(plainMessagePackProblem(hex('81 01 02'))).toMatch(/key .* not a string/);
    expect(plainMessagePackProblem(hex(`${'91'.repeat(MAX_FRAME_DEPTH + 1)} c0`))).toMatch(/nested/);
    expect(plainMessagePackProblem(hex(`${'91'.repeat(MAX_FRAME_DEPTH)} c0`))).toBeNull();
    // A frame of nothing but array headers, as deep as the frame limit allows, costs no stack.
    expect(refusal(() => decodeClientMessage(new Uint8Array(60_000).fill(0x91))).code).toBe(
      'malformed_frame',
    );
  });

  it('lets through every value msgpackr packs from plain data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.uint8Array({ maxLength: 8 }), (value, bin) => {
        expect(plainMessagePackProblem(pack(value))).toBeNull();
        expect(plainMessagePackProblem(pack({ value, bin }))).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('judges random and truncated bytes without throwing, and the decoder refuses with a code', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.uint8Array({ maxLength: 64 }), (value, cut, noise) => {
        const bytes = pack({ v: 1, t: 'ping', id: 1, d: value });
        for (const frame of [bytes.subarray(0, cut % bytes.length), noise]) {
          if (plainMessagePackProblem(frame) === null) continue;
          expect(refusal(() => decodeClientMessage(frame)).code).toBe('malformed_frame');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('peeks the request id of an envelope without decoding the payload', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.jsonValue(), (id, d) => {
        expect(peekRequestId(pack({ v: 1, t: 'vote.cast', id, d }))).toBe(id);
        expect(peekRequestId(pack({ v: 1, t: 'vote.cast', id: -id - 1, d }))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
    expect(peekRequestId(hex('c1'))).toBeUndefined();
    expect(peekRequestId(new Uint8Array(0))).toBeUndefined();
  });

  it('encodes optional fields left undefined as absent, never as an extension value', () => {
    const bytes = encode({ v: 1, t: 'ack', d: { id: 3, result: undefined } } as never);
    expect(plainMessagePackProblem(bytes)).toBeNull();
    expect(decodeServerMessage(bytes)).toEqual({ v: 1, t: 'ack', d: { id: 3 } });
  });
});

/** Every string schema inside a schema, however deep. */
function stringsOf(schema: TSchema): TSchema[] {
  if (KindGuard.IsString(schema)) return [schema];
  if (KindGuard.IsObject(schema))
    return Object.values(schema.properties).flatMap((inner) => stringsOf(inner));
  if (KindGuard.IsArray(schema)) return stringsOf(schema.items);
  if (KindGuard.IsUnion(schema)) return schema.anyOf.flatMap((member) => stringsOf(member));
  return [];
}

describe('text the database refuses reaches it through a command (regression)', () => {
  it('every text field of every command is safe text', () => {
    const unsafe = Object.entries(CLIENT_COMMANDS).flatMap(([t, schema]) =>
      stringsOf(schema)
        .filter((inner) => inner.pattern !== SAFE_TEXT_PATTERN)
        .map(() => t),
    );
    expect(unsafe).toEqual([]);
  });

  it('refuses NUL in story.update title with invalid_payload naming the field', () => {
    const error = refusal(() =>
      decodeClientMessage(pack({ v: 1, t: 'story.update', id: 9, d: { storyId: 's_1', title: 'a\u0000b' } })),
    );
    expect({ code: error.code, requestId: error.requestId }).toEqual({
      code: 'invalid_payload',
      requestId: 9,
    });
    expect(error.message).toMatch(/^story\.update: d\/title: .*NUL.*surrogate/);
  });

  // UTF-8 cannot carry a lone surrogate: its encoded form (ED A0 80) decodes to U+FFFD. The
  // command checks refuse one all the same, for frames decoded some other way.
  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', 'x\udc00y'],
    ['a reversed pair', '\ude00\ud83d'],
  ])('refuses %s in story.update title', (_, title) => {
    expect(COMMAND_CHECKS['story.update']?.({ storyId: 's_1', title })).toEqual([
      '/title',
      SAFE_TEXT_MESSAGE,
    ]);
    const encoded = Buffer.concat([hex('81 a1 74 a3 ed a0 80')]);
    expect(isSafeText(new Packr({ useRecords: false }).unpack(encoded).t)).toBe(true);
  });

  it('accepts surrogate pairs (emoji and other astral characters)', () => {
    const title = 'Ship it 🚀 𝄞';
    expect(isSafeText(title)).toBe(true);
    const decoded = decodeClientMessage(pack({ v: 1, t: 'story.update', id: 1, d: { storyId: 's', title } }));
    expect(decoded.d).toEqual({ storyId: 's', title });
  });

  it('isSafeText agrees with the pattern, with and without the u flag', () => {
    const plain = new RegExp(SAFE_TEXT_PATTERN);
    const unicode = new RegExp(SAFE_TEXT_PATTERN, 'u');
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.string({ unit: 'binary-ascii' }),
        (a, b) => {
          for (const value of [a, `${b}${a}`, a.slice(1)]) {
            expect(plain.test(value)).toBe(isSafeText(value));
            expect(unicode.test(value)).toBe(isSafeText(value));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
