import { ERROR_CODES, type ErrorCode, type ErrorKind } from './error-codes.js';

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
    super(message ?? ERROR_CODES[code].message, options);
    this.requestId = options?.requestId;
    this.name = 'ProtocolError';
    this.code = code;
    this.kind = ERROR_CODES[code].kind;
    this.retryable = ERROR_CODES[code].retryable;
  }
}
