import type { Round } from '@pokerroom/protocol';
import type { Static } from '@sinclair/typebox';
import type { RoomHost } from '../realtime/room-host.js';
import type { RoomClientCommand } from '../rooms/index.js';
import type { Owner } from '../storage/accounts.js';
import type { Handler, RestDeps } from './handler.js';
import { expectOk, ownedRoomHost, submitAsIntegration } from './room-actions.js';
import type { FinalizeRoundBody, StartRoundBody } from './round-schemas.js';

/** The room's round as participants see it, right after the command that changed it. */
function currentRound(host: RoomHost): Round {
  const round = host.snapshot().room.round;
  if (round === null) throw new Error(`room ${host.id} has no round after a round command`);
  return round;
}

/**
 * Rounds driven by the integrating backend: each route submits the facilitator's command through
 * the room host, so the domain's rules decide (409 `no_active_round`, `round_already_revealed`,
 * `round_not_revealed`), the change is stored in the room's log and connected participants see it.
 */
export function roundHandlers(deps: RestDeps) {
  const { sql, rooms } = deps;
  const run = async (owner: Owner, roomId: string | undefined, command: RoomClientCommand) => {
    const { host } = await ownedRoomHost(sql, rooms, owner, roomId ?? '');
    expectOk(await submitAsIntegration(host, command));
    return currentRound(host);
  };

  const startRound: Handler = async ({ params, body, key }) => {
    const input = body as Static<typeof StartRoundBody>;
    const round = await run(key, params.roomId, {
      t: 'round.start',
      d: { storyId: input.storyId ?? null },
    });
    return { status: 201, body: round };
  };

  const revealRound: Handler = async ({ params, key }) => ({
    status: 200,
    body: await run(key, params.roomId, { t: 'round.reveal', d: {} }),
  });

  const resetRound: Handler = async ({ params, key }) => ({
    status: 200,
    body: await run(key, params.roomId, { t: 'round.reset', d: {} }),
  });

  const finalizeRound: Handler = async ({ params, body, key }) => {
    const input = body as Static<typeof FinalizeRoundBody>;
    const round = await run(key, params.roomId, { t: 'round.finalize', d: input });
    return { status: 200, body: round };
  };

  return { startRound, revealRound, resetRound, finalizeRound };
}
