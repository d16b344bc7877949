import { CLOSE_CODES, type CloseAction, closeAction } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';

describe('closeAction', () => {
  it('stops after a normal close', () => {
    expect(closeAction(1000)).toBe('stop');
  });

  it('reconnects at once after going away (deploy, drain)', () => {
    expect(closeAction(1001)).toBe('reconnect');
  });

  it('stops for the whole 4000–4099 range, including codes it does not know yet', () => {
    for (const code of [4000, 4001, 4002, 4003, 4050, 4099]) expect(closeAction(code)).toBe('stop');
  });

  it('fetches a new token for the whole 4100–4199 range', () => {
    for (const code of [4100, 4150, 4199]) expect(closeAction(code)).toBe('refresh-token');
  });

  it('backs off for the whole 4200–4299 range', () => {
    for (const code of [4200, 4201, 4202, 4203, 4299]) expect(closeAction(code)).toBe('backoff');
  });

  it('backs off after an abnormal drop (1006) and other transport codes', () => {
    for (const code of [1002, 1005, 1006, 1011, 1012, 1013, 1015]) expect(closeAction(code)).toBe('backoff');
  });

  it('backs off for codes outside every range', () => {
    for (const code of [0, 999, 3000, 3999, 4300, 4999, 65535, -1, Number.NaN]) {
      expect(closeAction(code)).toBe('backoff');
    }
  });

  it('gives every named code the action its range promises', () => {
    const expected: Record<keyof typeof CLOSE_CODES, CloseAction> = {
      normal: 'stop',
      going_away: 'reconnect',
      forbidden: 'stop',
      kicked: 'stop',
      room_closed: 'stop',
      protocol_violation: 'stop',
      token_expired: 'refresh-token',
      overloaded: 'backoff',
      rate_limited: 'backoff',
      slow_consumer: 'backoff',
      unavailable: 'backoff',
    };
    for (const [name, code] of Object.entries(CLOSE_CODES)) {
      expect([name, closeAction(code)]).toEqual([name, expected[name as keyof typeof CLOSE_CODES]]);
    }
  });

  it('never reuses a close code for two names', () => {
    const codes = Object.values(CLOSE_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
