import { ERROR_CODES, type ErrorCode, type ErrorKind } from './error-codes.js';
import { LIMITS } from './limits.js';

/**
 * An error message cut to {@link LIMITS.errorMessageLength}, so that input quoted in it can never
 * push an error frame past what the protocol (and so every client) accepts.
 *
 * @example
 * ```ts
 * clipErrorMessage('x'.repeat(5000)).length; // 1024
 * ```
 */
export function clipErrorMessage(message: string): string {
  const max = LIMITS.errorMessageLength;
  if (message.length <= max) return message;
  // Never cut a surrogate pair in two: the message must stay valid text.
  let end = max - 1;
  const last = message.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${message.slice(0, end)}…`;
}

/**
 * A value from the wire, quoted for an error message and cut to a few dozen characters.
 *
 * @example
 * ```ts
 * quoteInput('vote.cast'); // '"vote.cast"'
 * ```
 */
export function quoteInput(value: string, max = 64): string {
  if (value.length <= max) return JSON.stringify(value);
  const cut = value.charCodeAt(max - 1) >= 0xd800 && value.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return `${JSON.stringify(value.slice(0, cut))}… (${value.length} characters)`;
}

/**
 * The one error this package throws: a protocol error with a stable code from {@link ERROR_CODES}.
 *
 * @example
 * ```ts
 * try {
 *   decodeClientMessage(bytes);
 * } catch (error) {
 *   if (error instanceof ProtocolError) console.log(error.code, error.retryable);
 * }
 * ```
 */
export class ProtocolError extends Error {
  /** The stable error code. */
  readonly code: ErrorCode;
  /** The kind of the code. */
  readonly kind: ErrorKind;
  /** Whether the same request may succeed later. */
  readonly retryable: boolean;
  /** The request id of the refused command, when the frame was readable enough to carry one. */
  readonly requestId: number | undefined;

  /** Makes an error with the code's default message unless a more precise one is given. */
  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; requestId?: number }) {
    super(clipErrorMessage(message ?? ERROR_CODES[code].message), options);
    this.requestId = options?.requestId;
    this.name = 'ProtocolError';
    this.code = code;
    this.kind = ERROR_CODES[code].kind;
    this.retryable = ERROR_CODES[code].retryable;
  }
}
