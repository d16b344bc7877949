// The npm registry this project's machines reach serves only the packages of their own platform:
// `npm install` then writes a package-lock.json without the other platforms' optional packages
// (esbuild, rollup, biome binaries), and `npm ci` refuses that lock as out of sync. This adds the
// missing entries with their os/cpu/libc, so `npm ci` accepts the lock and skips them here, as it
// would on a lock written with the full registry. Idempotent; run it after changing dependencies:
//   node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
  'android',
  'darwin',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'openharmony',
  'sunos',
  'aix',
  'linux',
];
const CPU = [
  [/arm64|aarch64/, 'arm64'],
  [/x64|x86_64/, 'x64'],
  [/ia32/, 'ia32'],
  [/loong64/, 'loong64'],
  [/ppc64/, 'ppc64'],
  [/riscv64/, 'riscv64'],
  [/s390x/, 's390x'],
  [/mips64el/, 'mips64el'],
  [/arm/, 'arm'],
];

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, meta] of Object.entries({ ...packages })) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = location === '' ? `node_modules/${name}` : `${location}/node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const os = OS.find((candidate) => name.includes(candidate));
    const cpu = CPU.find(([pattern]) => pattern.test(name))?.[1];
    if (os === undefined) continue; // not a platform package: leave it to npm
    const entry = { version: String(range).replace(/^[\^~=]/, ''), optional: true };
    if (meta.dev) entry.dev = true;
    entry.os = [os];
    if (cpu !== undefined) entry.cpu = [cpu];
    if (/musl/.test(name)) entry.libc = ['musl'];
    else if (os === 'linux' && /gnu/.test(name)) entry.libc = ['glibc'];
    packages[`node_modules/${name}`] = entry;
    added++;
  }
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
  );
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(`complete-lockfile: ${added} platform entries added`);
