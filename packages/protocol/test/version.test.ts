import {
  negotiateVersion,
  PROTOCOL_VERSION,
  PROTOCOL_VERSIONS,
  SUBPROTOCOLS,
  SUPPORTED_VERSIONS,
  subprotocolName,
  versionOfSubprotocol,
} from '@pokerroom/protocol';
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

  it('picks the newest version both sides have, whatever the order of the offer', () => {
    expect(negotiateVersion('pokerroom.v1, pokerroom.v2')).toEqual({
      version: 2,
      subprotocol: 'pokerroom.v2',
    });
    expect(negotiateVersion('pokerroom.v3, pokerroom.v2, pokerroom.v1')).toEqual({
      version: 2,
      subprotocol: 'pokerroom.v2',
    });
  });

  it('picks v1 when the server serves only v1, as a server before v2 did', () => {
    expect(negotiateVersion('pokerroom.v2, pokerroom.v1', [1])).toEqual({
      version: 1,
      subprotocol: 'pokerroom.v1',
    });
    expect(negotiateVersion('pokerroom.v2', [1])).toBeNull();
  });

  it('reads the version of a subprotocol name', () => {
    expect(versionOfSubprotocol('pokerroom.v2')).toBe(2);
    expect(versionOfSubprotocol('pokerroom.v1')).toBe(1);
    expect(versionOfSubprotocol('pokerroom.v3')).toBeNull();
    expect(versionOfSubprotocol('')).toBeNull();
  });

  it('has one current version, the newest, and dates when each deprecated one may go', () => {
    expect(PROTOCOL_VERSIONS.filter((row) => row.status === 'current').map((row) => row.version)).toEqual([
      PROTOCOL_VERSION,
    ]);
    expect(SUPPORTED_VERSIONS[0]).toBe(PROTOCOL_VERSION);
    for (const row of PROTOCOL_VERSIONS)
      expect(row.status === 'deprecated' ? row.servedUntil : null, `v${row.version}`).toBe(row.servedUntil);
  });

  it('accepts a list of names, trimming each', () => {
    expect(negotiateVersion(['pokerroom.v9', ' pokerroom.v1 '])).toEqual({
      version: 1,
      subprotocol: 'pokerroom.v1',
    });
  });

  it('returns null when nothing offered is supported', () => {
    expect(negotiateVersion('graphql-ws')).toBeNull();
    expect(negotiateVersion('pokerroom.v3')).toBeNull();
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
    expect(SUBPROTOCOLS).toEqual(['pokerroom.v2', 'pokerroom.v1']);
  });
});
