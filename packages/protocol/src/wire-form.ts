import type { ClientMessage } from './commands.js';
import type { ServerMessage } from './events.js';
import type { Participant } from './model.js';

// Beyond 32 bits msgpackr writes a number as float64 (`1796233373784.0`); as a BigInt it writes a
// MessagePack integer. Within 32 bits it already writes integers as integers.
const INT32_MIN = -0x8000_0000;
const UINT32_MAX = 0xffff_ffff;

/**
 * A message as its version puts it on the wire:
 *
 * - v1: without the fields v1 never had (`ack.command`, `error.scope`, a participant's `votes`), so that a v1 frame stays
 *   what it always was, byte for byte;
 * - v2: every integral number beyond 32 bits (timestamps) as a `bigint`, which the codec writes as a
 *   MessagePack int64, where msgpackr would write a float64.
 *
 * Pure: the message is never mutated; parts with nothing to change are shared, not copied.
 *
 * @example
 * ```ts
 * toWireForm({ v: 2, t: 'ack', d: { id: 1, command: 'ping', result: { serverTime: 1767225600000 } } });
 * // { v: 2, t: 'ack', d: { id: 1, command: 'ping', result: { serverTime: 1767225600000n } } }
 * ```
 */
export function toWireForm(message: ClientMessage | ServerMessage): unknown {
  if (message.v === 1) return withoutLaterFields(message);
  return withIntegers(message);
}

function withoutLaterFields(message: ClientMessage | ServerMessage): ClientMessage | ServerMessage {
  // Checked, though the types promise an object: tests encode hostile frames with this codec too.
  if (typeof message.d !== 'object' || message.d === null) return message;
  if (message.t === 'ack' && 'command' in message.d) {
    const { command: _command, ...d } = message.d;
    return { ...message, d };
  }
  if (message.t === 'error' && 'scope' in message.d) {
    const { scope: _scope, ...d } = message.d;
    return { ...message, d };
  }
  if (message.t === 'welcome') {
    const { you, room } = message.d;
    // Hostile frames (tests encode them too) may lack the room or its participants: nothing to drop.
    const participants: unknown = room?.participants;
    if (!Array.isArray(participants)) return message;
    if (!participants.some(hasLaterFields) && !hasLaterFields(you)) return message;
    const inV1 = {
      you: asV1Participant(you),
      room: { ...room, participants: participants.map(asV1Participant) },
    };
    return { ...message, d: { ...message.d, ...inV1 } };
  }
  if (message.t === 'participant.joined' || message.t === 'participant.updated') {
    if (!hasLaterFields(message.d.participant)) return message;
    return { ...message, d: { ...message.d, participant: asV1Participant(message.d.participant) } };
  }
  return message;
}

const hasLaterFields = (participant: Participant | undefined): boolean =>
  typeof participant === 'object' && participant !== null && participant.votes !== undefined;

/** A participant as v1 knows them: without `votes` (a facilitator's choice not to vote, since v2). */
function asV1Participant(participant: Participant): Participant {
  if (!hasLaterFields(participant)) return participant;
  const { votes: _votes, ...v1 } = participant;
  return v1;
}

/** `value` with every integral number outside 32 bits turned into a `bigint`. */
function withIntegers(value: unknown): unknown {
  if (typeof value === 'number') {
    return (value > UINT32_MAX || value < INT32_MIN) && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const wire = withIntegers(item);
      if (wire === item) continue;
      copy ??= [...value];
      copy[i] = wire;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const wire = withIntegers(item);
    if (wire === item) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    copy[key] = wire;
  }
  return copy ?? value;
}
