import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedDataDir } from '../support/embedded-data-dir.js';
import { ProtocolClient } from '../support/protocol-client.js';
import { startServerProcess } from '../support/server-process.js';

const dataDir = embeddedDataDir('pokerroom-shutdown-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function post(base: string, key: string, path: string, body: unknown) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, string>;
}

describe('the server as a process, with embedded storage and no services', () => {
  it('starts with a printed dev key, drains on SIGTERM with 1001, exits 0, and keeps every acked vote', async () => {
    const env = { POKERROOM_DATA_DIR: dataDir, POKERROOM_DRAIN_MS: '1500' };
    const first = await startServerProcess(env);
    const devKey = /dev secret key: (sk_test_\w+)/.exec(first.output())?.[1];
    expect(devKey).toBeDefined();
    const key = devKey ?? '';
    const room = await post(first.url, key, '/v1/rooms', { name: 'Restart me' });
    const tokens = await Promise.all(
      ['Fay', 'V1', 'V2', 'V3', 'V4', 'V5'].map((name, i) =>
        post(first.url, key, `/v1/rooms/${room.id}/tokens`, {
          name,
          role: i === 0 ? 'facilitator' : 'voter',
        }),
      ),
    );
    const clients = await Promise.all(
      tokens.map((t) => ProtocolClient.connect(t.wsUrl ?? '', t.token ?? '')),
    );
    const [facilitator, ...voters] = clients;
    if (facilitator === undefined) throw new Error('no facilitator');
    expect((await facilitator.send('round.start', {})).ok).toBe(true);
    const acked = await Promise.all(
      voters.map(async (v, i) =>
        (await v.send('vote.cast', { card: String([1, 2, 3, 5, 8][i]) })).ok ? i : -1,
      ),
    );
    expect(acked).toEqual([0, 1, 2, 3, 4]);

    const closes: number[] = [];
    const closed = clients.map((c) =>
      c.closed(15_000).then((code) => {
        closes.push(Date.now());
        return code;
      }),
    );
    const started = Date.now();
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await Promise.all(closed)).toEqual(clients.map(() => 1001));
    // Closes were spread over the drain window, not sent all at once.
    expect(Math.max(...closes) - Math.min(...closes)).toBeGreaterThan(500);

    const second = await startServerProcess(env);
    expect(second.output()).toContain(key);
    const t = await post(second.url, key, `/v1/rooms/${room.id}/tokens`, {
      name: 'Auditor',
      role: 'facilitator',
    });
    const auditor = await ProtocolClient.connect(t.wsUrl ?? '', t.token ?? '');
    expect(auditor.welcome.room.round?.voted).toHaveLength(5);
    expect((await auditor.send('round.reveal', {})).ok).toBe(true);
    const reveal = await auditor.waitFor((m) => m.t === 'round.revealed');
    expect(reveal.t === 'round.revealed' && reveal.d.votes.map((v) => v.card).sort()).toEqual([
      '1',
      '2',
      '3',
      '5',
      '8',
    ]);
    await auditor.close();
    expect(await second.stop('SIGTERM')).toBe(0);
  }, 120_000);

  it('refuses bad configuration with one clear line and exit code 1', async () => {
    await expect(startServerProcess({ POKERROOM_DATA_DIR: dataDir, PORT: 'eighty' })).rejects.toThrow(
      /pokerroom: PORT must be a whole number from 0 to 65535, got "eighty"/,
    );
    await expect(
      startServerProcess({ POKERROOM_DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' }),
    ).rejects.toThrow(/DATABASE_URL must start with postgres: or postgresql:/);
  });
});
