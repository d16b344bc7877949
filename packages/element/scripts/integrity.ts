/**
 * Writes the pinned-version snippet of docs/element.md: the URL of this version's bundle,
 * `/element@<version>.js`, and the Subresource Integrity hash of `dist/poker-room.js`. Run it after
 * building the bundle, whenever the version or the bundle changes (`npm run integrity` at the
 * repository root does both; `npm run version-packages` runs it after `changeset version`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const element = new URL('../', import.meta.url);
const docs = new URL('../../../docs/element.md', import.meta.url);
const START = '<!-- integrity:start -->';
const END = '<!-- integrity:end -->';

const { version } = JSON.parse(readFileSync(new URL('package.json', element), 'utf8')) as { version: string };
const bundle = readFileSync(new URL('dist/poker-room.js', element));
const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;

const snippet = [
  START,
  '',
  '```html',
  `<script type="module" src="https://poker.example.com/element@${version}.js"`,
  `  integrity="${integrity}" crossorigin="anonymous"></script>`,
  '```',
  '',
  END,
].join('\n');

const text = readFileSync(docs, 'utf8');
const start = text.indexOf(START);
const end = text.indexOf(END);
if (start < 0 || end < start) throw new Error(`docs/element.md needs the markers ${START} and ${END}`);
const next = text.slice(0, start) + snippet + text.slice(end + END.length);
if (next !== text) writeFileSync(docs, next);
console.log(`element@${version}.js ${integrity}${next === text ? ' (unchanged)' : ' (written)'}`);
