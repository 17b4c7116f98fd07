/**
 * HTTP load with autocannon, run in the orchestrator process (the server under test has its own
 * process): a warm-up pass that is thrown away (JIT, caches, connection pools), then the measured pass.
 */
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  warmSeconds: number;
  seconds: number;
}

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and non-2xx answers in the measured pass (any of these voids the measure). */
  failures: number;
}

/** Loads `baseUrl` cycling through `paths` (each connection walks the list in turn). */
export async function load(baseUrl: string, paths: string[], s: LoadSettings): Promise<LoadResult> {
  const requests = paths.map((path) => ({ method: 'GET', path }));
  const run = (duration: number): ReturnType<typeof autocannon> => autocannon({ url: baseUrl, connections: s.connections, duration, requests, timeout: 10 });
  if (s.warmSeconds > 0) await run(s.warmSeconds);
  const r = await run(s.seconds);
  return { reqPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, failures: r.errors + r.timeouts + r.non2xx };
}
