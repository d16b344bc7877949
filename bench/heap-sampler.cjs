// Preloaded with `node --require ./bench/heap-sampler.cjs` (the votes benchmark does it for
// VOTES_HEAP_PROF): samples what the process allocates, objects collected since included, from
// its start until it exits, and writes `<pid>.heapprofile` (Chrome DevTools' format) into
// POKERROOM_HEAP_PROF_DIR. `npx tsx bench/heap-profile.ts <file>` sums it by function.
// CommonJS, because `--require` runs it before the program's own modules load.
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.POKERROOM_HEAP_PROF_DIR;
if (dir === undefined || dir === '') throw new Error('heap-sampler: set POKERROOM_HEAP_PROF_DIR');

const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
// Every 16 KB allocated on average (V8's default is 32 KB); the collected objects are what a busy
// server's garbage collection pays for, so they stay in the profile.
session.post('HeapProfiler.startSampling', {
  samplingInterval: Number(process.env.POKERROOM_HEAP_PROF_INTERVAL ?? 16384),
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});

let written = false;
function write() {
  if (written) return;
  written = true;
  // An in-process session answers synchronously: the file is written before this returns.
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error === null)
      writeFileSync(join(dir, `${process.pid}.heapprofile`), JSON.stringify(result.profile));
  });
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.prependListener(signal, function onSignal() {
    write();
    // Alone, this listener would keep the signal from ending the process: end it as Node would.
    if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGTERM' ? 143 : 130);
  });
}
process.on('exit', write);
