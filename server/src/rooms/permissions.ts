import type { Role, RoomSettings } from '@pokerroom/protocol';
import { assertNever } from './assert-never.js';
import type { RoomCommandType } from './room-command.js';

/**
 * One cell of the permission table:
 * - `allow` / `deny`: always;
 * - `self`: only when the command targets the actor themselves (renaming yourself);
 * - `reveal-policy`: when the room's `revealPolicy` is `voters`.
 */
export type Permission = 'allow' | 'deny' | 'self' | 'reveal-policy';

const facilitatorOnly = { facilitator: 'allow', voter: 'deny', observer: 'deny' } as const;
const voting = { facilitator: 'allow', voter: 'allow', observer: 'deny' } as const;
const everyone = { facilitator: 'allow', voter: 'allow', observer: 'allow' } as const;

/**
 * Who may send which command: the one place permissions live, so the table can be read, tested
 * cell by cell, and documented as is. Observers never vote; facilitators run the room and vote unless they chose not to (`participant.votes`).
 *
 * @example
 * ```ts
 * PERMISSIONS['round.reveal'].voter; // 'reveal-policy'
 * ```
 */
export const PERMISSIONS = {
  'vote.cast': voting,
  'vote.retract': voting,
  'round.start': facilitatorOnly,
  'round.reveal': { facilitator: 'allow', voter: 'reveal-policy', observer: 'deny' },
  'round.reset': facilitatorOnly,
  'round.finalize': facilitatorOnly,
  'round.nudge': facilitatorOnly,
  'story.add': facilitatorOnly,
  'story.update': facilitatorOnly,
  'story.remove': facilitatorOnly,
  'story.reorder': facilitatorOnly,
  'story.import': facilitatorOnly,
  'room.update': facilitatorOnly,
  'participant.rename': { facilitator: 'allow', voter: 'self', observer: 'self' },
  'participant.role': facilitatorOnly,
  'participant.kick': facilitatorOnly,
  'participant.votes': facilitatorOnly,
  'facilitator.transfer': facilitatorOnly,
  'timer.start': facilitatorOnly,
  'timer.stop': facilitatorOnly,
  'reaction.send': everyone,
} as const satisfies Record<RoomCommandType, Record<Role, Permission>>;

/**
 * Whether a role may send a command type in a room with these settings. `target` says whom the
 * command is about, for the commands that care (`participant.rename`); it defaults to the actor.
 *
 * @example
 * ```ts
 * isAllowed('voter', 'participant.rename', settings, 'other'); // false
 * ```
 */
export function isAllowed(
  role: Role,
  commandType: RoomCommandType,
  settings: RoomSettings,
  target: 'self' | 'other' = 'self',
): boolean {
  const permission: Permission = PERMISSIONS[commandType][role];
  switch (permission) {
    case 'allow':
      return true;
    case 'deny':
      return false;
    case 'self':
      return target === 'self';
    case 'reveal-policy':
      return settings.revealPolicy === 'voters';
    default:
      return assertNever(permission);
  }
}
