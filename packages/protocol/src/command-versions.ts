import type { ClientCommandType } from './commands.js';
import type { ProtocolVersion } from './version.js';

// Apart from commands.ts (and its TypeBox schemas), so the codec and the SDK bundle read it alone.
/**
 * The protocol major that brought each command added after v1 (additive changes within a major
 * list here too). A connection speaking an older major gets `unknown_type` for them.
 */
export const COMMAND_SINCE: Readonly<Partial<Record<ClientCommandType, ProtocolVersion>>> = {
  'participant.votes': 2,
};

/**
 * Of `types`, those a connection speaking `version` may send.
 *
 * @example
 * ```ts
 * commandTypesOf(1, CLIENT_COMMAND_TYPES).includes('participant.votes'); // false
 * ```
 */
export function commandTypesOf(
  version: ProtocolVersion,
  types: readonly ClientCommandType[],
): ClientCommandType[] {
  return types.filter((type) => (COMMAND_SINCE[type] ?? 1) <= version);
}
