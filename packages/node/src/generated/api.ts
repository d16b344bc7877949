/**
 * The REST API's paths, operations and schemas, generated from openapi/openapi.yaml by
 * packages/node/scripts/generate-types.ts. Do not edit.
 *
 * @packageDocumentation
 */
export type paths = {
  '/v1/rooms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List rooms
     * @description Newest first, a page at a time. Pages stay stable while rooms are created.
     */
    get: operations['listRooms'];
    put?: never;
    /**
     * Create a room
     * @description Everything is optional: a room gets the modified Fibonacci deck and the default settings.
     */
    post: operations['createRoom'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a room with its live state */
    get: operations['getRoom'];
    put?: never;
    post?: never;
    /**
     * Close a room
     * @description Connected participants are disconnected (close code 4002). Closing a closed room changes nothing.
     */
    delete: operations['closeRoom'];
    options?: never;
    head?: never;
    /**
     * Change a room’s name, deck or settings
     * @description Connected participants see the change at once. A new deck during voting starts the round over.
     */
    patch: operations['updateRoom'];
    trace?: never;
  };
  '/v1/rooms/{roomId}/stories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a story to the end of the queue */
    post: operations['addStory'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/stories/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add many stories at once
     * @description All or nothing: if the queue cannot take them all, none is added (409 story_limit).
     */
    post: operations['importStories'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/stories/reorder': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Put the queue in a new order */
    post: operations['reorderStories'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/stories/{storyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a story from the queue */
    delete: operations['removeStory'];
    options?: never;
    head?: never;
    /** Edit a story */
    patch: operations['updateStory'];
    trace?: never;
  };
  '/v1/rooms/{roomId}/rounds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a round, on a story or on none
     * @description Like a facilitator’s `round.start`: the current round, if any, ends (its story goes back to the queue unless estimated) and a new one opens for votes. Connected participants see it at once.
     */
    post: operations['startRound'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/rounds/current/reveal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reveal the votes of the current round
     * @description Shows every vote and the statistics to the room, and sends the `round.revealed` webhook.
     */
    post: operations['revealRound'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/rounds/current/reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Vote again
     * @description Clears the votes for a re-vote on the same story: the round starts over under a new id.
     */
    post: operations['resetRound'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/rounds/current/finalize': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Close the revealed round with an estimate
     * @description The estimate becomes the story’s (`story.estimated` webhook); every finalized round sends `round.finalized`.
     */
    post: operations['finalizeRound'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mint a participant token
     * @description Short-lived (60 s to 24 h, 1 h by default). Hand it to the browser; never hand out the API key.
     */
    post: operations['createToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rooms/{roomId}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a room’s revealed rounds
     * @description JSON by default. With `Accept: text/csv`, one row per vote, streamed: any size of history in flat memory.
     */
    get: operations['getHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Count what the account used in a period */
    get: operations['getUsage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{externalUserId}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export what is held about one of your users
     * @description Data protection (access, portability): every participant record with this `externalUserId` in the account’s rooms and every vote they cast in a revealed round, newest first. Another account’s users are never included: an unknown id answers empty lists.
     */
    get: operations['exportUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/users/{externalUserId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Erase one of your users
     * @description Data protection (erasure): in every room of the account the person becomes “Deleted user” without external id or avatar, in the rooms, their event logs, history and webhook deliveries. In open rooms they are renamed and removed through the room, so connected participants see it. Votes stay, anonymous, so statistics don’t change. Idempotent: a second call answers zero counts.
     */
    delete: operations['deleteUser'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the account’s API keys */
    get: operations['listKeys'];
    put?: never;
    /** Create an API key */
    post: operations['createKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an API key
     * @description Takes effect at once: the key is refused with 401 api_key_revoked from now on.
     */
    delete: operations['revokeKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/keys/{keyId}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate an API key
     * @description Makes a new key with the same scopes; the old one keeps working for the grace period.
     */
    post: operations['rotateKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the account’s webhook endpoints */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Create a webhook endpoint
     * @description Deliveries are signed with the secret returned here, once. Live keys need a public https:// URL; test keys may also use http://localhost.
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{webhookId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a webhook endpoint
     * @description A disabled endpoint says why in `disabledReason`.
     */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /**
     * Delete a webhook endpoint
     * @description Its pending deliveries are dropped with it.
     */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /** Change a webhook endpoint, or turn it on or off */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/v1/webhooks/{webhookId}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a webhook endpoint’s signing secret
     * @description Deliveries carry a signature with each secret during the grace period, so the receiver can switch over.
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{webhookId}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read an endpoint’s delivery log
     * @description Newest first, a page at a time: status, attempts, the last answer and the next attempt.
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{webhookId}/test': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a test event
     * @description Enqueues a `test` event for this endpoint, delivered and retried like any other (even while the endpoint is disabled, so it can be checked before turning it back on).
     */
    post: operations['sendTestWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/billing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read the account’s plan, subscription and metered usage
     * @description Monthly active participants in live mode this month, how many reached Stripe and how many wait, and any discrepancy reconciliation found. Works with a test or a live key: billing is per account.
     */
    get: operations['getBilling'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/billing/checkout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a Stripe Checkout for the metered plan
     * @description Redirect the account owner to `url`. The subscription takes effect when Stripe confirms it (webhook). Needs a live key: test mode is free.
     */
    post: operations['createCheckout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/billing/portal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Open the Stripe Billing Portal
     * @description Where the account owner changes payment details or cancels. Needs a live key.
     */
    post: operations['createPortal'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/stripe/webhook': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Stripe’s webhook endpoint
     * @description For Stripe only: the raw body is verified against `Stripe-Signature` with `STRIPE_WEBHOOK_SECRET`. Each event id is applied once; 200 only after the change is stored. When the change cannot be made (Stripe cannot be read, or storage fails) nothing is stored and the answer is 502 or 500, so Stripe delivers the event again.
     */
    post: operations['receiveStripeWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/v1/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List accounts with their plan and usage */
    get: operations['listAccounts'];
    put?: never;
    /**
     * Create an account with its first test and live keys
     * @description The keys are shown this once.
     */
    post: operations['createAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/v1/accounts/{accountId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an account: plan, subscription, this month’s usage, open discrepancies */
    get: operations['getAccount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/v1/accounts/{accountId}/plan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set an account’s plan by hand (a negotiated contract), or back to its subscription */
    put: operations['setAccountPlan'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/v1/billing/reconcile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reconcile usage and plans with Stripe now */
    post: operations['runReconciliation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/v1/billing/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close ended usage windows and send what is due to Stripe now */
    post: operations['runUsageReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This contract, as JSON */
    get: operations['getOpenApi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: storage answers, and the bus between nodes is up
     * @description 503 while draining, when storage is down, or when Redis is down on a multi-node deployment.
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = {
  'round.revealed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A round’s votes were revealed
     * @description With the votes and statistics as participants see them: in an anonymous round the votes carry no `participantId` and are sorted by card.
     */
    post: operations['roundRevealedWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'story.estimated': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A story got its estimate
     * @description A round on a story was finalized. Carries what a tracker needs to write the estimate back: the story’s title, the `externalId` and `url` you imported it with, and the round’s statistics.
     */
    post: operations['storyEstimatedWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'round.finalized': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A round was closed with an estimate
     * @description Every finalized round, with a story or without one (`storyId: null`), e.g. for rounds a team plays on a question that is not in the queue.
     */
    post: operations['roundFinalizedWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'room.closed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A room was closed
     * @description Through the API or by the service; connected participants were disconnected.
     */
    post: operations['roomClosedWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'participant.joined': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Someone joined a room
     * @description The first time a participant joins a room (not on reconnects).
     */
    post: operations['participantJoinedWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  test: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A test event
     * @description Sent by `POST /v1/webhooks/{webhookId}/test`, whatever the endpoint subscribed to.
     */
    post: operations['testWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type components = {
  schemas: {
    ApiKey: {
      id: string;
      name: string | null;
      mode: 'test' | 'live';
      /** @description The last four characters of the secret. */
      last4: string;
      scopes: ('rooms' | 'tokens' | 'history' | 'usage' | 'webhooks' | 'keys' | 'billing')[];
      /** Format: date-time */
      createdAt: string;
      /** @description Set on a rotated key: the end of its grace period. */
      expiresAt: string | null;
      revokedAt: string | null;
      rateLimit: {
        perSecond: number;
        burst: number;
      } | null;
    };
    ApiKeyList: {
      data: components['schemas']['ApiKey'][];
    };
    ApiKeyWithSecret: {
      id: string;
      name: string | null;
      mode: 'test' | 'live';
      /** @description The last four characters of the secret. */
      last4: string;
      scopes: ('rooms' | 'tokens' | 'history' | 'usage' | 'webhooks' | 'keys' | 'billing')[];
      /** Format: date-time */
      createdAt: string;
      /** @description Set on a rotated key: the end of its grace period. */
      expiresAt: string | null;
      revokedAt: string | null;
      rateLimit: {
        perSecond: number;
        burst: number;
      } | null;
      /** @description Store it now: it is never shown again. */
      secret: string;
    };
    Billing: {
      plan: 'free' | 'payg';
      /** @description `override`: set by an operator; `subscription`: paid through Stripe; `default`: free. */
      planSource: 'override' | 'subscription' | 'default';
      /** @description Monthly active participants the plan allows in live mode; null: no cap. */
      limit: number | null;
      subscription: {
        id: string;
        /** @description As Stripe holds it: active, past_due, canceled… */
        status: string;
        currentPeriodStart: string | null;
        currentPeriodEnd: string | null;
        pastDueSince: string | null;
      } | null;
      /** @description This calendar month, UTC. */
      period: {
        /** Format: date-time */
        start: string;
        /** Format: date-time */
        end: string;
      };
      /** @description People who joined a live room this month, each counted once. */
      activeParticipants: number;
      usage: {
        /** @description Accepted by Stripe. */
        reported: number;
        /** @description In closed windows waiting to be sent (or retried). */
        pending: number;
        /** @description Recorded while the account had no paid subscription: never sent. */
        unbilled: number;
        /** @description Refused by Stripe; see discrepancies. */
        failed: number;
        /** @description In the current window, which has not closed yet. */
        open: number;
      };
      discrepancies: components['schemas']['BillingDiscrepancy'][];
    };
    BillingDiscrepancy: {
      id: string;
      kind: 'usage_mismatch' | 'plan_mismatch' | 'meter_event_refused';
      /** @description A UTC day, a meter event identifier or a subscription id. */
      subject: string;
      expected: string | null;
      actual: string | null;
      detail: string;
      /** Format: date-time */
      detectedAt: string;
    };
    BillingRedirect: {
      /** @description Redirect the person’s browser here. */
      url: string;
    };
    BillingRun: {
      /** @description False when another node holds the lock and is running it now. */
      ran: boolean;
      /** @description Usage windows closed. */
      windowsClosed: number;
      /** @description Meter events Stripe accepted. */
      eventsSent: number;
      /** @description Meter events refused or retried later. */
      eventsFailed: number;
      /** @description Open discrepancies after the run. */
      discrepancies: number;
      /** @description Failed windows put back to be sent again. */
      requeued: number;
    };
    Card: {
      label: string;
      value: number | null;
    };
    CardCount: {
      label: string;
      count: number;
    };
    CheckoutRequest: {
      /** @description Where Stripe sends the person after paying. */
      successUrl: string;
      /** @description Where Stripe sends the person if they go back. */
      cancelUrl: string;
    };
    CreateAccountRequest: {
      name: string;
    };
    CreateKeyRequest: {
      name?: string;
      /** @default test */
      mode?: 'test' | 'live';
      /** @description What the key may do; every scope when absent. */
      scopes?: ('rooms' | 'tokens' | 'history' | 'usage' | 'webhooks' | 'keys' | 'billing')[];
      /** @description A lower limit than the service default, e.g. for a key given to a script. */
      rateLimit?: {
        perSecond: number;
        burst: number;
      };
    };
    CreateRoomRequest: {
      name?: string;
      deck?: components['schemas']['DeckInput'];
      settings?: {
        autoReveal?: boolean;
        revealPolicy?: 'facilitator' | 'voters';
        roundTimerSeconds?: number | null;
        anonymous?: boolean;
      };
    };
    CreateTokenRequest: {
      name: string;
      role?: 'facilitator' | 'voter' | 'observer';
      /** @description Your id for this person: the same id always gets the same participant id in a room. */
      externalUserId?: string;
      avatarUrl?: string;
      /** @default 3600 */
      ttlSeconds?: number;
    };
    CreateWebhookRequest: {
      /** @description Where deliveries are POSTed: https:// (http://localhost too, with a test key). */
      url: string;
      /** @description The events this endpoint receives. */
      eventTypes: (
        | 'round.revealed'
        | 'story.estimated'
        | 'round.finalized'
        | 'room.closed'
        | 'participant.joined'
      )[];
      description?: string;
    };
    Deck: {
      kind: 'fibonacci' | 'modified-fibonacci' | 't-shirt' | 'powers-of-two' | 'custom';
      cards: components['schemas']['Card'][];
    };
    /** @description A preset deck by kind, or a custom deck with its cards. */
    DeckInput: {
      kind: 'fibonacci' | 'modified-fibonacci' | 't-shirt' | 'powers-of-two' | 'custom';
      /** @description Required for `custom`; presets bring their own cards. */
      cards?: components['schemas']['Card'][];
    };
    FinalizeRoundRequest: {
      /** @description Any text, usually a card of the deck; it becomes the story’s estimate. */
      estimate: string;
    };
    Health: {
      status: string;
      checks?: {
        [key: string]: string;
      };
    };
    History: {
      roomId: string;
      rounds: components['schemas']['HistoryRound'][];
    };
    HistoryRound: {
      id: string;
      story: {
        id: string;
        title: string;
        externalId: string | null;
      } | null;
      anonymous: boolean;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      revealedAt: string;
      finalizedAt: string | null;
      estimate: string | null;
      statistics: components['schemas']['Statistics'] | null;
      votes: components['schemas']['HistoryVote'][];
    };
    HistoryVote: {
      /** @description `null` in anonymous rounds. */
      participantId: string | null;
      participantName: string | null;
      card: string;
      /** Format: date-time */
      castAt: string;
    };
    ImportStoriesRequest: {
      stories: components['schemas']['StoryInput'][];
    };
    NewOperatorAccount: {
      account: components['schemas']['OperatorAccount'];
      keys: {
        /** @description Shown once: store it now. */
        test: string;
        /** @description Shown once: store it now. */
        live: string;
      };
    };
    OperatorAccount: {
      id: string;
      name: string;
      /** Format: date-time */
      createdAt: string;
      stripeCustomerId: string | null;
      billing: components['schemas']['Billing'];
    };
    OperatorAccountList: {
      data: components['schemas']['OperatorAccount'][];
      nextCursor: string | null;
    };
    Participant: {
      id: string;
      name: string;
      role: 'facilitator' | 'voter' | 'observer';
      presence: 'online' | 'away' | 'offline';
      avatarUrl?: string;
      externalId?: string;
      /** @constant */
      votes?: false;
    };
    ParticipantJoinedEvent: {
      /** @description The delivery id: the same on every retry, so drop duplicates by it. */
      id: string;
      /** @constant */
      type: 'participant.joined';
      /**
       * Format: date-time
       * @description When the event happened in the room.
       */
      createdAt: string;
      data: {
        /** @description The room. */
        roomId: string;
        participant: components['schemas']['Participant'];
      };
    };
    ParticipantToken: {
      /** @description Pass to the element (`token` attribute) or to `connect`. */
      token: string;
      /** Format: date-time */
      expiresAt: string;
      /** @description The WebSocket URL to pass to `connect`. */
      wsUrl: string;
      participantId: string;
    };
    PortalRequest: {
      /** @description Where the billing portal’s back link leads. */
      returnUrl: string;
    };
    Problem: {
      /** @description A link to the documentation of the code. */
      type: string;
      title: string;
      status: number;
      /** @description Stable: react to this, not to `title` or `detail`. */
      code:
        | 'token_missing'
        | 'token_invalid'
        | 'token_expired'
        | 'api_key_missing'
        | 'api_key_invalid'
        | 'api_key_revoked'
        | 'operator_key_invalid'
        | 'forbidden'
        | 'scope_missing'
        | 'key_mode_mismatch'
        | 'wrong_room'
        | 'kicked'
        | 'malformed_frame'
        | 'frame_too_large'
        | 'unsupported_version'
        | 'unknown_type'
        | 'invalid_payload'
        | 'invalid_deck'
        | 'invalid_card'
        | 'invalid_request'
        | 'webhook_url_invalid'
        | 'unsupported_media_type'
        | 'body_too_large'
        | 'method_not_allowed'
        | 'room_not_found'
        | 'story_not_found'
        | 'participant_not_found'
        | 'not_found'
        | 'no_active_round'
        | 'round_already_revealed'
        | 'round_not_revealed'
        | 'room_closed'
        | 'room_full'
        | 'story_limit'
        | 'idempotency_conflict'
        | 'rate_limited'
        | 'plan_limit_reached'
        | 'billing_not_configured'
        | 'live_key_required'
        | 'webhook_signature_invalid'
        | 'storage_unavailable'
        | 'overloaded'
        | 'shutting_down'
        | 'billing_provider_unavailable'
        | 'internal';
      /** @description What was wrong with this request, naming the field at fault. */
      detail: string;
      /** @description Whether the same request may succeed later, unchanged. */
      retryable: boolean;
      instance?: string;
    };
    ReorderStoriesRequest: {
      storyIds: string[];
    };
    RevealedVote: {
      participantId?: string;
      card: string;
    };
    Room: {
      id: string;
      name: string;
      deck: components['schemas']['Deck'];
      settings: components['schemas']['RoomSettings'];
      closed: boolean;
      /** Format: date-time */
      createdAt: string;
      closedAt: string | null;
    };
    RoomClosedEvent: {
      /** @description The delivery id: the same on every retry, so drop duplicates by it. */
      id: string;
      /** @constant */
      type: 'room.closed';
      /**
       * Format: date-time
       * @description When the event happened in the room.
       */
      createdAt: string;
      data: {
        /** @description The room. */
        roomId: string;
      };
    };
    RoomDetail: {
      id: string;
      name: string;
      deck: components['schemas']['Deck'];
      settings: components['schemas']['RoomSettings'];
      closed: boolean;
      /** Format: date-time */
      createdAt: string;
      closedAt: string | null;
      participants: components['schemas']['Participant'][];
      stories: components['schemas']['Story'][];
      round: components['schemas']['Round'] | null;
      timer: components['schemas']['Timer'] | null;
    };
    RoomList: {
      data: components['schemas']['Room'][];
      /** @description Pass as `cursor` for the next page; `null` on the last page. */
      nextCursor: string | null;
    };
    RoomSettings: {
      autoReveal: boolean;
      revealPolicy: 'facilitator' | 'voters';
      roundTimerSeconds: number | null;
      anonymous: boolean;
    };
    RotateKeyRequest: {
      /**
       * @description How long the old key keeps working.
       * @default 86400
       */
      gracePeriodSeconds?: number;
    };
    RotateWebhookSecretRequest: {
      /**
       * @description How long the old secret keeps signing deliveries, beside the new one.
       * @default 86400
       */
      gracePeriodSeconds?: number;
    };
    Round: {
      id: string;
      storyId: string | null;
      status: 'voting' | 'revealed' | 'finalized';
      startedAt: number;
      anonymous: boolean;
      voted: string[];
      votes?: components['schemas']['RevealedVote'][];
      stats?: components['schemas']['Statistics'];
      estimate?: string;
    };
    RoundFinalizedEvent: {
      /** @description The delivery id: the same on every retry, so drop duplicates by it. */
      id: string;
      /** @constant */
      type: 'round.finalized';
      /**
       * Format: date-time
       * @description When the event happened in the room.
       */
      createdAt: string;
      data: {
        /** @description The room. */
        roomId: string;
        /** @description The round (a re-vote gets a new id). */
        roundId: string;
        /** @description The story, `null` for a round without one. */
        storyId: string | null;
        /** @description The final estimate the facilitator (or your backend) chose. */
        estimate: string;
        /** @description How long the round lasted, from its start (re-votes included) to the estimate. */
        durationMs: number;
        /** @description The statistics of the reveal; `null` if none was stored. */
        stats: components['schemas']['Statistics'] | null;
      };
    };
    RoundRevealedEvent: {
      /** @description The delivery id: the same on every retry, so drop duplicates by it. */
      id: string;
      /** @constant */
      type: 'round.revealed';
      /**
       * Format: date-time
       * @description When the event happened in the room.
       */
      createdAt: string;
      data: {
        /** @description The room. */
        roomId: string;
        /** @description The round (a re-vote gets a new id). */
        roundId: string;
        /** @description The story estimated, `null` for a round without one. */
        storyId: string | null;
        anonymous: boolean;
        /** @description The room revealed by itself once everyone had voted. */
        auto: boolean;
        votes: components['schemas']['RevealedVote'][];
        stats: components['schemas']['Statistics'];
      };
    };
    SetPlanRequest: {
      /** @description A plan set by hand (a negotiated contract); null: follow the Stripe subscription again. */
      plan: ('free' | 'payg') | null;
    };
    StartRoundRequest: {
      /** @description The story to estimate (it becomes `active`); absent or `null` for a round without one. */
      storyId?: string | null;
    };
    Statistics: {
      count: number;
      numericCount: number;
      mean: number | null;
      median: number | null;
      modes: string[];
      min: number | null;
      max: number | null;
      spread: number | null;
      agreement: number;
      consensus: boolean;
      suggestion: string | null;
      distribution: components['schemas']['CardCount'][];
      nonNumeric: components['schemas']['CardCount'][];
    };
    Story: {
      id: string;
      title: string;
      description?: string;
      externalId?: string;
      url?: string;
      status: 'pending' | 'active' | 'estimated';
      estimate: string | null;
      timeSpentMs: number;
    };
    StoryEstimatedEvent: {
      /** @description The delivery id: the same on every retry, so drop duplicates by it. */
      id: string;
      /** @constant */
      type: 'story.estimated';
      /**
       * Format: date-time
       * @description When the event happened in the room.
       */
      createdAt: string;
      data: {
        /** @description The room. */
        roomId: string;
        /** @description The round (a re-vote gets a new id). */
        roundId: string;
        storyId: string;
        title: string;
        /** @description The id your tracker gave the story; `null` if none. */
        externalId: string | null;
        /** @description The story’s link. */
        url: string | null;
        /** @description The final estimate the facilitator (or your backend) chose. */
        estimate: string;
        /** @description How long the round lasted, from its start (re-votes included) to the estimate. */
        durationMs: number;
        /** @description The statistics of the reveal; `null` if none was stored. */
        stats: components['schemas']['Statistics'] | null;
      };
    };
    StoryInput: {
      title: string;
      description?: string;
      externalId?: string;
      url?: string;
    };
    StoryList: {
      data: components['schemas']['Story'][];
    };
    StripeWebhookReceipt: {
      received: boolean;
      /** @description `replayed`: this event id was processed before, nothing changed. */
      outcome: 'processed' | 'replayed' | 'ignored';
    };
    TestEvent: {
      /** @description The delivery id: the same on every retry, so drop duplicates by it. */
      id: string;
      /** @constant */
      type: 'test';
      /**
       * Format: date-time
       * @description When the event happened in the room.
       */
      createdAt: string;
      data: {
        webhookId: string;
        message: string;
      };
    };
    Timer: {
      startedAt: number;
      endsAt: number;
      seconds: number;
    };
    UpdateRoomRequest: {
      name?: string;
      deck?: components['schemas']['DeckInput'];
      settings?: {
        autoReveal?: boolean;
        revealPolicy?: 'facilitator' | 'voters';
        roundTimerSeconds?: number | null;
        anonymous?: boolean;
      };
    };
    UpdateStoryRequest: {
      title?: string;
      description?: string;
      externalId?: string;
      url?: string;
    };
    UpdateWebhookRequest: {
      /** @description Where deliveries are POSTed: https:// (http://localhost too, with a test key). */
      url?: string;
      /** @description The events this endpoint receives. */
      eventTypes?: (
        | 'round.revealed'
        | 'story.estimated'
        | 'round.finalized'
        | 'room.closed'
        | 'participant.joined'
      )[];
      description?: string | null;
      /** @description `true` turns a disabled endpoint back on (its pending deliveries are sent); `false` pauses it. */
      enabled?: boolean;
    };
    Usage: {
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      /** @description Rooms created. */
      rooms: number;
      /** @description Rounds revealed. */
      rounds: number;
      /** @description Votes cast (a changed vote counts once). */
      votes: number;
      /** @description Participants who joined a room. */
      participants: number;
    };
    UserErasure: {
      /** @description Participant records anonymized. */
      participants: number;
      /** @description Rooms the person was in. */
      rooms: number;
      /** @description Room events whose name, external id and avatar were removed from the log. */
      events: number;
      /** @description `participant.joined` webhook deliveries whose personal data was removed. */
      webhookDeliveries: number;
      /** @description Stored answers of token requests (Idempotency-Key replays) dropped. */
      storedResponses: number;
      /** @description Votes kept, now anonymous, so statistics stay as they were. */
      votes: number;
    };
    UserExport: {
      externalUserId: string;
      /** Format: date-time */
      exportedAt: string;
      /** @description The person’s place in each room, newest first (at most 1,000). */
      participants: components['schemas']['UserExportParticipant'][];
      /** @description Votes in revealed rounds, newest first (at most 10,000). */
      votes: components['schemas']['UserExportVote'][];
      /** @description Whether a list was cut at its limit; the newest entries are kept. */
      truncated: boolean;
    };
    UserExportParticipant: {
      roomId: string;
      roomName: string;
      participantId: string;
      name: string;
      role: 'facilitator' | 'voter' | 'observer';
      avatarUrl: string | null;
      /** Format: date-time */
      joinedAt: string;
      leftAt: string | null;
      leftReason: 'kicked' | 'left' | null;
    };
    UserExportVote: {
      roomId: string;
      roundId: string;
      participantId: string;
      storyId: string | null;
      storyTitle: string | null;
      anonymous: boolean;
      /** @description `null` in anonymous rounds: the room was promised nobody learns who voted what. */
      card: string | null;
      /** Format: date-time */
      castAt: string;
      /** Format: date-time */
      revealedAt: string;
      /** @description The final estimate the round closed with, if it was finalized. */
      estimate: string | null;
      finalizedAt: string | null;
    };
    WebhookDelivery: {
      /** @description The delivery id: the same on every attempt (`webhook-id` header). */
      id: string;
      /** @description The event type, or `test`. */
      type: string;
      /** @description `failed`: every attempt failed, no more will be made. */
      status: 'pending' | 'delivered' | 'failed';
      attempts: number;
      /** @description The HTTP status of the last attempt; `null` if the endpoint did not answer. */
      lastResponseStatus: number | null;
      lastError: string | null;
      lastAttemptAt: string | null;
      /** @description When the next attempt is due; `null` once delivered or failed. */
      nextAttemptAt: string | null;
      deliveredAt: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    WebhookDeliveryList: {
      data: components['schemas']['WebhookDelivery'][];
      /** @description Pass as `cursor` for the next page; `null` on the last page. */
      nextCursor: string | null;
    };
    WebhookEndpoint: {
      id: string;
      url: string;
      description: string | null;
      /** @description The events this endpoint receives. */
      eventTypes: (
        | 'round.revealed'
        | 'story.estimated'
        | 'round.finalized'
        | 'room.closed'
        | 'participant.joined'
      )[];
      enabled: boolean;
      /** @description Why deliveries stopped: after a long failure streak, or through the API. */
      disabledReason: string | null;
      disabledAt: string | null;
      /** @description During a rotation: until when the previous secret signs deliveries too. */
      previousSecretExpiresAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    WebhookEndpointList: {
      data: components['schemas']['WebhookEndpoint'][];
    };
    WebhookEndpointWithSecret: {
      id: string;
      url: string;
      description: string | null;
      /** @description The events this endpoint receives. */
      eventTypes: (
        | 'round.revealed'
        | 'story.estimated'
        | 'round.finalized'
        | 'room.closed'
        | 'participant.joined'
      )[];
      enabled: boolean;
      /** @description Why deliveries stopped: after a long failure streak, or through the API. */
      disabledReason: string | null;
      disabledAt: string | null;
      /** @description During a rotation: until when the previous secret signs deliveries too. */
      previousSecretExpiresAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description The signing secret (`whsec_…`). Store it now: it is never shown again. */
      secret: string;
    };
  };
  responses: {
    /** @description The request is not valid; `detail` names the field at fault. */
    BadRequest: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No API key, or not a valid one. */
    Unauthorized: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The key lacks the scope this operation needs, or the room refuses the action. */
    Forbidden: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is larger than 256 KiB. */
    ContentTooLarge: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is not application/json. */
    UnsupportedMediaType: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Too many requests for this key. */
    TooManyRequests: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Something failed on our side; retry. */
    InternalError: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Storage or the server is unavailable for a moment; retry. */
    Unavailable: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    roomId: string;
    storyId: string;
    keyId: string;
    /** @description The `externalUserId` you minted the person’s tokens with (percent-encoded). */
    externalUserId: string;
    accountId: string;
    webhookId: string;
    /** @description The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`). */
    WebhookId: string;
    /** @description When this attempt was signed, in seconds since the epoch. */
    WebhookTimestamp: string;
    /** @description Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid secret (two during a rotation). */
    WebhookSignature: string;
    /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
    IdempotencyKey: string;
  };
  requestBodies: never;
  headers: {
    /** @description Requests the key may burst. */
    'RateLimit-Limit': number;
    /** @description Requests left in the burst now. */
    'RateLimit-Remaining': number;
    /** @description Seconds until the burst is full again. */
    'RateLimit-Reset': number;
    /** @description Seconds to wait before retrying. */
    'Retry-After': number;
  };
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  listRooms: {
    parameters: {
      query?: {
        /** @description Rooms per page. */
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
        /** @description Only closed (`true`) or open (`false`) rooms. */
        closed?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of rooms. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoomList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  createRoom: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CreateRoomRequest'];
      };
    };
    responses: {
      /** @description The new room. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Room'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getRoom: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The room. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoomDetail'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  closeRoom: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The closed room. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Room'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  updateRoom: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateRoomRequest'];
      };
    };
    responses: {
      /** @description The room after the change. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Room'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  addStory: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StoryInput'];
      };
    };
    responses: {
      /** @description The new story. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Story'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  importStories: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportStoriesRequest'];
      };
    };
    responses: {
      /** @description The new stories, in order. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoryList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  reorderStories: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReorderStoriesRequest'];
      };
    };
    responses: {
      /** @description The queue in its new order. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoryList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  removeStory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        roomId: components['parameters']['roomId'];
        storyId: components['parameters']['storyId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  updateStory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        roomId: components['parameters']['roomId'];
        storyId: components['parameters']['storyId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateStoryRequest'];
      };
    };
    responses: {
      /** @description The story after the change. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Story'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  startRound: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['StartRoundRequest'];
      };
    };
    responses: {
      /** @description The new round. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Round'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  revealRound: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revealed round. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Round'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  resetRound: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The round, open for votes again. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Round'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  finalizeRound: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FinalizeRoundRequest'];
      };
    };
    responses: {
      /** @description The finalized round. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Round'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  createToken: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTokenRequest'];
      };
    };
    responses: {
      /** @description The token. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ParticipantToken'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description The account's plan allows no more monthly active participants. People already counted this month can still join; upgrade the plan (POST /v1/billing/checkout) to admit more. */
      402: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getHistory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        roomId: components['parameters']['roomId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revealed rounds, oldest first. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['History'];
          'text/csv': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getUsage: {
    parameters: {
      query?: {
        /** @description Start (inclusive); the start of this month by default. */
        from?: string;
        /** @description End (exclusive); now by default. */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The counts. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Usage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  exportUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The `externalUserId` you minted the person’s tokens with (percent-encoded). */
        externalUserId: components['parameters']['externalUserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The person’s records. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserExport'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The `externalUserId` you minted the person’s tokens with (percent-encoded). */
        externalUserId: components['parameters']['externalUserId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What was erased. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserErasure'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every key, oldest first, with the last four characters only. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  createKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CreateKeyRequest'];
      };
    };
    responses: {
      /** @description The key with its secret, shown this once. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyWithSecret'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  revokeKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        keyId: components['parameters']['keyId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked key. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  rotateKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        keyId: components['parameters']['keyId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RotateKeyRequest'];
      };
    };
    responses: {
      /** @description The new key with its secret. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyWithSecret'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listWebhooks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every endpoint, oldest first. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookRequest'];
      };
    };
    responses: {
      /** @description The endpoint with its signing secret, shown this once. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointWithSecret'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        webhookId: components['parameters']['webhookId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        webhookId: components['parameters']['webhookId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        webhookId: components['parameters']['webhookId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['UpdateWebhookRequest'];
      };
    };
    responses: {
      /** @description The endpoint after the change. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        webhookId: components['parameters']['webhookId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RotateWebhookSecretRequest'];
      };
    };
    responses: {
      /** @description The endpoint with its new secret, shown this once. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointWithSecret'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description Deliveries per page. */
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path: {
        webhookId: components['parameters']['webhookId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of deliveries. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  sendTestWebhook: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        webhookId: components['parameters']['webhookId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The enqueued delivery. */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No such resource for this account (another account’s is reported the same way). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getBilling: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account’s billing. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Billing'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description Billing is not configured on this deployment (STRIPE_SECRET_KEY, STRIPE_PRICE_ID). Usage is still recorded. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  createCheckout: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CheckoutRequest'];
      };
    };
    responses: {
      /** @description The Checkout Session to redirect to. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BillingRedirect'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description Billing changes need a live key: test mode is free. Send this request with an sk_live_ key. */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Billing is not configured on this deployment (STRIPE_SECRET_KEY, STRIPE_PRICE_ID). Usage is still recorded. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      /** @description Stripe did not answer as expected, so nothing was changed. Retry in a moment. */
      502: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      503: components['responses']['Unavailable'];
    };
  };
  createPortal: {
    parameters: {
      query?: never;
      header?: {
        /** @description Any unique string (a UUID) of up to 255 characters. The same key with the same body returns the first answer again for 24 hours; with a different body, 409 idempotency_conflict. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PortalRequest'];
      };
    };
    responses: {
      /** @description The portal session to redirect to. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BillingRedirect'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description Billing changes need a live key: test mode is free. Send this request with an sk_live_ key. */
      403: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Billing is not configured on this deployment (STRIPE_SECRET_KEY, STRIPE_PRICE_ID). Usage is still recorded. */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The request conflicts with the state of the room or with an earlier request. */
      409: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      /** @description Stripe did not answer as expected, so nothing was changed. Retry in a moment. */
      502: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      503: components['responses']['Unavailable'];
    };
  };
  receiveStripeWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Received. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StripeWebhookReceipt'];
        };
      };
      /** @description The Stripe-Signature header is missing, malformed, too old or does not match the body. Nothing was changed. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Billing is not configured on this deployment (STRIPE_SECRET_KEY, STRIPE_PRICE_ID). Usage is still recorded. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Something went wrong on our side. Retry; if it persists, contact support. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Stripe did not answer as expected, so nothing was changed. Retry in a moment. */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAccounts: {
    parameters: {
      query?: {
        /** @description Accounts per page. */
        limit?: number;
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of accounts, oldest first. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperatorAccountList'];
        };
      };
      /** @description Not the operator key. */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such account, or the operator API is off (no POKERROOM_ADMIN_KEY). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  createAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAccountRequest'];
      };
    };
    responses: {
      /** @description The account and its keys. */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NewOperatorAccount'];
        };
      };
      /** @description The request is not valid. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not the operator key. */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such account, or the operator API is off (no POKERROOM_ADMIN_KEY). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  getAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: components['parameters']['accountId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperatorAccount'];
        };
      };
      /** @description Not the operator key. */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such account, or the operator API is off (no POKERROOM_ADMIN_KEY). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  setAccountPlan: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        accountId: components['parameters']['accountId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetPlanRequest'];
      };
    };
    responses: {
      /** @description The account. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperatorAccount'];
        };
      };
      /** @description The request is not valid. */
      400: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not the operator key. */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such account, or the operator API is off (no POKERROOM_ADMIN_KEY). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  runReconciliation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What the run found. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BillingRun'];
        };
      };
      /** @description Not the operator key. */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such account, or the operator API is off (no POKERROOM_ADMIN_KEY). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  runUsageReport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What the run did. */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BillingRun'];
        };
      };
      /** @description Not the operator key. */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such account, or the operator API is off (no POKERROOM_ADMIN_KEY). */
      404: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  getOpenApi: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI 3.1 document. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
    };
  };
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Not ready. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Metrics in the Prometheus text format. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
  roundRevealedWebhook: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`). */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description When this attempt was signed, in seconds since the epoch. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /** @description Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid secret (two during a rotation). */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RoundRevealedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx within 10 seconds marks the delivery delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Anything else (or no answer within 10 seconds) is retried later with the same id and body. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  storyEstimatedWebhook: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`). */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description When this attempt was signed, in seconds since the epoch. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /** @description Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid secret (two during a rotation). */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StoryEstimatedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx within 10 seconds marks the delivery delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Anything else (or no answer within 10 seconds) is retried later with the same id and body. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  roundFinalizedWebhook: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`). */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description When this attempt was signed, in seconds since the epoch. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /** @description Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid secret (two during a rotation). */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RoundFinalizedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx within 10 seconds marks the delivery delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Anything else (or no answer within 10 seconds) is retried later with the same id and body. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  roomClosedWebhook: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`). */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description When this attempt was signed, in seconds since the epoch. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /** @description Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid secret (two during a rotation). */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RoomClosedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx within 10 seconds marks the delivery delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Anything else (or no answer within 10 seconds) is retried later with the same id and body. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  participantJoinedWebhook: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`). */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description When this attempt was signed, in seconds since the epoch. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /** @description Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid secret (two during a rotation). */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ParticipantJoinedEvent'];
      };
    };
    responses: {
      /** @description Any 2xx within 10 seconds marks the delivery delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Anything else (or no answer within 10 seconds) is retried later with the same id and body. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  testWebhook: {
    parameters: {
      query?: never;
      header: {
        /** @description The delivery id (also in `Poker-Room-Delivery-Id` and the body’s `id`). */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description When this attempt was signed, in seconds since the epoch. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /** @description Space-separated `v1,<base64>` HMAC-SHA256 signatures of `<id>.<timestamp>.<body>`, one per valid secret (two during a rotation). */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TestEvent'];
      };
    };
    responses: {
      /** @description Any 2xx within 10 seconds marks the delivery delivered. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Anything else (or no answer within 10 seconds) is retried later with the same id and body. */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
