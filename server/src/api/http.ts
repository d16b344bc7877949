import { ERROR_CODES, type ErrorCode } from '@pokerroom/protocol';
import type { HttpRequest, HttpResponse } from 'uWebSockets.js';

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
  req.forEach((key, value) => headers.set(key, value));
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

/** A response that knows whether the client went away, so late writes are skipped instead of crashing. */
export interface Reply {
  readonly aborted: boolean;
  json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): void;
  text(status: number, body: string, contentType: string, headers?: Readonly<Record<string, string>>): void;
  problem(problem: HttpProblem, instance?: string): void;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Wraps a uWebSockets.js response: registers `onAborted` and corks every write. */
export function reply(res: HttpResponse): Reply {
  const state = { aborted: false };
  res.onAborted(() => {
    state.aborted = true;
  });
  const write = (status: number, contentType: string, body: string, headers: Readonly<Record<string, string>>) => {
    if (state.aborted) return;
    state.aborted = true; // one response per request
    res.cork(() => {
      res.writeStatus(`${status} ${STATUS_TEXT[status] ?? ''}`.trim());
      res.writeHeader('content-type', contentType);
      for (const [name, value] of Object.entries(headers)) res.writeHeader(name, value);
      res.end(body);
    });
  };
  return {
    get aborted() {
      return state.aborted;
    },
    json: (status, body, headers = {}) => write(status, 'application/json', JSON.stringify(body), headers),
    text: (status, body, contentType, headers = {}) => write(status, contentType, body, headers),
    problem(problem, instance) {
      const info = ERROR_CODES[problem.code];
      const body = {
        type: `https://docs.pokerroom.dev/errors#${problem.code}`,
        title: info.message,
        status: info.status,
        code: problem.code,
        detail: problem.detail ?? info.message,
        retryable: info.retryable,
        ...(instance === undefined ? {} : { instance }),
      };
      write(info.status, 'application/problem+json', JSON.stringify(body), problem.headers);
    },
  };
}

/** Reads a whole request body up to `maxBytes`; larger bodies are refused with `frame_too_large` (413). */
export function readBody(res: HttpResponse, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.onData((chunk, isLast) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        reject(new HttpProblem('frame_too_large', `the request body exceeds ${maxBytes} bytes`));
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
    throw new HttpProblem('unsupported_media_type', `the body must be application/json, got ${contentType ?? 'none'}`);
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
