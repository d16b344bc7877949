import { findUnsafeText, unsafeTextReason } from '@pokerroom/protocol';
import { HttpProblem } from './request-reply.js';

/**
 * Refuses text that must not reach storage (NUL, unpaired surrogates) anywhere in a request: the
 * path parameters, the query and the parsed JSON body, naming the field. Runs before the schemas,
 * for every operation alike, so no route can forget it.
 *
 * @throws {@link HttpProblem} `invalid_request` naming the field.
 */
export function refuseUnsafeText(
  params: Readonly<Record<string, string>>,
  query: URLSearchParams,
  body: unknown,
): void {
  for (const [name, value] of Object.entries(params)) {
    const reason = unsafeTextReason(value);
    if (reason !== null) throw new HttpProblem('invalid_request', `${name}: ${reason}`);
  }
  for (const [name, value] of query) {
    const nameReason = unsafeTextReason(name);
    if (nameReason !== null)
      throw new HttpProblem('invalid_request', `query: a parameter name ${nameReason}`);
    const reason = unsafeTextReason(value);
    if (reason !== null) throw new HttpProblem('invalid_request', `${name}: ${reason}`);
  }
  const found = findUnsafeText(body);
  if (found !== null) {
    throw new HttpProblem('invalid_request', `${found.path === '' ? 'body' : found.path}: ${found.reason}`);
  }
}

/**
 * Refuses a query parameter given more than once (`?limit=5&limit=500`): which one counts would be
 * a guess, and a guess about a limit or a filter is a silent bug in the caller.
 *
 * @throws {@link HttpProblem} `invalid_request` naming the parameter.
 */
export function refuseRepeatedQuery(query: URLSearchParams): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (seen.has(name)) {
      throw new HttpProblem('invalid_request', `${name}: given more than once; send it once`);
    }
    seen.add(name);
  }
}
