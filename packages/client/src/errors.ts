import { ERROR_CODES, type ErrorCode, type ErrorKind } from '@pokerroom/protocol';

/**
 * Error codes the SDK raises on its own, without a word from the server. They complete the
 * protocol's table (`ERROR_CODES` of `@pokerroom/protocol`); a code is never in both.
 *
 * @example
 * ```ts
 * if (error.code === 'timeout') console.log(CLIENT_ERROR_CODES.timeout.message);
 * ```
 */
export const CLIENT_ERROR_CODES = {
  /** The server did not answer a command within `commandTimeoutMs`. It may or may not have been applied. */
  timeout: {
    kind: 'unavailable',
    retryable: true,
    message: 'The server did not answer in time; the command may or may not have been applied.',
  },
  /** The connection dropped after the command was sent and before its answer: it may or may not have been applied. */
  connection_lost: {
    kind: 'unavailable',
    retryable: true,
    message:
      'The connection dropped before the server answered; the command may or may not have been applied.',
  },
  /** `room.close()` was called: the command was not sent, or its answer will never be read. */
  closed: {
    kind: 'unavailable',
    retryable: false,
    message: 'The room connection was closed by the application.',
  },
  /** Every connection attempt failed (`reconnect.maxAttempts` in a row): the SDK gave up. */
  unreachable: {
    kind: 'unavailable',
    retryable: true,
    message: 'The server could not be reached; the SDK stopped trying. Call connect() again later.',
  },
  /** A vote (or retraction) waited for the connection while its round ended: it was not sent. */
  round_changed: {
    kind: 'conflict',
    retryable: false,
    message: 'The round changed while the command waited for the connection, so it was not sent.',
  },
  /** The server sent a frame the SDK could not read, or broke the protocol's sequence rules. */
  protocol_violation: {
    kind: 'validation',
    retryable: true,
    message: 'The server sent a frame that does not follow the protocol; the SDK ignored it or reconnected.',
  },
  /** An event listener of the application threw; the SDK caught it and carried on. */
  listener_failed: {
    kind: 'internal',
    retryable: false,
    message: 'An event listener threw an exception; see `cause`.',
  },
} as const satisfies Record<string, { kind: ErrorKind; retryable: boolean; message: string }>;

/** A code the SDK raises itself. */
export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;

/** Every code a {@link PokerRoomError} may carry: the protocol's table plus the SDK's own. */
export type PokerRoomErrorCode = ErrorCode | ClientErrorCode;

/**
 * The one error class of the SDK: rejected commands, failed connections and reported problems.
 * `code` is stable (see the protocol's `ERROR_CODES` and {@link CLIENT_ERROR_CODES}); `retryable`
 * says whether the same command may succeed if sent again later.
 *
 * @example
 * ```ts
 * try {
 *   await room.vote('5');
 * } catch (error) {
 *   if (error instanceof PokerRoomError && error.code === 'round_already_revealed') showReveal();
 * }
 * ```
 */
export class PokerRoomError extends Error {
  /** The stable code. */
  readonly code: PokerRoomErrorCode;
  /** The kind of the code, for codes an application doesn't handle one by one. */
  readonly kind: ErrorKind;
  /** Whether the same command may succeed later (after a reconnection, or a moment). */
  readonly retryable: boolean;
  /** The WebSocket close code that ended the connection, when a close caused the error. */
  readonly closeCode: number | undefined;
  /** How long the server asked to wait before sending the command again (`overloaded`, `rate_limited`). */
  readonly retryAfterMs: number | undefined;

  /** Makes an error with the code's default message unless a more precise one is given. */
  constructor(
    code: PokerRoomErrorCode,
    message?: string,
    options: { cause?: unknown; retryable?: boolean; closeCode?: number; retryAfterMs?: number } = {},
  ) {
    const info = infoOf(code);
    super(message ?? info.message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'PokerRoomError';
    this.code = code;
    this.kind = info.kind;
    this.retryable = options.retryable ?? info.retryable;
    this.closeCode = options.closeCode;
    this.retryAfterMs = options.retryAfterMs;
  }
}

function infoOf(code: PokerRoomErrorCode): { kind: ErrorKind; retryable: boolean; message: string } {
  return Object.hasOwn(CLIENT_ERROR_CODES, code)
    ? CLIENT_ERROR_CODES[code as ClientErrorCode]
    : ERROR_CODES[code as ErrorCode];
}

/** The error code that best explains a close with this code (for fatal closes). */
export function codeOfClose(code: number): PokerRoomErrorCode {
  switch (code) {
    case 4000:
      return 'forbidden';
    case 4001:
      return 'kicked';
    case 4002:
      return 'room_closed';
    case 4003:
      return 'protocol_violation';
    case 4100:
      return 'token_expired';
    case 4201:
      return 'rate_limited';
    case 4200:
      return 'overloaded';
    case 1000:
      return 'closed';
    default:
      return code >= 4000 && code <= 4099 ? 'forbidden' : 'unreachable';
  }
}
