import type { Mode } from '../storage/accounts.js';
import { activeStatus, monthOf, personKey } from '../storage/active-participants.js';
import { findBillingAccount, type PlanName } from '../storage/billing-accounts.js';
import type { Sql } from '../storage/database.js';
import { findRoomMode } from '../storage/room-listing.js';
import { effectivePlan, type Plan } from './plans.js';

/** Known-counted people kept in memory, so a returning person costs no query. */
const MAX_REMEMBERED = 100_000;

/** Why a person may not join: the plan's cap, with the figures the message names. */
export interface PlanLimitRefusal {
  readonly code: 'plan_limit_reached';
  readonly message: string;
}

/**
 * Enforces the plans' caps on monthly active participants, in live mode, at the two moments a
 * person would pass one: a token minted for a new person, and that person's join. People already
 * counted this month always pass, whatever the cap, so a cap never locks out a team mid-sprint.
 *
 * The check reads the count before the join is stored, so two first joins at the same instant
 * may both pass at the cap's edge: the cap can be exceeded by the joins racing in that instant,
 * and those people are counted and billed like any other.
 */
export class UsageGate {
  readonly #counted = new Set<string>();
  readonly #modes = new Map<string, Mode>();

  constructor(
    private readonly sql: Sql,
    private readonly plans: Readonly<Record<PlanName, Plan>>,
    private readonly pastDueGraceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks a person about to get a token (or to join) in an account's mode; `null` lets them in. */
  async check(
    owner: { readonly accountId: string; readonly mode: Mode },
    participant: { readonly id: string; readonly externalId?: string | undefined },
  ): Promise<PlanLimitRefusal | null> {
    if (owner.mode !== 'live') return null;
    const now = this.now();
    const month = monthOf(now);
    const person = personKey(participant);
    const remembered = `${owner.accountId}/${month}/${person}`;
    if (this.#counted.has(remembered)) return null;
    const account = await findBillingAccount(this.sql, owner.accountId);
    if (account === null) return null;
    const { plan } = effectivePlan(account, this.plans, this.pastDueGraceMs, now);
    if (plan.limit === null) return null;
    const status = await activeStatus(this.sql, owner.accountId, month, person);
    if (status.counted) {
      this.#remember(remembered);
      return null;
    }
    if (status.total < plan.limit) return null;
    return {
      code: 'plan_limit_reached',
      message:
        `The ${plan.name} plan allows ${plan.limit} monthly active participants in live mode, and ` +
        `${status.total} have joined this month. People already counted can still join; subscribe to ` +
        'the metered plan (POST /v1/billing/checkout) to admit more.',
    };
  }

  /** Checks a join into a room: the room's mode decides whether the cap applies. */
  async checkJoin(
    roomId: string,
    accountId: string,
    participant: { readonly id: string; readonly externalId?: string | undefined },
  ): Promise<PlanLimitRefusal | null> {
    let mode = this.#modes.get(roomId);
    if (mode === undefined) {
      const found = await findRoomMode(this.sql, roomId);
      if (found === null) return null;
      mode = found;
      if (this.#modes.size >= MAX_REMEMBERED) this.#modes.clear();
      this.#modes.set(roomId, mode);
    }
    return this.check({ accountId, mode }, participant);
  }

  #remember(key: string): void {
    if (this.#counted.size >= MAX_REMEMBERED) this.#counted.clear();
    this.#counted.add(key);
  }
}
