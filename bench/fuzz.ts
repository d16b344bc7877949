/**
 * `npm run fuzz`: a million hostile frames against the server running as its own process (embedded
 * storage), while an honest client votes in another room. Fails (exit 1) on a crash, on an answer
 * that is not a coded error frame, or on a fuzzed room that differs from a fresh welcome.
 *
 * `FUZZ_FRAMES` (default 1 000 000), `FUZZ_ROOMS` (4), `FUZZ_CONNECTIONS` (4 per room) and
 * `FUZZ_SEED` change the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, exit } from 'node:process';
import { runFuzz } from '../server/test/support/fuzz.js';
import { startServerProcess } from '../server/test/support/server-process.js';

const KEY = 'sk_test_fuzzRunKey00000000000000000000';
const number = (name: string, fallback: number): number => Number(env[name] ?? fallback);

const dataDir = mkdtempSync(join(tmpdir(), 'pokerroom-fuzz-'));
const server = await startServerProcess({
  POKERROOM_DATA_DIR: dataDir,
  POKERROOM_BOOTSTRAP_KEY: KEY,
  LOG_LEVEL: 'error',
});
let failed = true;
try {
  const frames = number('FUZZ_FRAMES', 1_000_000);
  const report = await runFuzz({
    url: server.url,
    key: KEY,
    frames,
    rooms: number('FUZZ_ROOMS', 4),
    connectionsPerRoom: number('FUZZ_CONNECTIONS', 4),
    seed: number('FUZZ_SEED', 20261205),
    progress: (sent) => {
      if (sent % 100_000 === 0) console.error(`… ${sent.toLocaleString('en')} frames`);
    },
  });
  const alive = server.child.exitCode === null && (await fetch(`${server.url}/healthz`)).ok;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `frames sent            ${report.framesSent.toLocaleString('en')} in ${report.seconds.toFixed(0)} s (${Math.round(report.framesSent / report.seconds).toLocaleString('en')}/s)`,
  );
  console.log(`fuzzing connections    ${report.connections.toLocaleString('en')}`);
  console.log(
    `frames answered        ${report.answered.toLocaleString('en')} (the rest reached connections already closed for their junk)`,
  );
  console.log(
    `error frames           ${report.errorFrames.toLocaleString('en')} ${JSON.stringify(report.codes)}`,
  );
  console.log(`closes by the server   ${JSON.stringify(report.closes)}`);
  console.log(`uncoded answers        ${report.badAnswers}`);
  console.log(`inconsistent rooms     ${report.inconsistentRooms.length} of ${number('FUZZ_ROOMS', 4)}`);
  console.log(`server alive           ${alive ? 'yes' : 'NO'}`);
  console.log(
    `honest client          ${report.honest.votes} votes, ${report.honest.failed} failed; p50 ${ms(report.honest.p50)}, p99 ${ms(report.honest.p99)}, max ${ms(report.honest.max)}`,
  );
  failed =
    !alive ||
    report.badAnswers > 0 ||
    report.inconsistentRooms.length > 0 ||
    report.honest.failed > 0 ||
    report.framesSent < frames;
  if (failed) {
    console.error('fuzz run FAILED');
    console.error(server.output().slice(-4000));
  }
} finally {
  await server.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
exit(failed ? 1 : 0);
