/** The kinds that group error codes; a client reacts to the kind when it doesn't know a code. */
export const ERROR_KINDS = [
  'auth',
  'permission',
  'validation',
  'not_found',
  'conflict',
  'rate',
  'unavailable',
  'internal',
] as const;

/** A kind of error: what went wrong, broadly. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One row of the error table. */
export interface ErrorCodeInfo {
  /** What kind of error this is. */
  readonly kind: ErrorKind;
  /** Whether the same request may succeed if sent again later, unchanged. */
  readonly retryable: boolean;
  /** The HTTP status the REST API answers with for this code. */
  readonly status: number;
  /** The default human message: what happened and what to do. */
  readonly message: string;
}

/**
 * Every error code of the realtime protocol and the REST API, in one table.
 * Codes are stable strings; a retired code is never reused.
 *
 * @example
 * ```ts
 * ERROR_CODES.token_expired.retryable; // false: fetch a new token first
 * ```
 */
export const ERROR_CODES = {
  // auth: who are you
  token_missing: {
    kind: 'auth',
    retryable: false,
    status: 401,
    message: 'No participant token was given. Pass the token from POST /v1/rooms/{id}/tokens as ?token=.',
  },
  token_invalid: {
    kind: 'auth',
    retryable: false,
    status: 401,
    message: 'The participant token is not valid. Mint a new one with POST /v1/rooms/{id}/tokens.',
  },
  token_expired: {
    kind: 'auth',
    retryable: false,
    status: 401,
    message: 'The participant token has expired. Fetch a new token and reconnect.',
  },
  api_key_missing: {
    kind: 'auth',
    retryable: false,
    status: 401,
    message: 'No API key was given. Send Authorization: Bearer sk_...',
  },
  api_key_invalid: {
    kind: 'auth',
    retryable: false,
    status: 401,
    message: 'The API key is not valid. Check that you copied the whole secret key.',
  },
  api_key_revoked: {
    kind: 'auth',
    retryable: false,
    status: 401,
    message: 'The API key was revoked. Create a new key and use that one.',
  },
  operator_key_invalid: {
    kind: 'auth',
    retryable: false,
    status: 401,
    message: 'The operator API needs Authorization: Bearer with the value of POKERROOM_ADMIN_KEY.',
  },
  // permission: you may not
  forbidden: {
    kind: 'permission',
    retryable: false,
    status: 403,
    message: 'Your role in this room does not allow this action.',
  },
  scope_missing: {
    kind: 'permission',
    retryable: false,
    status: 403,
    message: 'The API key lacks the scope this route needs. Create a key with that scope.',
  },
  key_mode_mismatch: {
    kind: 'permission',
    retryable: false,
    status: 403,
    message:
      'A test key can only create test keys, and a live key only live keys. Use a key of the mode you want.',
  },
  wrong_room: {
    kind: 'permission',
    retryable: false,
    status: 403,
    message: 'The token belongs to another room. Mint a token for this room.',
  },
  kicked: {
    kind: 'permission',
    retryable: false,
    status: 403,
    message: 'You were removed from this room by its facilitator.',
  },
  // validation: the request itself is wrong
  malformed_frame: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message: 'The frame is not a valid MessagePack map. Encode frames with @pokerroom/protocol.',
  },
  frame_too_large: {
    kind: 'validation',
    retryable: false,
    status: 413,
    message: 'The frame is larger than the protocol allows. Split the request into smaller ones.',
  },
  unsupported_version: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message: 'The protocol version is not supported. Offer one of the supported subprotocols.',
  },
  unknown_type: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message: 'The message type is not known in this protocol version.',
  },
  invalid_payload: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message: 'The message payload does not match its schema.',
  },
  invalid_deck: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message: 'The deck is not valid: it needs 2 to 24 distinct cards with short labels.',
  },
  invalid_card: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message: "The card is not in this room's deck. Vote with one of the deck's labels.",
  },
  invalid_request: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message: 'The request is not valid. See the detail for the field at fault.',
  },
  webhook_url_invalid: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message:
      'The webhook URL is not allowed. Use a public https:// URL; http://localhost works with test keys only.',
  },
  unsupported_media_type: {
    kind: 'validation',
    retryable: false,
    status: 415,
    message: 'The request body must be application/json.',
  },
  body_too_large: {
    kind: 'validation',
    retryable: false,
    status: 413,
    message: 'The request body is larger than the API accepts. Send less at once.',
  },
  method_not_allowed: {
    kind: 'validation',
    retryable: false,
    status: 405,
    message: 'This path does not answer this method. The Allow header lists the ones it does.',
  },
  // not_found
  room_not_found: {
    kind: 'not_found',
    retryable: false,
    status: 404,
    message: 'No room with this id exists for your account.',
  },
  story_not_found: {
    kind: 'not_found',
    retryable: false,
    status: 404,
    message: 'No story with this id exists in the room.',
  },
  participant_not_found: {
    kind: 'not_found',
    retryable: false,
    status: 404,
    message: 'No participant with this id is in the room.',
  },
  not_found: { kind: 'not_found', retryable: false, status: 404, message: 'Nothing exists at this path.' },
  // conflict: the request is fine but the room is not in a state that allows it
  no_active_round: {
    kind: 'conflict',
    retryable: false,
    status: 409,
    message: 'There is no round open for voting. Start a round first.',
  },
  round_already_revealed: {
    kind: 'conflict',
    retryable: false,
    status: 409,
    message: 'The round is already revealed. Start a re-vote to vote again.',
  },
  round_not_revealed: {
    kind: 'conflict',
    retryable: false,
    status: 409,
    message: 'The round must be revealed before an estimate can be finalized.',
  },
  room_closed: {
    kind: 'conflict',
    retryable: false,
    status: 409,
    message: 'The room is closed. Create a new room to keep estimating.',
  },
  room_full: {
    kind: 'conflict',
    retryable: false,
    status: 409,
    message: 'The room has reached its participant limit.',
  },
  story_limit: {
    kind: 'conflict',
    retryable: false,
    status: 409,
    message: 'The story queue is full. Remove estimated stories before adding more.',
  },
  idempotency_conflict: {
    kind: 'conflict',
    retryable: false,
    status: 409,
    message: 'This Idempotency-Key was used with a different request. Use a new key for a new request.',
  },
  // rate
  rate_limited: {
    kind: 'rate',
    retryable: true,
    status: 429,
    message: 'Too many requests. Slow down and retry after the indicated delay.',
  },
  // billing: what the account's plan allows, and how billing is set up
  plan_limit_reached: {
    kind: 'permission',
    retryable: false,
    status: 402,
    message:
      "The account's plan allows no more monthly active participants. People already counted this month can still join; upgrade the plan (POST /v1/billing/checkout) to admit more.",
  },
  billing_not_configured: {
    kind: 'not_found',
    retryable: false,
    status: 404,
    message:
      'Billing is not configured on this deployment (STRIPE_SECRET_KEY, STRIPE_PRICE_ID). Usage is still recorded.',
  },
  live_key_required: {
    kind: 'permission',
    retryable: false,
    status: 403,
    message: 'Billing changes need a live key: test mode is free. Send this request with an sk_live_ key.',
  },
  webhook_signature_invalid: {
    kind: 'validation',
    retryable: false,
    status: 400,
    message:
      'The Stripe-Signature header is missing, malformed, too old or does not match the body. Nothing was changed.',
  },
  // unavailable: try again later
  storage_unavailable: {
    kind: 'unavailable',
    retryable: true,
    status: 503,
    message: 'Storage is unavailable, so nothing was saved. Retry in a moment.',
  },
  overloaded: {
    kind: 'unavailable',
    retryable: true,
    status: 503,
    message: 'The server is overloaded. Retry with backoff.',
  },
  shutting_down: {
    kind: 'unavailable',
    retryable: true,
    status: 503,
    message: 'The server is restarting. Reconnect and retry.',
  },
  billing_provider_unavailable: {
    kind: 'unavailable',
    retryable: true,
    status: 502,
    message: 'Stripe did not answer as expected, so nothing was changed. Retry in a moment.',
  },
  // internal
  internal: {
    kind: 'internal',
    retryable: true,
    status: 500,
    message: 'Something went wrong on our side. Retry; if it persists, contact support.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A stable error code, e.g. `'token_expired'`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Every error code, in table order. */
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/**
 * Whether a string is a known error code.
 *
 * @example
 * ```ts
 * isErrorCode('rate_limited'); // true
 * ```
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
