import { randomUUID } from 'node:crypto';

/** How requests are retried. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number;
  /** The first backoff, doubled on each retry, with jitter (default 250 ms). */
  readonly baseDelayMs?: number;
  /** The longest wait, whatever `Retry-After` says (default 30 s). */
  readonly maxDelayMs?: number;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Seconds or an HTTP date, as `Retry-After` carries them; `null` when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wraps `fetch` for the REST API: every POST gets an `Idempotency-Key` (kept across retries, so a
 * retried POST never runs twice), and answers that may succeed later (429, 5xx, network errors)
 * are retried with exponential backoff, honouring `Retry-After`.
 */
export function retryingFetch(base: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const maxRetries = options.maxRetries ?? 2;
  const baseDelay = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 30_000;
  return async (input, init) => {
    let request = new Request(input, init);
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
      const headers = new Headers(request.headers);
      headers.set('idempotency-key', randomUUID());
      request = new Request(request, { headers });
    }
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      let response: Response;
      try {
        response = await base(last ? request : request.clone());
      } catch (error) {
        if (last || request.signal.aborted) throw error;
        await sleep(Math.min(maxDelay, baseDelay * 2 ** attempt * (0.5 + Math.random() / 2)));
        continue;
      }
      if (last || !RETRYABLE_STATUS.has(response.status)) return response;
      const hinted = retryAfterMs(response.headers.get('retry-after'), Date.now());
      const backoff = baseDelay * 2 ** attempt * (0.5 + Math.random() / 2);
      await response.body?.cancel();
      await sleep(Math.min(maxDelay, hinted ?? backoff));
    }
  };
}
