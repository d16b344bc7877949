/**
 * Marks the end of an exhaustive `switch`: the compiler proves the call unreachable, so adding a
 * command or event type without handling it fails the build instead of slipping through at runtime.
 *
 * @example
 * ```ts
 * switch (event.t) { case 'room.closed': return closed; default: return assertNever(event); }
 * ```
 */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
