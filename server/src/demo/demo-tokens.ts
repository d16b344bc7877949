import { DEFAULT_SETTINGS, LIMITS, PRESET_DECKS, type Role } from '@pokerroom/protocol';
import { newId } from '../identity/ids.js';
import type { TokenSigner } from '../identity/participant-tokens.js';
import type { RoomRegistry } from '../realtime/room-registry.js';
import { createAccount } from '../storage/accounts.js';
import { findKeyBySecret } from '../storage/api-keys.js';
import type { Sql } from '../storage/database.js';
import { findOwnedRoom } from '../storage/room-listing.js';
import { participantIdFor } from '../storage/user-data.js';

/** Demo tokens last a working day; the demo has no refresh. */
export const DEMO_TOKEN_TTL_SECONDS = 12 * 3600;
/** Stories a demo room may be seeded with. */
export const MAX_DEMO_STORIES = 20;

/** What the demo's rooms need from the server. */
export interface DemoRoomDeps {
  readonly sql: Sql;
  readonly rooms: RoomRegistry;
  readonly tokens: TokenSigner;
  /** A secret key whose account owns the demo rooms (the dev or bootstrap key); `null`: a demo account. */
  readonly accountKey: string | null;
}

/** Creates demo rooms and mints their tokens on the server side, so the page never holds a secret key. */
export class DemoRooms {
  #account: Promise<string> | null = null;

  constructor(private readonly deps: DemoRoomDeps) {}

  /** The account demo rooms belong to: the dev key's, so that key can read their history. */
  account(): Promise<string> {
    this.#account ??= this.#resolveAccount().catch((error: unknown) => {
      this.#account = null;
      throw error;
    });
    return this.#account;
  }

  async #resolveAccount(): Promise<string> {
    const key =
      this.deps.accountKey === null ? null : await findKeyBySecret(this.deps.sql, this.deps.accountKey);
    return key?.accountId ?? createAccount(this.deps.sql, 'Demo account', 'acct_demo');
  }

  /** A new room with its creator as facilitator, seeded with the given stories. */
  async create(input: {
    name: string;
    roomName: string;
    deck: keyof typeof PRESET_DECKS;
    stories: string[];
    /** The demo page's stable id for the person (see {@link join}). */
    person?: string;
  }) {
    const accountId = await this.account();
    const roomId = newId('room');
    await this.deps.rooms.create({
      id: roomId,
      accountId,
      // Demo rooms are test mode: trying the product never counts toward a bill.
      mode: 'test',
      name: input.roomName,
      deck: PRESET_DECKS[input.deck],
      settings: DEFAULT_SETTINGS,
    });
    const participantId = await this.#participantId(roomId, input.person);
    if (input.stories.length > 0) await this.#seed(roomId, participantId, input.name, input.stories);
    const { token } = this.#sign(roomId, accountId, participantId, input.name, 'facilitator', input.person);
    return { roomId, token };
  }

  /**
   * Stories can only be added by a facilitator of the room, so the creator joins first, the stories
   * are imported in their name, and they go offline until their page connects a moment later.
   */
  async #seed(roomId: string, participantId: string, name: string, titles: string[]): Promise<void> {
    const host = await this.deps.rooms.get(roomId);
    if (host === null) return;
    await host.submit({ kind: 'join', participant: { id: participantId, name, role: 'facilitator' } });
    const stories = titles
      .slice(0, MAX_DEMO_STORIES)
      .map((title) => ({ title: title.slice(0, LIMITS.titleLength) }));
    await host.submit({
      kind: 'client',
      actorId: participantId,
      command: { t: 'story.import', d: { stories } },
    });
    await host.submit({ kind: 'presence', participantId, presence: 'offline' });
  }

  /** An open demo room's id and name, for its join page; `null` when there is no such open room. */
  async describe(roomId: string): Promise<{ roomId: string; name: string } | null> {
    const accountId = await this.account();
    const room = await findOwnedRoom(this.deps.sql, { accountId, mode: 'test' }, roomId);
    return room === null || room.closedAt !== null ? null : { roomId, name: room.name };
  }

  /**
   * A token for someone joining an existing demo room; `null` when there is no such open room.
   * With `person` (the page's stable id for whoever uses this browser) the same person is the same
   * participant every time, as `externalUserId` makes it for an integration: no second "Ann"
   * after a reload or a new tab, and a facilitator who comes back is the facilitator at once.
   */
  async join(roomId: string, name: string, role: Role, person?: string): Promise<string | null> {
    const accountId = await this.account();
    const room = await findOwnedRoom(this.deps.sql, { accountId, mode: 'test' }, roomId);
    if (room === null || room.closedAt !== null) return null;
    const participantId = await this.#participantId(roomId, person);
    const { token } = this.#sign(roomId, accountId, participantId, name, role, person);
    return token;
  }

  #participantId(roomId: string, person: string | undefined): Promise<string> {
    return person === undefined
      ? Promise.resolve(newId('p'))
      : participantIdFor(this.deps.sql, roomId, demoUserId(person));
  }

  #sign(roomId: string, accountId: string, participantId: string, name: string, role: Role, person?: string) {
    const externalId = person === undefined ? {} : { externalId: demoUserId(person) };
    return this.deps.tokens.sign(
      { roomId, accountId, participantId, name, role, ...externalId },
      DEMO_TOKEN_TTL_SECONDS,
    );
  }
}

/** The demo's people as external users: namespaced, so they never meet an integration's ids. */
function demoUserId(person: string): string {
  return `demo:${person}`;
}
