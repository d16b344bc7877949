import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLE = join('packages', 'element', 'dist', 'poker-room.js');

/**
 * Finds the built `<poker-room>` bundle by walking up from this file to the repository root, so
 * it is found both from `server/src` (tests) and from `server/dist` (`npm start`).
 */
export function locateElementBundle(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'packages', 'element', 'package.json'))) return join(dir, BUNDLE);
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), BUNDLE);
    dir = parent;
  }
}

/** The bundle's text, read at request time so a rebuild shows up without a restart; `null` if it isn't built. */
export function readElementBundle(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The version of the `@pokerroom/element` package the bundle was built from: the `version` of the
 * `package.json` beside its `dist/` folder; `null` when there is none (a bundle kept elsewhere).
 *
 * @example
 * ```ts
 * elementBundleVersion(locateElementBundle()); // '0.1.0'
 * ```
 */
export function elementBundleVersion(bundlePath: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(dirname(bundlePath), '..', 'package.json'), 'utf8')) as {
      name?: unknown;
      version?: unknown;
    };
    return manifest.name === '@pokerroom/element' && typeof manifest.version === 'string'
      ? manifest.version
      : null;
  } catch {
    return null;
  }
}

/**
 * The path the bundle of one version is served at, for ever the same bytes: `/element@0.2.0.js`.
 *
 * @example
 * ```ts
 * versionedBundlePath('0.2.0'); // '/element@0.2.0.js'
 * ```
 */
export function versionedBundlePath(version: string): string {
  return `/element@${version}.js`;
}

/**
 * The Subresource Integrity value of a script (`sha384-` and the base64 digest), for a
 * `<script integrity="…">` that pins the bundle's exact bytes.
 *
 * @example
 * ```ts
 * subresourceIntegrity(''); // 'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb'
 * ```
 */
export function subresourceIntegrity(bytes: string | Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** The caching of a versioned bundle: its bytes never change, so caches keep it a year unasked. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** What `/element.js` answers when the bundle is missing. */
export const MISSING_BUNDLE_MESSAGE =
  'The <poker-room> bundle is not built. Run `npm run build:bundle -w @pokerroom/element` ' +
  '(`npm start` builds it with the server), then reload.';
