import {
  ERROR_CODE_LIST,
  ERROR_CODES,
  ERROR_KINDS,
  isErrorCode,
  ProtocolError,
  SESSION_EVENTS,
} from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';

describe('error table', () => {
  it.each(ERROR_CODE_LIST)('%s has a kind, an HTTP status and a sentence for a message', (code) => {
    const info = ERROR_CODES[code];
    expect(ERROR_KINDS).toContain(info.kind);
    expect(Number.isInteger(info.status)).toBe(true);
    expect(info.status).toBeGreaterThanOrEqual(400);
    expect(info.status).toBeLessThan(600);
    expect(info.message).toMatch(/^[A-Z].*\.$/);
    expect(typeof info.retryable).toBe('boolean');
  });

  it('uses snake_case codes', () => {
    for (const code of ERROR_CODE_LIST) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('marks only rate, unavailable and internal errors retryable', () => {
    for (const code of ERROR_CODE_LIST) {
      const { kind, retryable } = ERROR_CODES[code];
      expect([code, retryable]).toEqual([
        code,
        kind === 'rate' || kind === 'unavailable' || kind === 'internal',
      ]);
    }
  });

  it('gives client errors 4xx and server-side trouble 5xx', () => {
    for (const code of ERROR_CODE_LIST) {
      const { kind, status } = ERROR_CODES[code];
      const serverSide = kind === 'unavailable' || kind === 'internal';
      expect([code, status >= 500]).toEqual([code, serverSide]);
    }
  });

  it('lists every code once, and the error frame schema accepts exactly those', () => {
    expect(new Set(ERROR_CODE_LIST).size).toBe(ERROR_CODE_LIST.length);
    const literals = SESSION_EVENTS.error.properties.code.anyOf.map((member) => member.const);
    expect(literals).toEqual(ERROR_CODE_LIST);
  });

  it('tells known codes from anything else', () => {
    expect(isErrorCode('rate_limited')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('__proto__')).toBe(false);
    expect(isErrorCode(429)).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});

describe('ProtocolError', () => {
  it('carries the code, its kind and retryability, and the default message', () => {
    const error = new ProtocolError('rate_limited');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ProtocolError');
    expect(error.code).toBe('rate_limited');
    expect(error.kind).toBe('rate');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(ERROR_CODES.rate_limited.message);
  });

  it('keeps a precise message and the cause', () => {
    const cause = new Error('boom');
    const error = new ProtocolError('malformed_frame', 'bad bytes', { cause });
    expect(error.message).toBe('bad bytes');
    expect(error.cause).toBe(cause);
  });
});
