import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureElementBundle, ROOT } from '../../../test/browser/support/browser.js';
import {
  elementBundleVersion,
  IMMUTABLE_CACHE_CONTROL,
  locateElementBundle,
  subresourceIntegrity,
  versionedBundlePath,
} from '../../src/demo/element-bundle.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'packages', 'element', 'package.json'), 'utf8')) as { version: string }
).version;

/** The pinned snippet of docs/element.md: the URL's version and the integrity attribute. */
function documentedPin(): { version: string | undefined; integrity: string | undefined } {
  const docs = readFileSync(join(ROOT, 'docs', 'element.md'), 'utf8');
  const snippet = docs.slice(
    docs.indexOf('<!-- integrity:start -->'),
    docs.indexOf('<!-- integrity:end -->'),
  );
  return {
    version: /\/element@([^"/]+)\.js"/.exec(snippet)?.[1],
    integrity: /integrity="([^"]+)"/.exec(snippet)?.[1],
  };
}

let server: TestServer;
beforeAll(async () => {
  ensureElementBundle();
  server = await startTestServer('embedded');
}, 180_000);
afterAll(async () => {
  await server?.destroy();
});

describe('the element bundle', () => {
  it('is served at its version as immutable, the same bytes as the latest /element.js', async () => {
    const latest = await fetch(`${server.url}/element.js`);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('cache-control')).toBe('no-cache');
    const pinned = await fetch(`${server.url}${versionedBundlePath(VERSION)}`);
    expect(pinned.status).toBe(200);
    expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(pinned.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(pinned.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await pinned.arrayBuffer()).equals(Buffer.from(await latest.arrayBuffer()))).toBe(
      true,
    );
  });

  it('has the Subresource Integrity hash of the served bytes in docs/element.md', async () => {
    const served = new Uint8Array(await (await fetch(`${server.url}/element@${VERSION}.js`)).arrayBuffer());
    const documented = documentedPin();
    const actual = { version: VERSION, integrity: subresourceIntegrity(served) };
    expect(
      documented,
      'docs/element.md pins another bundle than the one served: run `npm run integrity` (and add a changeset for the change)',
    ).toEqual(actual);
  });

  it('is not served at versions it is not', async () => {
    expect((await fetch(`${server.url}/element@0.0.0-none.js`)).status).toBe(404);
  });

  it('takes its version from the element package, and has none outside it', () => {
    expect(elementBundleVersion(locateElementBundle())).toBe(VERSION);
    expect(elementBundleVersion(join(ROOT, 'server', 'dist', 'poker-room.js'))).toBeNull();
    expect(versionedBundlePath('1.2.3')).toBe('/element@1.2.3.js');
    expect(IMMUTABLE_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
  });

  it('computes integrity as sha384 in base64, as browsers check it', () => {
    // The SRI of the empty string, as given by the W3C's examples and `openssl dgst -sha384`.
    expect(subresourceIntegrity('')).toBe(
      'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb',
    );
    expect(subresourceIntegrity(new TextEncoder().encode('abc'))).toBe(subresourceIntegrity('abc'));
  });
});
