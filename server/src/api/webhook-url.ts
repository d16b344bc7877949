import { isIP } from 'node:net';
import { HttpProblem } from '../http/request-reply.js';

const refuse = (detail: string) => new HttpProblem('webhook_url_invalid', `url: ${detail}`);

const isLoopback = (host: string) =>
  host === 'localhost' ||
  host.endsWith('.localhost') ||
  host === '[::1]' ||
  (isIP(host) === 4 && host.startsWith('127.'));

/** Addresses of private networks, written as IP literals: a live endpoint must be reachable from outside. */
function isPrivateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) === 4) {
    const [a = 0, b = 0] = bare.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (isIP(bare) === 6)
    return bare === '::' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare) || bare.startsWith('::ffff:');
  return false;
}

/**
 * Checks where an endpoint may receive deliveries, and returns the URL as it will be called.
 * Live keys need a public `https://` URL; test keys may also use `http://` on this machine
 * (localhost, 127.0.0.1, [::1]), so a receiver can be developed locally.
 *
 * @throws {@link HttpProblem} `webhook_url_invalid`, with a detail that says what to change.
 */
export function checkWebhookUrl(raw: string, mode: 'test' | 'live'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(`"${raw.slice(0, 100)}" is not an absolute URL; send e.g. https://example.com/webhooks`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refuse(`must start with https://, not ${url.protocol}//`);
  }
  if (url.username !== '' || url.password !== '') {
    throw refuse('must not contain a user name or password; check the signature of each delivery instead');
  }
  if (url.hash !== '') throw refuse('must not have a #fragment');
  const loopback = isLoopback(url.hostname);
  if (loopback && mode === 'live') {
    throw refuse(`${url.hostname} is only allowed with a test key (sk_test_…); use a public https:// URL`);
  }
  if (url.protocol === 'http:' && !loopback) {
    throw refuse('must use https:// (http:// is allowed for localhost with a test key only)');
  }
  if (mode === 'live' && isPrivateAddress(url.hostname)) {
    throw refuse(`${url.hostname} is a private network address; use a public https:// URL`);
  }
  return url.toString();
}
