/**
 * Preloaded (`--import`) into every server process the broadcast benchmark measures, ours
 * included, so that all three are measured the same way and the server's code stays untouched:
 * answers `probe` requests over IPC with the process's CPU time and memory, after a full GC
 * when asked and when the process runs with `--expose-gc`.
 */
import { serve } from './broadcast-ipc.js';

const gc = (globalThis as { gc?: () => void }).gc;

serve({
  probe: async (request) => {
    if (request.gc === true && gc !== undefined) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 100));
      gc();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      cpuMicros: cpu.user + cpu.system,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
      gc: request.gc === true && gc !== undefined,
      /** The monotonic clock a `--cpu-prof` profile is timed with, in µs. */
      clockMicros: Number(process.hrtime.bigint() / 1000n),
    };
  },
});
