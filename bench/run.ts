/**
 * Runs benchmark suites by name: `npm run bench` runs all, `npm run bench -- codec` only the codec.
 * A suite is a module in this folder whose default export prints its own report; add one by
 * adding its file and a line to SUITES.
 */
import { argv, exit } from 'node:process';

const SUITES: Record<string, () => Promise<{ default: () => Promise<void> | void }>> = {
  codec: () => import('./codec.js'),
  broadcast: () => import('./broadcast.js'),
  votes: () => import('./votes.js'),
  commits: () => import('./commits.js'),
  fold: () => import('./fold.js'),
};

const requested = argv.slice(2);
const unknown = requested.filter((name) => !Object.hasOwn(SUITES, name));
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
  exit(2);
}
for (const name of requested.length > 0 ? requested : Object.keys(SUITES)) {
  const load = SUITES[name];
  if (load === undefined) continue;
  console.log(`## ${name}\n`);
  await (await load()).default();
}
