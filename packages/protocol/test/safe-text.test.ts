import { findUnsafeText, unsafeTextReason } from '@pokerroom/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const pgAccepts = (text: string) =>
  !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;

describe('safe text', () => {
  it('accepts text with astral characters, accents and control characters other than NUL', () => {
    expect(unsafeTextReason('Ada 🚀 Lovelace — é\t\n\u0001')).toBeNull();
  });

  it('refuses NUL and says so', () => {
    expect(unsafeTextReason('a\u0000b')).toMatch(/NUL \(U\+0000\)/);
  });

  it('refuses a lone high surrogate, a lone low surrogate and a reversed pair', () => {
    for (const text of ['\ud800', 'x\udc00', '\udc00\ud800', 'end\ud83d']) {
      expect(unsafeTextReason(text)).toMatch(/unpaired UTF-16 surrogate/);
    }
  });

  it('agrees with a UTF-8 round trip on any string of code units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(unsafeTextReason(text) === null).toBe(pgAccepts(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('names the first unsafe field of a nested value, keys included', () => {
    expect(findUnsafeText({ name: 'ok', stories: [{ title: 'fine' }, { title: 'bad\u0000' }] })).toEqual({
      path: 'stories.1.title',
      reason: 'must not contain NUL (U+0000)',
    });
    expect(findUnsafeText({ settings: { '\ud800': true } })?.path).toBe('settings');
    expect(findUnsafeText('\u0000')?.path).toBe('');
    expect(findUnsafeText({ a: [1, true, null, 'x'] })).toBeNull();
  });
});
