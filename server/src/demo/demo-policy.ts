/** Whether the demo is served, and why, as startup prints it. */
export interface DemoDecision {
  readonly enabled: boolean;
  readonly reason: string;
}

/**
 * Decides whether to serve the demo, which lets anyone create rooms and mint tokens without a key.
 * `POKERROOM_DEMO=on|off` is obeyed as said; unset, the demo is on only where it is a developer's
 * sandbox: embedded storage and no live key. Beside PostgreSQL or a live key it stays off unless
 * turned on explicitly.
 *
 * @example
 * ```ts
 * await decideDemo(null, 'postgres', async () => false);
 * // { enabled: false, reason: 'PostgreSQL storage; POKERROOM_DEMO=on serves it anyway' }
 * ```
 */
export async function decideDemo(
  setting: 'on' | 'off' | null,
  storage: 'embedded' | 'postgres',
  hasLiveKeys: () => Promise<boolean>,
): Promise<DemoDecision> {
  if (setting === 'on') return { enabled: true, reason: 'POKERROOM_DEMO=on' };
  if (setting === 'off') return { enabled: false, reason: 'POKERROOM_DEMO=off' };
  if (storage === 'postgres') {
    return { enabled: false, reason: 'PostgreSQL storage; POKERROOM_DEMO=on serves it anyway' };
  }
  if (await hasLiveKeys()) {
    return { enabled: false, reason: 'a live key exists; POKERROOM_DEMO=on serves it anyway' };
  }
  return { enabled: true, reason: 'embedded storage and no live key; POKERROOM_DEMO=off turns it off' };
}
