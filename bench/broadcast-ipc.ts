/**
 * Request/response over a child process's IPC channel, for the broadcast benchmark: the parent
 * sends `{ id, op, ...args }`, the child answers `{ id, result }` or `{ id, error }`.
 */
import type { ChildProcess } from 'node:child_process';

export interface Request {
  readonly id: number;
  readonly op: string;
  readonly [key: string]: unknown;
}

let nextId = 1;

/** Sends one request to a child and resolves with its answer, or rejects after `timeoutMs`. */
export function call<T = Record<string, unknown>>(
  child: ChildProcess,
  op: string,
  args: Record<string, unknown> = {},
  timeoutMs = 60_000,
): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { id?: number; result?: T; error?: string }) => {
      if (message?.id !== id) return;
      done();
      if (message.error !== undefined) reject(new Error(`${op}: ${message.error}`));
      else resolve(message.result as T);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${op}: the child exited (${code ?? signal}) before answering`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${op}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send({ id, op, ...args });
  });
}

/**
 * In a child: answers the parent's requests with `handlers`, and exits when the parent goes away
 * (or after `lifetimeMs` whatever happens), so nothing outlives the benchmark.
 */
export function serve(
  handlers: Record<string, (request: Request) => unknown>,
  lifetimeMs = 10 * 60_000,
): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('this module runs as a child process with an IPC channel');
  process.on('message', (request: Request) => {
    if (typeof request?.op !== 'string' || typeof request.id !== 'number') return;
    const handler = handlers[request.op];
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`unknown op ${request.op}`);
        return handler(request);
      })
      .then(
        (result) => send({ id: request.id, result: result ?? {} }),
        (error: unknown) =>
          send({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(3), lifetimeMs).unref();
}
