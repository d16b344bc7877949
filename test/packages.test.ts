import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/test/support/test-server.js';
import { ROOT, withElementBuildLock } from './browser/support/browser.js';

// What a stranger gets: each package packed as `npm publish` would pack it (its `prepack` builds
// it), installed from the tarballs into an app of its own with npm, then run and type-checked there.
// Packing and installing happen once, in `beforeAll`; every check below reuses them.

const run = promisify(execFile);
const PACKAGES = ['protocol', 'client', 'node', 'element'] as const;
type PackageName = (typeof PACKAGES)[number];
const bin = (path: string) => join(ROOT, 'node_modules', path);

interface Packed {
  readonly tarball: string;
  readonly files: readonly string[];
  /** The package.json inside the tarball, as a registry would describe the package. */
  readonly manifest: {
    name: string;
    version: string;
    exports: Record<string, unknown>;
    dependencies?: Record<string, string>;
  };
}

let work: string;
let app: string;
let server: TestServer;
let registry: ScopeRegistry;
const packed = {} as Record<PackageName, Packed>;

/**
 * The environment without what `npm test` adds (`npm_config_local_prefix` and the like), so the npm
 * commands below see the folder they run in, as a stranger's npm would.
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

/** `npm pack` of one workspace into `work`; the tarball, its file list and its package.json. */
function pack(name: PackageName): Packed {
  const out = execFileSync(
    'npm',
    ['pack', '--json', '--pack-destination', work, '--workspace', `packages/${name}`],
    {
      cwd: ROOT,
      env: cleanEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  // Lifecycle scripts print before the JSON report, which opens with a line of its own: `[`.
  const report = JSON.parse(out.slice(Math.max(0, out.search(/^\[$/m)))) as {
    filename: string;
    files: { path: string }[];
  }[];
  const entry = report[0];
  if (entry === undefined) throw new Error(`npm pack reported nothing for ${name}`);
  const tarball = join(work, entry.filename);
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  );
  return { tarball, files: entry.files.map((file) => file.path), manifest };
}

interface ScopeRegistry {
  /** Its base URL; npm is pointed at `<base><channel>/`, a channel per install. */
  readonly url: string;
  /** The paths asked for (without their channel), in order. */
  readonly requests: string[];
  readonly server: Server;
}

/**
 * A registry for the `@pokerroom` scope alone, answering as the npm registry does: a package's
 * document (its versions, each with the tarball's URL and integrity) and the tarballs themselves.
 * npm asks it for `@pokerroom/*` only (`--@pokerroom:registry=`); every other package comes from
 * npm's own registry, as it would for a stranger once the four are published.
 */
async function startScopeRegistry(): Promise<ScopeRegistry> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    // The first segment names the install asking, so npm's cache (keyed by URL) answers none of it.
    const [, channel = '', path = ''] =
      /^\/([a-z-]+)(\/.*)$/.exec(decodeURIComponent(new URL(req.url ?? '/', 'http://registry').pathname)) ??
      [];
    requests.push(path);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${channel}`;
    const tarballOf = /^\/-\/([a-z]+)\.tgz$/.exec(path)?.[1];
    const nameOf = /^\/@pokerroom\/([a-z]+)$/.exec(path)?.[1];
    const found = PACKAGES.find((name) => name === (tarballOf ?? nameOf));
    if (found === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    } else if (tarballOf !== undefined) {
      res
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(readFileSync(packed[found].tarball));
    } else {
      const { manifest, tarball } = packed[found];
      const bytes = readFileSync(tarball);
      const version = {
        ...manifest,
        dist: {
          tarball: `${base}/-/${found}.tgz`,
          integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
        },
      };
      const document = {
        name: manifest.name,
        'dist-tags': { latest: manifest.version },
        versions: { [manifest.version]: version },
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server };
}

async function exitOf(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: options.cwd ?? app,
      env: cleanEnv(options.env),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    };
  }
}

// One round from the installed packages: a room and a token over REST (@pokerroom/node), the
// round over the WebSocket (@pokerroom/client), a frame through the codec (@pokerroom/protocol).
const ROUND_BODY = `
  const poker = new PokerRoom({ apiKey: process.env.POKERROOM_SECRET_KEY, baseUrl: process.env.POKERROOM_URL });
  const created = await poker.rooms.create({ name: 'Installed from a tarball' });
  const { token, wsUrl } = await poker.rooms.mintToken(created.id, { name: 'Ada', role: 'facilitator' });
  const room = await connect({ url: wsUrl, token, WebSocket, heartbeatMs: 0 });
  const status = room.state.status;
  await room.newRound();
  await room.vote('8');
  await room.reveal();
  const median = room.state.round?.stats?.median;
  room.close();
  const frame = decodeClientMessage(encode({ v: 1, t: 'vote.cast', id: 7, d: { card: '3' } }));
  console.log(JSON.stringify({ status, median, frame: frame.t }));
`;

const ROUND_ESM = `import { connect } from '@pokerroom/client';
import { PokerRoom } from '@pokerroom/node';
import { decodeClientMessage, encode } from '@pokerroom/protocol';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
${ROUND_BODY}
const bundle = fileURLToPath(import.meta.resolve('@pokerroom/element/bundle'));
const { PokerRoomElement } = await import('@pokerroom/element').catch((error) => ({ error }));
console.log(JSON.stringify({ bundle: existsSync(bundle), element: typeof PokerRoomElement }));
`;

const ROUND_CJS = `const { connect } = require('@pokerroom/client');
const { PokerRoom } = require('@pokerroom/node');
const { decodeClientMessage, encode } = require('@pokerroom/protocol');
const WebSocket = require('ws');
(async () => {
${ROUND_BODY}
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

// Type checks: real types, not \`any\` (each @ts-expect-error fails the check if its line compiles).
const CHECK_ESM = `import { connect, type ConnectionStatus, type Room } from '@pokerroom/client';
import { PokerRoomElement } from '@pokerroom/element';
import type { PokerRoomElement as BundledElement } from '@pokerroom/element/bundle';
import { PokerRoom, verifyWebhook } from '@pokerroom/node';
import { encode, LIMITS } from '@pokerroom/protocol';

export async function round(url: string, token: string): Promise<ConnectionStatus> {
  const room: Room = await connect({ url, token });
  // @ts-expect-error: a card is its label
  await room.vote(8);
  return room.state.status;
}
export const element: PokerRoomElement | undefined = document.querySelector('poker-room') ?? undefined;
export const bundled: BundledElement | undefined = element;
export const poker = new PokerRoom({ apiKey: 'sk_test_x' });
export const rooms: Promise<{ id: string }> = poker.rooms.create({ name: 'Sprint' });
// @ts-expect-error: the body is bytes or a string
verifyWebhook(42, {}, 'secret');
export const frame: Uint8Array = encode({ v: 1, t: 'vote.cast', id: 1, d: { card: '5' } });
export const length: number = LIMITS.nameLength;
`;

const CHECK_CJS = `import { connect, type Room } from '@pokerroom/client';
import { PokerRoom } from '@pokerroom/node';
import { encode } from '@pokerroom/protocol';

export async function round(url: string, token: string): Promise<Room> {
  // @ts-expect-error: a token is a string
  await connect({ url, token: 1 });
  return connect({ url, token });
}
export const poker = new PokerRoom({ apiKey: 'sk_test_x' });
export const frame: Uint8Array = encode({ v: 1, t: 'vote.cast', id: 1, d: { card: '5' } });
`;

const tsconfig = (module: string, moduleResolution: string, files: string[]) =>
  JSON.stringify({
    compilerOptions: {
      module,
      moduleResolution,
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    files,
  });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pokerroom-packages-'));
  app = join(work, 'app');
  mkdirSync(app);
  for (const name of PACKAGES) {
    // The element's dist is also built by the browser tests: never both at once.
    packed[name] = name === 'element' ? withElementBuildLock(() => pack(name)) : pack(name);
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true }));
  const wsVersion = JSON.parse(readFileSync(bin('ws/package.json'), 'utf8')).version as string;
  const install = await exitOf('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    ...PACKAGES.map((name) => packed[name].tarball),
    `ws@${wsVersion}`,
  ]);
  if (install.code !== 0) throw new Error(`npm install from the tarballs failed:\n${install.output}`);
  const files: Record<string, string> = {
    'round.mjs': ROUND_ESM,
    'round.cjs': ROUND_CJS,
    'check.mts': CHECK_ESM,
    'check.cts': CHECK_CJS,
    'check.ts': CHECK_ESM,
    'tsconfig.bundler.json': tsconfig('esnext', 'bundler', ['check.mts']),
    'tsconfig.node16.json': tsconfig('node16', 'node16', ['check.mts', 'check.cts']),
    'tsconfig.node10.json': tsconfig('commonjs', 'node10', ['check.ts']),
  };
  for (const [file, text] of Object.entries(files)) writeFileSync(join(app, file), text);
  server = await startTestServer('embedded');
  registry = await startScopeRegistry();
}, 600_000);

afterAll(async () => {
  await server?.destroy();
  if (registry !== undefined) await new Promise((resolve) => registry.server.close(resolve));
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the packages as published', () => {
  it.each(PACKAGES)('@pokerroom/%s: its tarball holds every file its exports name, built on pack', (name) => {
    const { files, manifest } = packed[name];
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(manifest.exports);
    expect(targets.size).toBeGreaterThan(2);
    expect([...targets].filter((target) => !files.includes(target))).toEqual([]);
    expect(files).toContain('dist/index.js');
  });

  it.each(PACKAGES)('@pokerroom/%s: depends on its siblings by registry ranges they satisfy', (name) => {
    const { dependencies = {} } = packed[name].manifest;
    for (const [dependency, range] of Object.entries(dependencies)) {
      if (!dependency.startsWith('@pokerroom/')) continue;
      const sibling = packed[dependency.slice('@pokerroom/'.length) as PackageName];
      expect(sibling, `${dependency} is one of the four packages`).toBeDefined();
      // A caret range on the sibling's own version: what `changeset version` keeps up to date.
      expect(range).toBe(`^${sibling.manifest.version}`);
    }
  });

  // What each package brings with it when installed alone: its siblings, from the registry.
  const ALONE: Record<PackageName, readonly PackageName[]> = {
    protocol: ['protocol'],
    client: ['client', 'protocol'],
    node: ['node'],
    element: ['client', 'element', 'protocol'],
  };

  it.each(PACKAGES)(
    '@pokerroom/%s: installs alone, by its name, from a registry that serves the four',
    async (name) => {
      const alone = join(work, `alone-${name}`);
      mkdirSync(alone);
      writeFileSync(join(alone, 'package.json'), JSON.stringify({ name: `alone-${name}`, private: true }));
      const asked = registry.requests.length;
      const install = await exitOf(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--loglevel=error',
          `--@pokerroom:registry=${registry.url}alone-${name}/`,
          `@pokerroom/${name}`,
        ],
        { cwd: alone },
      );
      expect(install.code, install.output).toBe(0);
      expect(readdirSync(join(alone, 'node_modules', '@pokerroom')).sort()).toEqual(ALONE[name]);
      // Each was resolved through the registry (its tarball may come from npm's cache, by integrity).
      const resolved = registry.requests.slice(asked).filter((path) => path.startsWith('/@pokerroom/'));
      expect([...new Set(resolved)].sort()).toEqual(ALONE[name].map((sibling) => `/@pokerroom/${sibling}`));
      const added = JSON.parse(readFileSync(join(alone, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      expect(added.dependencies).toEqual({ [`@pokerroom/${name}`]: `^${packed[name].manifest.version}` });
      const loaded = await exitOf(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import('@pokerroom/${name}'); console.log(Object.keys(m).length > 0);`,
        ],
        { cwd: alone },
      );
      expect(loaded).toEqual({ code: 0, output: 'true\n' });
    },
    180_000,
  );

  it('run a round from an app that installed them, as ES modules', async () => {
    const { code, output } = await exitOf(process.execPath, ['round.mjs'], {
      env: { POKERROOM_URL: server.url, POKERROOM_SECRET_KEY: server.key },
    });
    expect(code, output).toBe(0);
    const [round, element] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(round).toEqual({ status: 'connected', median: 8, frame: 'vote.cast' });
    // The library imports in Node too (Lit's Node build shims the DOM); the bundle file is there.
    expect(element).toEqual({ bundle: true, element: 'function' });
  }, 60_000);

  it('run a round from an app that installed them, as CommonJS', async () => {
    const { code, output } = await exitOf(process.execPath, ['round.cjs'], {
      env: { POKERROOM_URL: server.url, POKERROOM_SECRET_KEY: server.key },
    });
    expect(code, output).toBe(0);
    expect(JSON.parse(output.trim())).toEqual({ status: 'connected', median: 8, frame: 'vote.cast' });
  }, 60_000);

  it.each(['bundler', 'node16', 'node10'])(
    'type-check in that app under moduleResolution %s',
    async (mode) => {
      const { code, output } = await exitOf(process.execPath, [
        bin('typescript/bin/tsc'),
        '-p',
        `tsconfig.${mode}.json`,
      ]);
      expect({ code, output: output.trim() }).toEqual({ code: 0, output: '' });
    },
    180_000,
  );

  it.each(PACKAGES)(
    '@pokerroom/%s: publint finds nothing, warnings included',
    async (name) => {
      const { code, output } = await exitOf(
        process.execPath,
        [bin('publint/src/cli.js'), 'run', packed[name].tarball, '--strict'],
        { cwd: work },
      );
      expect(code, output).toBe(0);
      expect(output).toContain('All good!');
    },
    60_000,
  );

  it.each(PACKAGES)(
    '@pokerroom/%s: arethetypeswrong finds nothing',
    async (name) => {
      // The element is ESM-only (Lit is): its profile leaves out the CommonJS resolutions.
      const profile = name === 'element' ? ['--profile', 'esm-only'] : [];
      const { code, output } = await exitOf(
        process.execPath,
        [bin('@arethetypeswrong/cli/dist/index.js'), packed[name].tarball, '--format', 'json', ...profile],
        { cwd: work },
      );
      const report = JSON.parse(output) as {
        analysis: { problems: { kind: string; resolutionKind?: string }[] };
      };
      // The report lists what the profile leaves out too: only the element's `require` from
      // CommonJS under node16 may meet an ES module (its node10 and ESM resolutions must be clean).
      const ignored = name === 'element' ? ['node16-cjs'] : [];
      expect(
        report.analysis.problems.filter((problem) => !ignored.includes(problem.resolutionKind ?? '')),
      ).toEqual([]);
      expect(code).toBe(0);
    },
    120_000,
  );
});
