/**
 * Preloaded (`--import`) into every server process the broadcast benchmark measures, ours
 * included, so that all three are measured the same way and the server's code stays untouched:
 * answers `probe` requests over IPC with the process's CPU time and memory, after a full GC
 * when asked and when the process runs with `--expose-gc`.
 */
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { youngGenerationBytes } from '../server/src/ops/young-generation.js';
import { serve } from './broadcast-ipc.js';
import { collectFully } from './full-collection.js';

serve({
  probe: async (request) => {
    // Two full collections, so RSS shows what the process retains rather than what it last needed.
    const collected = request.gc === true && collectFully();
    if (collected) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      collectFully();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // After the collection, so the snapshot holds what the process retains.
    const snapshot = typeof request.snapshot === 'string' ? writeHeapSnapshot(request.snapshot) : null;
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      cpuMicros: cpu.user + cpu.system,
      /** User-space CPU alone: the process's own code, without the kernel's work for its system calls. */
      userMicros: cpu.user,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
      /**
       * The young generation's committed size (both semi-spaces): grown while the process
       * allocates fast, and shrunk by V8 only in a collection at a low but non-zero allocation
       * rate (docs/performance.md, room broadcast, thirteenth run).
       */
      youngGeneration: youngGenerationBytes(),
      /** Bytes of live objects in each of V8's heap spaces (old, code, large objects, …). */
      spaces: Object.fromEntries(
        getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]),
      ),
      gc: collected,
      snapshot,
      /** The monotonic clock a `--cpu-prof` profile is timed with, in µs. */
      clockMicros: Number(process.hrtime.bigint() / 1000n),
    };
  },
});
