import createClient, { type Client } from 'openapi-fetch';
import { PokerRoomError, type Problem } from './errors.js';
import type { components, operations, paths } from './generated/api.js';
import { type RetryOptions, retryingFetch } from './retrying-fetch.js';

/** Every schema of the REST contract, by name, e.g. `Schemas['Room']`. */
export type Schemas = components['schemas'];
/** A room, as lists show it. */
export type Room = Schemas['Room'];
/** A room with its live state. */
export type RoomDetail = Schemas['RoomDetail'];
/** A story of a room's queue. */
export type Story = Schemas['Story'];
/** A participant token and the WebSocket URL to use it with. */
export type ParticipantToken = Schemas['ParticipantToken'];
/** A room's revealed rounds. */
export type History = Schemas['History'];
/** What the account used in a period. */
export type Usage = Schemas['Usage'];
/** An API key, without its secret. */
export type ApiKey = Schemas['ApiKey'];
/** A new API key with its secret. */
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'];
/** Everything held about one of your users: their participant records and votes. */
export type UserExport = Schemas['UserExport'];
/** What erasing one of your users changed. */
export type UserErasure = Schemas['UserErasure'];
/** The account's plan, subscription and this month's metered usage. */
export type Billing = Schemas['Billing'];
/** The body of `rooms.create`. */
export type CreateRoomInput = Schemas['CreateRoomRequest'];
/** The body of `rooms.update`. */
export type UpdateRoomInput = Schemas['UpdateRoomRequest'];
/** The body of `rooms.mintToken`. */
export type CreateTokenInput = Schemas['CreateTokenRequest'];
/** A story as you send it. */
export type StoryInput = Schemas['StoryInput'];
/** A round of voting, as participants see it. */
export type Round = Schemas['Round'];
/** The query of `rooms.list`. */
export type ListRoomsQuery = NonNullable<operations['listRooms']['parameters']['query']>;

/** How to reach the API. */
export interface PokerRoomOptions {
  /** A secret key, `sk_test_…` or `sk_live_…`. Keep it on your server. */
  readonly apiKey: string;
  /** The service's base URL (default `https://api.pokerroom.dev`). */
  readonly baseUrl?: string;
  /** A `fetch` implementation (default: the global one). */
  readonly fetch?: typeof fetch;
  /** Retries of 429, 5xx and network errors (default: 2 retries, honouring `Retry-After`). */
  readonly retry?: RetryOptions;
}

/** Options of one request. */
export interface RequestOptions {
  /** The Idempotency-Key of a POST; a random one is used when absent, and kept across retries. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (cause) {
    throw new PokerRoomError(null, 0, {
      cause,
      message: `the request could not be sent: ${(cause as Error).message}`,
    });
  }
  if (answer.response.ok) return answer.data as T;
  const problem = (
    typeof answer.error === 'object' && answer.error !== null ? answer.error : null
  ) as Problem | null;
  throw new PokerRoomError(problem, answer.response.status);
}

const post = (options: RequestOptions | undefined) => ({
  ...(options?.signal === undefined ? {} : { signal: options.signal }),
  ...(options?.idempotencyKey === undefined
    ? {}
    : { headers: { 'Idempotency-Key': options.idempotencyKey } }),
});

/**
 * The Poker Room REST API for your backend: rooms, participant tokens, stories, history, usage, billing,
 * data protection and keys, typed from the OpenAPI contract. Errors throw {@link PokerRoomError}
 * with the API's stable `code`; POSTs carry an Idempotency-Key and are retried safely.
 *
 * @example
 * ```ts
 * import { PokerRoom } from '@pokerroom/node';
 *
 * const poker = new PokerRoom({ apiKey: process.env.POKERROOM_SECRET_KEY!, baseUrl: 'http://localhost:8080' });
 * const room = await poker.rooms.create({ name: 'Sprint 12' });
 * const { token, wsUrl } = await poker.rooms.mintToken(room.id, { name: 'Ada', role: 'facilitator' });
 * ```
 */
export class PokerRoom {
  /** The typed openapi-fetch client, for anything the methods below don't cover. */
  readonly api: Client<paths>;

  constructor(options: PokerRoomOptions) {
    if (!/^sk_(test|live)_/.test(options.apiKey))
      throw new TypeError('apiKey must be a secret key: sk_test_… or sk_live_…');
    this.api = createClient<paths>({
      baseUrl: (options.baseUrl ?? 'https://api.pokerroom.dev').replace(/\/$/, ''),
      headers: { authorization: `Bearer ${options.apiKey}` },
      fetch: retryingFetch(options.fetch ?? globalThis.fetch, options.retry),
    });
  }

  /** Rooms and participant tokens. */
  readonly rooms = {
    /** Creates a room; everything is optional. */
    create: (body: CreateRoomInput = {}, options?: RequestOptions): Promise<Room> =>
      unwrap(this.api.POST('/v1/rooms', { body, ...post(options) })),
    /** One page of rooms, newest first; pass `nextCursor` as `cursor` for the next. */
    list: (query: ListRoomsQuery = {}): Promise<Schemas['RoomList']> =>
      unwrap(this.api.GET('/v1/rooms', { params: { query } })),
    /** A room with its participants, stories, round and timer. */
    get: (roomId: string): Promise<RoomDetail> =>
      unwrap(this.api.GET('/v1/rooms/{roomId}', { params: { path: { roomId } } })),
    /** Changes the name, deck or settings; participants see it at once. */
    update: (roomId: string, body: UpdateRoomInput): Promise<Room> =>
      unwrap(this.api.PATCH('/v1/rooms/{roomId}', { params: { path: { roomId } }, body })),
    /** Closes the room; connected participants are disconnected. */
    close: (roomId: string): Promise<Room> =>
      unwrap(this.api.DELETE('/v1/rooms/{roomId}', { params: { path: { roomId } } })),
    /** Mints a short-lived participant token for a browser. */
    mintToken: (
      roomId: string,
      body: CreateTokenInput,
      options?: RequestOptions,
    ): Promise<ParticipantToken> =>
      unwrap(
        this.api.POST('/v1/rooms/{roomId}/tokens', { params: { path: { roomId } }, body, ...post(options) }),
      ),
    /** Every room, page by page. */
    all: (query: Omit<ListRoomsQuery, 'cursor'> = {}): AsyncIterable<Room> => {
      const list = this.rooms.list;
      return {
        async *[Symbol.asyncIterator]() {
          let cursor: string | null = null;
          do {
            const page: Schemas['RoomList'] = await list(cursor === null ? query : { ...query, cursor });
            yield* page.data;
            cursor = page.nextCursor;
          } while (cursor !== null);
        },
      };
    },
  };

  /** The story queue of a room. */
  readonly stories = {
    /** Adds a story at the end of the queue. */
    add: (roomId: string, story: StoryInput, options?: RequestOptions): Promise<Story> =>
      unwrap(
        this.api.POST('/v1/rooms/{roomId}/stories', {
          params: { path: { roomId } },
          body: story,
          ...post(options),
        }),
      ),
    /** Adds many stories at once (all or nothing). */
    import: async (roomId: string, stories: StoryInput[], options?: RequestOptions): Promise<Story[]> =>
      (
        await unwrap(
          this.api.POST('/v1/rooms/{roomId}/stories/import', {
            params: { path: { roomId } },
            body: { stories },
            ...post(options),
          }),
        )
      ).data,
    /** Edits a story. */
    update: (roomId: string, storyId: string, body: Schemas['UpdateStoryRequest']): Promise<Story> =>
      unwrap(
        this.api.PATCH('/v1/rooms/{roomId}/stories/{storyId}', {
          params: { path: { roomId, storyId } },
          body,
        }),
      ),
    /** Removes a story. */
    remove: async (roomId: string, storyId: string): Promise<void> => {
      await unwrap(
        this.api.DELETE('/v1/rooms/{roomId}/stories/{storyId}', { params: { path: { roomId, storyId } } }),
      );
    },
    /** Puts the queue in a new order: every story id, once each. */
    reorder: async (roomId: string, storyIds: string[], options?: RequestOptions): Promise<Story[]> =>
      (
        await unwrap(
          this.api.POST('/v1/rooms/{roomId}/stories/reorder', {
            params: { path: { roomId } },
            body: { storyIds },
            ...post(options),
          }),
        )
      ).data,
  };

  /**
   * The room's rounds, driven from your backend under the same rules as a facilitator's: a move the
   * round's state does not allow throws {@link PokerRoomError} with the domain's code
   * (`no_active_round`, `round_already_revealed`, `round_not_revealed`).
   *
   * @example
   * ```ts
   * await poker.rounds.start(room.id, { storyId: story.id });
   * const revealed = await poker.rounds.reveal(room.id);
   * await poker.rounds.finalize(room.id, revealed.stats?.suggestion ?? '?');
   * ```
   */
  readonly rounds = {
    /** Starts a round on a story of the queue, or on none; any current round ends. */
    start: (
      roomId: string,
      body: { storyId?: string | null } = {},
      options?: RequestOptions,
    ): Promise<Round> =>
      unwrap(
        this.api.POST('/v1/rooms/{roomId}/rounds', { params: { path: { roomId } }, body, ...post(options) }),
      ),
    /** Reveals the votes and statistics of the current round. */
    reveal: (roomId: string, options?: RequestOptions): Promise<Round> =>
      unwrap(
        this.api.POST('/v1/rooms/{roomId}/rounds/current/reveal', {
          params: { path: { roomId } },
          ...post(options),
        }),
      ),
    /** Clears the votes for a re-vote on the same story. */
    reset: (roomId: string, options?: RequestOptions): Promise<Round> =>
      unwrap(
        this.api.POST('/v1/rooms/{roomId}/rounds/current/reset', {
          params: { path: { roomId } },
          ...post(options),
        }),
      ),
    /** Closes the revealed round with the estimate, which becomes the story's. */
    finalize: (roomId: string, estimate: string, options?: RequestOptions): Promise<Round> =>
      unwrap(
        this.api.POST('/v1/rooms/{roomId}/rounds/current/finalize', {
          params: { path: { roomId } },
          body: { estimate },
          ...post(options),
        }),
      ),
  };

  /** Revealed rounds, as JSON or CSV. */
  readonly history = {
    /** The revealed rounds with every vote, statistics and final estimate. */
    get: (roomId: string): Promise<History> =>
      // The operation also answers text/csv; without an Accept header the answer is JSON.
      unwrap(
        this.api.GET('/v1/rooms/{roomId}/history', { params: { path: { roomId } } }) as Promise<
          Answer<History>
        >,
      ),
    /** The history as CSV, one row per vote, as a stream of bytes. */
    csv: async (roomId: string): Promise<ReadableStream<Uint8Array>> => {
      const answer = await unwrap(
        this.api.GET('/v1/rooms/{roomId}/history', {
          params: { path: { roomId } },
          headers: { accept: 'text/csv' },
          parseAs: 'stream',
        }),
      );
      return answer as unknown as ReadableStream<Uint8Array>;
    },
  };

  /** What the account used: rooms, rounds, votes, participants. */
  readonly usage = {
    /** Counts for `[from, to)`; this month so far by default. */
    get: (query: { from?: string; to?: string } = {}): Promise<Usage> =>
      unwrap(this.api.GET('/v1/usage', { params: { query } })),
  };

  /**
   * Data protection: what is held about one of your users, named by the `externalUserId` you
   * minted their tokens with, across the account's rooms.
   */
  readonly users = {
    /**
     * Every participant record of the person (room, name, role, avatar, joined and left) and every
     * vote they cast in a revealed round (story, card, when, the final estimate), newest first.
     * An unknown id, or one of another account, answers empty lists. Needs the `history` scope.
     *
     * @example
     * ```ts
     * const data = await poker.users.export('u-42');
     * console.log(data.participants.length, data.votes.length, data.truncated);
     * ```
     */
    export: (externalUserId: string, options?: Pick<RequestOptions, 'signal'>): Promise<UserExport> =>
      unwrap(
        this.api.GET('/v1/users/{externalUserId}/export', {
          params: { path: { externalUserId } },
          ...(options?.signal === undefined ? {} : { signal: options.signal }),
        }),
      ),
    /**
     * Erases the person: in every room of the account they become "Deleted user" without external
     * id or avatar (rooms, event logs, history, webhook deliveries); in open rooms they are renamed
     * and removed, so their sessions end. Votes stay, anonymous. Idempotent: a second call
     * answers zero counts. A token minted later for the same `externalUserId` joins as a new
     * participant. Needs the `rooms` scope.
     *
     * @example
     * ```ts
     * const erased = await poker.users.delete('u-42');
     * console.log(`${erased.participants} participant records anonymized`);
     * ```
     */
    delete: (externalUserId: string, options?: Pick<RequestOptions, 'signal'>): Promise<UserErasure> =>
      unwrap(
        this.api.DELETE('/v1/users/{externalUserId}', {
          params: { path: { externalUserId } },
          ...(options?.signal === undefined ? {} : { signal: options.signal }),
        }),
      ),
  };

  /** The account's secret keys. */
  readonly keys = {
    /** Creates a key; its secret is in the answer, and never shown again. */
    create: (body: Schemas['CreateKeyRequest'] = {}, options?: RequestOptions): Promise<ApiKeyWithSecret> =>
      unwrap(this.api.POST('/v1/keys', { body, ...post(options) })),
    /** Every key, with its last four characters only. */
    list: async (): Promise<ApiKey[]> => (await unwrap(this.api.GET('/v1/keys'))).data,
    /** Revokes a key at once. */
    revoke: (keyId: string): Promise<ApiKey> =>
      unwrap(this.api.DELETE('/v1/keys/{keyId}', { params: { path: { keyId } } })),
    /** A new key with the same scopes; the old one works for `gracePeriodSeconds` more (default 1 day). */
    rotate: (
      keyId: string,
      gracePeriodSeconds?: number,
      options?: RequestOptions,
    ): Promise<ApiKeyWithSecret> =>
      unwrap(
        this.api.POST('/v1/keys/{keyId}/rotate', {
          params: { path: { keyId } },
          body: gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds },
          ...post(options),
        }),
      ),
  };

  /**
   * The account's billing: monthly active participants, the plan and its limit, and Stripe
   * Checkout and the billing portal to subscribe or manage payment (those two need a live key).
   *
   * @example
   * ```ts
   * const { plan, activeParticipants, limit } = await poker.billing.get();
   * const { url } = await poker.billing.checkout({
   *   successUrl: 'https://tool.example.com/billing/done',
   *   cancelUrl: 'https://tool.example.com/billing',
   * });
   * ```
   */
  readonly billing = {
    /** Plan, subscription, this month's usage and any discrepancy found with Stripe. */
    get: (): Promise<Billing> => unwrap(this.api.GET('/v1/billing')),
    /** A Stripe Checkout Session for the metered plan: redirect the account owner to its `url`. */
    checkout: (body: Schemas['CheckoutRequest'], options?: RequestOptions): Promise<{ url: string }> =>
      unwrap(this.api.POST('/v1/billing/checkout', { body, ...post(options) })),
    /** A Stripe Billing Portal session: redirect the account owner to its `url`. */
    portal: (body: Schemas['PortalRequest'], options?: RequestOptions): Promise<{ url: string }> =>
      unwrap(this.api.POST('/v1/billing/portal', { body, ...post(options) })),
  };
}
