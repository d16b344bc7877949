import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { connect, PokerRoomError, type Room, type RoomEvents } from '../src/index.js';
import { expectFresh, join, startTestServer, type TestServer, trackedWebSocket, until } from './support.js';

let server: TestServer;
const open: Room[] = [];
beforeAll(async () => {
  server = await startTestServer('embedded');
});
afterEach(() => {
  for (const room of open.splice(0)) room.close();
  vi.useRealTimers();
});
afterAll(async () => {
  await server?.destroy();
});

/** A facilitator and a voter whose socket the test can cut; the voter records every event it folds. */
async function setUp(voterOptions: Parameters<typeof join>[4] = {}) {
  const { id } = await server.createRoom({ name: 'Flaky network' });
  const facilitator = await join(() => server, id, 'Fay', 'facilitator');
  const network = trackedWebSocket();
  const voter = await join(() => server, id, 'Vic', 'voter', {
    WebSocket: network.WebSocket,
    reconnect: { initialDelayMs: 150, random: () => 1 },
    ...voterOptions,
  });
  open.push(facilitator, voter);
  const seqs: number[] = [];
  const record = ((event: { seq: number }) => seqs.push(event.seq)) as RoomEvents['vote'];
  for (const type of ['participant', 'vote', 'reveal', 'round', 'story', 'timer', 'room'] as const) {
    voter.on(type, record);
  }
  const firstSeq = voter.state.seq;
  /** Every event after the welcome was folded once, in order, none missed. */
  const expectGapFree = () =>
    expect(seqs).toEqual(Array.from({ length: voter.state.seq - firstSeq }, (_, i) => firstSeq + 1 + i));
  return { id, facilitator, voter, network, expectGapFree };
}

describe('reconnection and resume against the real server', () => {
  it('recovers from a cut socket and replays exactly the missed events', async () => {
    const { facilitator, voter, network, expectGapFree } = await setUp();
    const statuses: string[] = [];
    voter.on('status', (status) => statuses.push(status));
    network.cutAll();
    const story = await facilitator.addStory({ title: 'Offline story' });
    await facilitator.newRound(story.storyIds?.[0]);
    await facilitator.vote('8');
    await until(voter, (s) => s.status === 'connected' && s.round?.voted.length === 1);
    expect(statuses).toEqual(['reconnecting', 'connected']);
    expect(network.sockets).toHaveLength(2);
    expectGapFree();
    await expectFresh(server, voter);
  });

  it('delivers a vote cast while disconnected exactly once, after the resume', async () => {
    const { facilitator, voter, network, expectGapFree } = await setUp();
    await facilitator.newRound();
    // The room had a round from the start: wait for the new one, not for any.
    await until(voter, (s) => s.round?.id === facilitator.state.round?.id);
    const castsSeen: string[] = [];
    facilitator.on('vote', (event) => castsSeen.push(`${event.t}:${event.d.participantId}`));
    network.cutAll();
    await until(voter, (s) => s.status === 'reconnecting');
    const vote = voter.vote('5');
    await expect(vote).resolves.toEqual({});
    expect(voter.state.yourVote).toBe('5');
    await until(facilitator, (s) => s.round?.voted.includes(voter.state.you.id) === true);
    await facilitator.reveal();
    const revealed = await until(facilitator, (s) => s.round?.status === 'revealed');
    expect(revealed.round?.votes).toEqual([{ participantId: voter.state.you.id, card: '5' }]);
    expect(castsSeen).toEqual([`vote.cast:${voter.state.you.id}`]);
    expectGapFree();
    await expectFresh(server, voter);
  });

  it('settles a vote in flight when the socket drops: applied once, never doubled', async () => {
    const { facilitator, voter, network, expectGapFree } = await setUp();
    await facilitator.newRound();
    // The room had a round from the start: wait for the new one, not for any.
    await until(voter, (s) => s.round?.id === facilitator.state.round?.id);
    const castsSeen: string[] = [];
    facilitator.on('vote', (event) => castsSeen.push(event.t));
    const vote = voter.vote('13');
    network.cutAll();
    await expect(vote).resolves.toEqual({});
    await until(facilitator, (s) => s.round?.voted.length === 1);
    expect(voter.state.yourVote).toBe('13');
    expect(castsSeen).toEqual(['vote.cast']);
    expectGapFree();
    await expectFresh(server, voter);
  });

  it('rejects other commands in flight with a retryable connection_lost, and sends queued ones after the resume', async () => {
    const { facilitator, voter, network, expectGapFree } = await setUp();
    const inFlight = voter.react('🎉');
    network.cutAll();
    const lost = await inFlight.catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(PokerRoomError);
    expect(lost).toMatchObject({ code: 'connection_lost', retryable: true });
    const queued = voter.rename('Victor');
    expect(voter.state.status).toBe('reconnecting');
    await expect(queued).resolves.toEqual({});
    await until(facilitator, (s) => s.participants.some((p) => p.name === 'Victor'));
    expectGapFree();
    await expectFresh(server, voter);
  });

  it('survives a server restart (new port) and resumes from the stored log', async () => {
    const { id } = await server.createRoom({ name: 'Restart' });
    const urlOf = () => `${server.url.replace('http', 'ws')}/v1/ws?room=${id}`;
    const facilitator = await join(() => server, id, 'Fay', 'facilitator', { url: urlOf });
    const voter = await join(() => server, id, 'Vic', 'voter', { url: urlOf });
    open.push(facilitator, voter);
    await facilitator.newRound();
    await voter.vote('3');
    const seqBefore = voter.state.seq;
    server = await server.restart();
    await until(facilitator, (s) => s.status === 'connected' && s.seq >= seqBefore, 15_000);
    await until(voter, (s) => s.status === 'connected', 15_000);
    expect(voter.state.yourVote).toBe('3');
    await facilitator.reveal();
    await until(voter, (s) => s.round?.status === 'revealed');
    await expectFresh(server, voter);
    await expectFresh(server, facilitator);
  });

  it('fetches a new token when the old one expired while disconnected (close 4100)', async () => {
    const { id } = await server.createRoom({ name: 'Expiring' });
    const facilitator = await join(() => server, id, 'Fay', 'facilitator');
    const first = await server.mintToken(id, { name: 'Vic', role: 'voter', ttlSeconds: 60 });
    const network = trackedWebSocket();
    let refreshed = 0;
    const voter = await connect({
      url: first.wsUrl,
      token: first.token,
      getToken: async () => {
        refreshed++;
        return (await server.mintToken(id, { name: 'Vic', role: 'voter', externalUserId: 'vic' })).token;
      },
      WebSocket: network.WebSocket,
      heartbeatMs: 0,
    });
    open.push(facilitator, voter);
    const errors: string[] = [];
    voter.on('error', (error) => errors.push(error.code));
    await facilitator.newRound();
    // The room had a round from the start: wait for the new one, not for any.
    await until(voter, (s) => s.round?.id === facilitator.state.round?.id);
    // Two minutes later for everyone in this process, the server included: the token is stale.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 120_000);
    network.cutAll();
    await facilitator.addStory({ title: 'While away' });
    await until(voter, (s) => s.status === 'connected' && s.stories.length === 1, 10_000);
    expect(refreshed).toBe(1);
    expect(errors).toContain('token_expired');
    vi.useRealTimers();
    await expectFresh(server, voter);
  });

  it('stops for good when kicked, rejecting queued commands with the close reason', async () => {
    const { facilitator, voter } = await setUp();
    const statuses: string[] = [];
    voter.on('status', (status, error) => statuses.push(`${status}:${error?.code ?? ''}`));
    await facilitator.kick(voter.state.you.id);
    await until(voter, (s) => s.status === 'closed');
    expect(statuses).toEqual(['closed:kicked']);
    const refused = await voter.vote('5').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PokerRoomError);
    expect(refused).toMatchObject({ code: 'kicked', retryable: false });
  });

  it('rejects the first connection with a typed error when the token is refused (error frame, then close 4000)', async () => {
    const { id } = await server.createRoom({});
    const minted = await server.mintToken(id, { name: 'Eve', role: 'voter' });
    const failed = await connect({ url: minted.wsUrl, token: 'not-a-token', WebSocket }).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(PokerRoomError);
    expect(failed).toMatchObject({ code: 'token_invalid', retryable: false });
  });

  it('gives up with unreachable after maxAttempts when nothing listens', async () => {
    const failed = await connect({
      url: 'ws://127.0.0.1:9/v1/ws?room=r_x',
      token: 't',
      WebSocket,
      reconnect: { maxAttempts: 3, initialDelayMs: 10 },
    }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'unreachable', retryable: true });
    expect((failed as Error).message).toMatch(/3 attempt/);
  });
});
