import { checkResponse } from './contract.js';

/** A body as tests read it: checked against the contract first, then read freely. */
// biome-ignore lint/suspicious/noExplicitAny: bodies are validated against openapi.yaml before tests read them
export type Loose = any;

/** A response as a test sees it. */
export interface ApiResponse<T = Loose> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/** What a request sends. */
export interface RequestOptions {
  /** JSON-encoded unless it is a string or bytes (sent as is). */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The API key; `null` sends none. Defaults to the client's key. */
  readonly key?: string | null;
}

/**
 * Speaks the REST API and checks every response it receives against openapi.yaml: an answer the
 * contract doesn't describe fails the test that got it.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly key: string,
  ) {}

  async request<T = Loose>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? this.key : options.key;
    if (key !== null) headers.authorization ??= `Bearer ${key}`;
    let body: string | Uint8Array | undefined;
    if (options.body !== undefined) {
      body =
        typeof options.body === 'string' || options.body instanceof Uint8Array
          ? options.body
          : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: (body ?? null) as BodyInit | null,
    });
    const text = await response.text();
    const type = response.headers.get('content-type');
    const parsed = type !== null && /json/.test(type) && text !== '' ? JSON.parse(text) : text;
    const problems = checkResponse(method, path, response.status, type, parsed);
    if (problems.length > 0)
      throw new Error(`response breaks the contract:\n${problems.join('\n')}\n${text.slice(0, 500)}`);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get = <T = Loose>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = Loose>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>('POST', path, { ...options, body: body ?? options?.body });
  patch = <T = Loose>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>('PATCH', path, { ...options, body: body ?? options?.body });
  put = <T = Loose>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>('PUT', path, { ...options, body: body ?? options?.body });
  delete = <T = Loose>(path: string, options?: RequestOptions) => this.request<T>('DELETE', path, options);
}
