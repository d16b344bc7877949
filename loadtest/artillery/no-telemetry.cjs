// Preloaded into Artillery's process (`node --require`). Artillery 2.0.21 sends an anonymous
// "test run" event to PostHog even with ARTILLERY_DISABLE_TELEMETRY set (and, offline, waits for
// the lookup to time out before exiting): its PostHog client is replaced by one that sends nothing,
// so a load test makes no request beyond this machine.
const Module = require('node:module');

class QuietPostHog {
  capture() {}
  async shutdownAsync() {}
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'posthog-node') return { PostHog: QuietPostHog };
  return load.call(this, request, parent, isMain);
};
