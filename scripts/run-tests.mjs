// Runs one test tier with node:test. Node 20 needs explicit file lists (stack-probe.md gotcha 7).
//   unit         *.test.ts that are neither .int. nor .e2e.
//   integration  *.int.test.ts (on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set)
//   browser      e2e/*.e2e.test.ts (headless Chromium)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const tier = process.argv[2];
const roots = ['apps', 'packages', 'e2e', 'bench'];
const files = roots
  .flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true }).map((f) => join(root, String(f)));
    } catch {
      return [];
    }
  })
  .filter((f) => !f.includes('node_modules') && !f.includes('dist') && f.endsWith('.test.ts'))
  .filter((f) => {
    if (tier === 'integration') return f.endsWith('.int.test.ts');
    if (tier === 'browser') return f.endsWith('.e2e.test.ts');
    return !f.endsWith('.int.test.ts') && !f.endsWith('.e2e.test.ts');
  })
  .sort();

if (files.length === 0) {
  console.error(`no ${tier} test files found`);
  process.exit(1);
}

// A hung test must fail the run, not hold CI until its time limit: each test has 10 minutes, a test file's
// process exits when its tests are done even if a handle is left open (--test-force-exit), and a whole tier
// is killed after 40 minutes.
const TEST_TIMEOUT_MS = 10 * 60_000;
const TIER_TIMEOUT_MS = 40 * 60_000;

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', timeout: TIER_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (r.error) console.error(`${tier} tests: ${r.error.message}`);
  if (r.signal) console.error(`${tier} tests killed by ${r.signal} (over ${TIER_TIMEOUT_MS / 60_000} minutes?)`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (tier !== 'unit') run(['--import', 'tsx', 'scripts/prepare-test-db.ts']);
const concurrency = tier === 'browser' ? '1' : '2';
run(['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-force-exit', '--test-reporter=spec', ...files]);
