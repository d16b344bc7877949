import { negotiateVersion, SUBPROTOCOLS, SUPPORTED_VERSIONS, subprotocolName } from '@pokerroom/protocol';
import { describe, expect, it } from 'vitest';

describe('negotiateVersion', () => {
  it('accepts the v1 subprotocol alone', () => {
    expect(negotiateVersion('pokerroom.v1')).toEqual({ version: 1, subprotocol: 'pokerroom.v1' });
  });

  it('reads a raw header with spaces around the names', () => {
    expect(negotiateVersion('  graphql-ws ,   pokerroom.v1  ')).toEqual({
      version: 1,
      subprotocol: 'pokerroom.v1',
    });
  });

  it('picks the version it supports from a header that also offers newer ones', () => {
    expect(negotiateVersion('pokerroom.v2, pokerroom.v1')).toEqual({
      version: 1,
      subprotocol: 'pokerroom.v1',
    });
  });

  it('accepts a list of names, trimming each', () => {
    expect(negotiateVersion(['pokerroom.v9', ' pokerroom.v1 '])).toEqual({
      version: 1,
      subprotocol: 'pokerroom.v1',
    });
  });

  it('returns null when nothing offered is supported', () => {
    expect(negotiateVersion('graphql-ws')).toBeNull();
    expect(negotiateVersion('pokerroom.v2')).toBeNull();
    expect(negotiateVersion(['pokerroom.V1'])).toBeNull();
    expect(negotiateVersion('')).toBeNull();
    expect(negotiateVersion([])).toBeNull();
  });

  it('returns null when no header was sent', () => {
    expect(negotiateVersion(null)).toBeNull();
    expect(negotiateVersion(undefined)).toBeNull();
  });

  it('offers one subprotocol per supported version, newest first', () => {
    expect(SUBPROTOCOLS).toEqual(SUPPORTED_VERSIONS.map(subprotocolName));
    expect(SUBPROTOCOLS).toContain('pokerroom.v1');
  });
});
