import {
  CLIENT_COMMANDS,
  decodeServerMessage,
  encode,
  type ServerMessage,
  SUPPORTED_VERSIONS,
} from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ackFrame, voteCastFrame } from '../../src/realtime/frame-templates.js';
import { type AckedCommand, ackIn, encodeIn } from '../../src/realtime/wire-versions.js';

const commands = Object.keys(CLIENT_COMMANDS) as AckedCommand[];
const versions = fc.constantFrom(...SUPPORTED_VERSIONS);

/** Integers around every boundary of MessagePack's integer forms, and beyond 32 bits. */
const integers = fc.oneof(
  fc.nat({ max: 0x1_0000 }),
  fc.integer({ min: 0x7e, max: 0x81 }),
  fc.integer({ min: 0xfe, max: 0x101 }),
  fc.integer({ min: 0xfffe, max: 0x1_0001 }),
  fc.integer({ min: 0xffff_fffe, max: 0x1_0000_0001 }),
  fc.nat({ max: Number.MAX_SAFE_INTEGER }),
);

/** Ids the template writes (ASCII up to 255) and ids it must leave to the codec. */
const participantIds = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
    maxLength: 300,
  }),
  fc.stringMatching(/^[a-z0-9_-]{1,40}$/),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('x'.repeat(31), 'x'.repeat(32), 'x'.repeat(255), 'x'.repeat(256), 'é', '😀', ''),
);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ackFrame', () => {
  it("gives the codec's bytes of an ack without a result, or null past 32 bits", () => {
    fc.assert(
      fc.property(versions, integers, fc.constantFrom(...commands), (version, id, command) => {
        const frame = ackFrame(version, id, command);
        if (id > 0xffff_ffff) {
          expect(frame).toBeNull();
          return;
        }
        expect(frame).not.toBeNull();
        expect(hex(frame as Uint8Array)).toBe(hex(encode(ackIn(version, id, command, undefined))));
        expect(decodeServerMessage(frame as Uint8Array, version)).toMatchObject({ t: 'ack', d: { id } });
      }),
    );
  });
});

describe('voteCastFrame', () => {
  it("gives the codec's bytes of the event as encodeIn builds it, or null where the template cannot write it", () => {
    fc.assert(
      fc.property(versions, integers, participantIds, (version, seq, participantId) => {
        const d = { participantId };
        const frame = voteCastFrame(version, seq, d);
        const ascii = participantId.length <= 255 && [...participantId].every((c) => c.charCodeAt(0) < 0x80);
        if (seq > 0xffff_ffff || !ascii) {
          expect(frame).toBeNull();
          return;
        }
        const message = { t: 'vote.cast', seq, d, v: version } as ServerMessage;
        expect(hex(frame as Uint8Array)).toBe(hex(encode(message)));
      }),
    );
  });

  it('leaves a payload that is not exactly a participant to the codec, and encodeIn gives its bytes', () => {
    const payloads = [{ participantId: 'p_1', card: '5' }, {}, { participantId: 7 }, { other: 'p_1' }];
    for (const version of SUPPORTED_VERSIONS) {
      for (const d of payloads) {
        expect(voteCastFrame(version, 1, d as never)).toBeNull();
        const general = encode({ t: 'vote.cast', seq: 1, d, v: version } as unknown as ServerMessage);
        expect(hex(encodeIn(version, { t: 'vote.cast', seq: 1, d } as never))).toBe(hex(general));
      }
    }
  });

  it('keeps every frame intact while later frames are written, across the chunks they share', () => {
    // A frame is a view of a shared chunk: one written later must never land on it.
    const frames: [Uint8Array, string][] = [];
    for (let seq = 0; seq < 2_000; seq++) {
      const frame = voteCastFrame(2, seq * 997, { participantId: `p_${'x'.repeat(seq % 200)}` });
      const ack = ackFrame(1, seq * 65_537, 'vote.cast');
      if (frame === null || ack === null) throw new Error('the template refused a frame it writes');
      frames.push([frame, hex(frame)], [ack, hex(ack)]);
    }
    for (const [frame, bytes] of frames) expect(hex(frame)).toBe(bytes);
    expect(decodeServerMessage(frames[2]?.[0] as Uint8Array, 2)).toMatchObject({ t: 'vote.cast', seq: 997 });
  });
});
