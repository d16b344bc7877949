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

/** What `/element.js` answers when the bundle is missing. */
export const MISSING_BUNDLE_MESSAGE =
  'The <poker-room> bundle is not built. Run `npm run build -w @pokerroom/element` ' +
  '(`npm start` builds every workspace first), then reload.';
