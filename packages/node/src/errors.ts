/** The problem+json body the REST API answers errors with (RFC 9457). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  /** The stable error code, e.g. `room_not_found`: react to this, not to the text. */
  readonly code: string;
  readonly detail: string;
  readonly retryable: boolean;
  readonly instance?: string;
}

/**
 * An error answer of the REST API, or a request that could not be sent at all (`code`
 * `network_error`, `status` 0).
 *
 * @example
 * ```ts
 * try {
 *   await poker.rooms.get('room_123');
 * } catch (error) {
 *   if (error instanceof PokerRoomError && error.code === 'room_not_found') return null;
 *   throw error;
 * }
 * ```
 */
export class PokerRoomError extends Error {
  /** The stable error code of the API's error table, or `network_error`. */
  readonly code: string;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** Whether sending the same request again later may succeed. */
  readonly retryable: boolean;
  /** The whole problem body, when the API sent one. */
  readonly problem: Problem | null;

  constructor(problem: Problem | null, status: number, options: { cause?: unknown; message?: string } = {}) {
    super(options.message ?? problem?.detail ?? `HTTP ${status}`, { cause: options.cause });
    this.name = 'PokerRoomError';
    this.problem = problem;
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'network_error' : `http_${status}`);
    this.retryable = problem?.retryable ?? (status === 0 || status >= 500);
  }
}
