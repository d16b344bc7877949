import { describe, expect, it } from 'vitest';
import { type CommandOutcome, RoomHost, type RoomHostDeps } from '../../src/realtime/room-host.js';
import type { BroadcastMessage } from '../../src/realtime/wire-versions.js';
import { createRoom } from '../../src/rooms/index.js';
import type { RoomBatchResult } from '../../src/storage/room-batch.js';

/**
 * A room host whose commits wait until the test lets them through, recording in one list what it
 * publishes, what each command's `settle` receives, and what it reports to `onError`.
 */
function recordingHost() {
  const log: string[] = [];
  const errors: { error: unknown; context: string }[] = [];
  const held: ((result: RoomBatchResult) => void)[] = [];
  let hold = false;
  const deps: RoomHostDeps = {
    commit: (take) => {
      take();
      return hold ? new Promise((release) => held.push(release)) : Promise.resolve({ ok: true });
    },
    loadEvents: async () => [],
    publish: (_roomId, message: BroadcastMessage) => log.push(`published ${message.t}`),
    announce: () => {},
    newId: (prefix) => `${prefix}_${log.length}`,
    now: () => 1_000,
    facilitatorGraceMs: 60_000,
    presenceGraceMs: 60_000,
    onEvicted: () => {},
    onError: (error, context) => errors.push({ error, context }),
  };
  const host = new RoomHost('room_1', createRoom({ id: 'room_1', name: 'Callbacks' }), deps);
  return {
    host,
    log,
    errors,
    held,
    hold: () => {
      hold = true;
    },
  };
}

const vote = (actorId: string, card: string) =>
  ({ kind: 'client', actorId, command: { t: 'vote.cast', d: { card } } }) as const;

describe('RoomHost.submitThen', () => {
  it('settles each command of a batch right after the batch’s events are published, in order, even when one settle throws', async () => {
    const { host, log, errors, held, hold } = recordingHost();
    for (const id of ['a', 'b', 'c'])
      expect(await host.submit({ kind: 'join', participant: { id, name: id, role: 'voter' } })).toEqual({
        ok: true,
      });
    await host.settle();
    hold();
    log.length = 0;
    const failure = new Error('this socket went away');
    const settled: string[] = [];
    const settleAs = (id: string) => (outcome: CommandOutcome) => {
      log.push(`settled ${id} ${outcome.ok}`);
      settled.push(id);
      if (id === 'b') throw failure;
    };
    // The first vote's commit is held; the next two are decided meanwhile and wait for it.
    host.submitThen(vote('a', '3'), settleAs('a'));
    host.submitThen(vote('b', '5'), settleAs('b'));
    host.submitThen(vote('c', '8'), settleAs('c'));
    expect(settled).toEqual([]);
    await expect.poll(() => held.length).toBe(1);
    held.shift()?.({ ok: true });
    await expect.poll(() => held.length).toBe(1);
    expect(log).toEqual(['published vote.cast', 'settled a true']);
    held.shift()?.({ ok: true });
    await expect.poll(() => settled.length).toBe(3);
    expect(log).toEqual([
      'published vote.cast',
      'settled a true',
      'published vote.cast',
      'published vote.cast',
      'settled b true',
      'settled c true',
    ]);
    expect(errors).toEqual([{ error: failure, context: 'settle' }]);
    expect(host.durable.round?.ballots.size).toBe(3);
  });

  it('settles a refused command before it returns, with the domain’s code', () => {
    const { host } = recordingHost();
    const outcomes: CommandOutcome[] = [];
    host.submitThen(vote('nobody', '3'), (outcome) => outcomes.push(outcome));
    expect(outcomes).toEqual([{ ok: false, code: expect.any(String), message: expect.any(String) }]);
    expect(outcomes[0]).not.toMatchObject({ code: 'internal' });
  });

  it('settles with shutting_down once the room is disposed', () => {
    const { host } = recordingHost();
    host.dispose();
    const outcomes: CommandOutcome[] = [];
    host.submitThen(vote('a', '3'), (outcome) => outcomes.push(outcome));
    expect(outcomes).toEqual([{ ok: false, code: 'shutting_down', message: expect.any(String) }]);
  });
});
