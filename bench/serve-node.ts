/**
 * One Rabt node for the benches, in its own process: `serve-node.ts postgres|pglite`.
 * - postgres: (re)creates the database `rabt_bench` on BENCH_DATABASE_URL (or TEST_DATABASE_URL);
 * - pglite: a fresh temporary data directory.
 * Built with createNode (migrate, seed reference data, build the app), quiet logs, no demo staff or dev
 * tools on either engine so the two are comparable. Prints `LISTENING <port>`; on SIGTERM closes the
 * node and removes its database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../apps/api/src/platform/config.ts';
import { createNode } from '../apps/api/src/platform/node.ts';

const DB_NAME = 'rabt_bench';
const engine = process.argv[2];
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (engine !== 'postgres' && engine !== 'pglite') throw new Error('usage: serve-node.ts postgres|pglite');
if (engine === 'postgres' && !serverUrl) throw new Error('postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let databaseUrl: string | undefined;
let dataDir: string | undefined;
if (engine === 'postgres' && serverUrl) {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const u = new URL(serverUrl);
  u.pathname = `/${DB_NAME}`;
  databaseUrl = u.toString();
} else {
  dataDir = mkdtempSync(join(tmpdir(), 'rabt-bench-pglite-'));
}

const config = loadConfig({
  NODE_COUNTRY: 'EG',
  LOG_LEVEL: 'silent',
  COOKIE_SECURE: 'false',
  SEED_DEMO_STAFF: 'false',
  DEV_TOOLS: 'false',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
});
const node = await createNode(config);
await node.app.listen({ host: '127.0.0.1', port: 0 });
const address = node.app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);

async function shutdown(): Promise<void> {
  await node.close();
  if (databaseUrl) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
