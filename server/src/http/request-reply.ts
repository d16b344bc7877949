import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import { ERROR_CODES, type ErrorCode } from '@pokerroom/protocol';

/** An error that becomes an `application/problem+json` response (RFC 9457) with a stable code. */
export class HttpProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? ERROR_CODES[code].message);
    this.name = 'HttpProblem';
  }
}

/** What a handler needs from a request: copied out before any `await`, as uWebSockets.js requires. */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
  readonly query: URLSearchParams;
  readonly headers: ReadonlyMap<string, string>;
  readonly params: readonly string[];
}

/** Copies what a handler needs from the request object, which is only valid until the first `await`. */
export function readRequest(req: HttpRequest, paramCount = 0): RequestInfo {
  const headers = new Map<string, string>();
  req.forEach((key, value) => {
    headers.set(key, value);
  });
  const params: string[] = [];
  for (let i = 0; i < paramCount; i++) params.push(decodeURIComponent(req.getParameter(i) ?? ''));
  return {
    method: req.getMethod(),
    url: req.getUrl(),
    query: new URLSearchParams(req.getQuery() ?? ''),
    headers,
    params,
  };
}

const headRequests = new WeakSet<HttpResponse>();

/**
 * Marks a response as the answer to a HEAD request: whatever is sent, only its status and headers
 * go out (with the `content-length` the body would have had), so keep-alive clients stay in step.
 */
export function markHead(res: HttpResponse): void {
  headRequests.add(res);
}

/** A response that knows whether the client went away, so late writes are skipped instead of crashing. */
export interface Reply {
  readonly aborted: boolean;
  json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): void;
  text(status: number, body: string, contentType: string, headers?: Readonly<Record<string, string>>): void;
  problem(problem: HttpProblem, instance?: string): void;
  /** A response without a body and without a content type, e.g. 204 to OPTIONS. */
  empty(status: number, headers?: Readonly<Record<string, string>>): void;
  /** Adds a header to whatever response is sent (rate-limit headers, for instance). */
  header(name: string, value: string): void;
  /**
   * Starts a streamed response (chunked). Each `write` resolves once uWebSockets.js can take more
   * (backpressure through `onWritable`), and rejects if the client went away.
   */
  stream(status: number, contentType: string, headers?: Readonly<Record<string, string>>): StreamedBody;
}

/** The body of a streamed response. */
export interface StreamedBody {
  write(chunk: string): Promise<void>;
  end(): void;
  /** Cuts the connection: a body that failed half-way must not look complete to the client. */
  abort(): void;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Wraps a uWebSockets.js response: registers `onAborted` and corks every write. */
export function reply(res: HttpResponse): Reply {
  const isHead = headRequests.has(res);
  const state = { aborted: false, gone: false, onGone: [] as (() => void)[] };
  const extra = new Map<string, string>();
  res.onAborted(() => {
    state.aborted = true;
    state.gone = true;
    for (const notify of state.onGone.splice(0)) notify();
  });
  const head = (status: number, contentType: string | null, headers: Readonly<Record<string, string>>) => {
    res.writeStatus(`${status} ${STATUS_TEXT[status] ?? ''}`.trim());
    if (contentType !== null) res.writeHeader('content-type', contentType);
    for (const [name, value] of extra) res.writeHeader(name, value);
    for (const [name, value] of Object.entries(headers)) res.writeHeader(name, value);
  };
  const write = (
    status: number,
    contentType: string,
    body: string,
    headers: Readonly<Record<string, string>>,
  ) => {
    if (state.aborted) return;
    state.aborted = true; // one response per request
    res.cork(() => {
      head(status, contentType, headers);
      if (isHead) {
        // endWithoutBody(length) of this uWebSockets.js build leaves the response open and stalls
        // keep-alive; the header written by hand and a bare endWithoutBody() complete it.
        res.writeHeader('content-length', String(Buffer.byteLength(body)));
        res.endWithoutBody();
      } else res.end(body);
    });
  };
  return {
    get aborted() {
      return state.aborted;
    },
    header: (name, value) => {
      extra.set(name, value);
    },
    stream(status, contentType, headers = {}) {
      if (state.aborted) throw new Error('the response was already sent');
      state.aborted = true;
      let started = false;
      return {
        write(chunk) {
          if (state.gone) return Promise.reject(new Error('the client went away'));
          if (isHead) return Promise.resolve(); // a streamed body's length is unknown: HEAD sends none
          let ok = true;
          res.cork(() => {
            if (!started) head(status, contentType, headers);
            started = true;
            ok = res.write(chunk);
          });
          if (ok) return Promise.resolve();
          // uWebSockets.js keeps the chunk; wait until its buffer drains before producing more.
          return new Promise<void>((resolve, reject) => {
            const gone = () => reject(new Error('the client went away'));
            state.onGone.push(gone);
            res.onWritable(() => {
              state.onGone = state.onGone.filter((notify) => notify !== gone);
              resolve();
              return true;
            });
          });
        },
        end() {
          if (state.gone) return;
          res.cork(() => {
            if (!started) head(status, contentType, headers);
            started = true;
            if (isHead) res.endWithoutBody();
            else res.end();
          });
          state.gone = true;
        },
        abort() {
          if (state.gone) return;
          state.gone = true;
          res.close();
        },
      };
    },
    empty(status, headers = {}) {
      if (state.aborted) return;
      state.aborted = true;
      res.cork(() => {
        head(status, null, headers);
        res.endWithoutBody();
      });
    },
    json: (status, body, headers = {}) => write(status, 'application/json', JSON.stringify(body), headers),
    text: (status, body, contentType, headers = {}) => write(status, contentType, body, headers),
    problem(problem, instance) {
      write(
        ERROR_CODES[problem.code].status,
        'application/problem+json',
        renderProblem(problem, instance),
        problem.headers,
      );
    },
  };
}

/** The problem+json body (RFC 9457) of a problem: the code's table entry plus the request's detail. */
export function renderProblem(problem: HttpProblem, instance?: string): string {
  const info = ERROR_CODES[problem.code];
  return JSON.stringify({
    type: `https://docs.pokerroom.dev/errors#${problem.code}`,
    title: info.message,
    status: info.status,
    code: problem.code,
    detail: problem.detail ?? info.message,
    retryable: info.retryable,
    ...(instance === undefined ? {} : { instance }),
  });
}

/** Reads a whole request body up to `maxBytes`; larger bodies are refused with `body_too_large` (413). */
export function readBody(res: HttpResponse, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.onData((chunk, isLast) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        reject(new HttpProblem('body_too_large', `the request body exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(Buffer.from(chunk.slice(0))); // uWS reuses the chunk's memory after this callback
      if (isLast) resolve(Buffer.concat(chunks));
    });
  });
}

/** Parses a JSON object body; wrong content type, invalid UTF-8 or invalid JSON get precise problems. */
export function parseJsonBody(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  if (contentType === undefined || !/^application\/json\b/i.test(contentType)) {
    throw new HttpProblem(
      'unsupported_media_type',
      `the body must be application/json, got ${contentType ?? 'none'}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new HttpProblem('invalid_request', 'the body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpProblem('invalid_request', `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpProblem('invalid_request', 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
