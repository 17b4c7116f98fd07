/**
 * Child processes for the benches: every server under test runs in its own process so that it does
 * not share the load generator's core. All children are tracked and killed when the run ends, also
 * on an error or Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (children run from here). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const live = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** performance.now() at spawn. */
  spawnedAt: number;
  /** Everything written so far on stdout and stderr (for error messages). */
  output(): string;
  /** Resolves with the first match of `pattern` on stdout (rejects on exit or timeout). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `node --import tsx <script> ...args` from the repository root. */
export function spawnTsx(script: string, args: string[], env: NodeJS.ProcessEnv): Child {
  return spawnNode(['--import', 'tsx'], script, args, env);
}

/** The node as `npm start` runs it: plain Node on the bundle built by scripts/build-api.mjs. */
export const BUILT_NODE = 'apps/api/dist/main.mjs';

/** Spawns `node <nodeArgs> <script> ...args` from the repository root. */
export function spawnNode(nodeArgs: string[], script: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const spawnedAt = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`could not spawn ${script}`);
  live.add(proc);
  let stdout = '';
  let all = '';
  let exited = false;
  const exitListeners: (() => void)[] = [];
  proc.stdout?.on('data', (d: Buffer) => ((stdout += d.toString()), (all += d.toString())));
  proc.stderr?.on('data', (d: Buffer) => (all += d.toString()));
  proc.on('exit', () => {
    exited = true;
    live.delete(proc);
    for (const l of exitListeners.splice(0)) l();
  });
  return {
    proc,
    pid: proc.pid,
    spawnedAt,
    output: () => all,
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`${script}: no ${String(pattern)} within ${timeoutMs} ms\n${all}`)), timeoutMs);
        const check = (): void => {
          const m = stdout.match(pattern);
          if (m) done(null, m);
        };
        const onExit = (): void => done(new Error(`${script} exited (code ${String(proc.exitCode)}) before ${String(pattern)}\n${all}`));
        function done(err: Error | null, m?: RegExpMatchArray): void {
          clearTimeout(timer);
          proc.stdout?.off('data', check);
          proc.off('exit', onExit);
          if (err) reject(err);
          else resolve(m as RegExpMatchArray);
        }
        proc.stdout?.on('data', check);
        proc.on('exit', onExit);
        if (exited) onExit();
        else check();
      }),
    stop: (graceMs = 10_000) =>
      new Promise((resolve) => {
        if (exited) return resolve();
        exitListeners.push(resolve);
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), graceMs).unref();
      }),
  };
}

export { freePort } from '../../apps/api/src/testing/ports.ts';

/** Polls `url` every `intervalMs` until it answers 200; resolves with performance.now() of that answer. */
export async function waitForOk(url: string, child: Child, timeoutMs = 120_000, intervalMs = 50): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`process exited before ${url} answered\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} not 200 within ${timeoutMs} ms\n${child.output()}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
