import pg from 'pg';

/**
 * PostgreSQL databases of the benchmarks: each bench that needs its own data makes a fresh database
 * `name` on the server of `url` (createBenchDatabase), works in it (its URL: withDatabase) and drops it
 * at the end (dropDatabase). One helper for every bench.
 */

/** Runs one administrative statement (CREATE/DROP DATABASE) on its own connection. */
export async function admin(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Drops `name` (FORCE: a leftover of a crashed run) and creates it empty; returns its URL. */
export async function createBenchDatabase(url: string, name: string): Promise<string> {
  await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(url, `CREATE DATABASE ${name}`);
  return withDatabase(url, name);
}

/**
 * Drops a bench database once this process's pools have let go of it. A closed pg pool ends its clients
 * asynchronously: a `DROP … WITH (FORCE)` racing that end terminates a session whose client still listens,
 * and the pool then emits an unhandled 'error' that kills the bench run. So: plain DROP, retried while
 * sessions are still closing (about 2 s at most), FORCE only as a last resort (as apps/api/src/testing does).
 */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const run = (text: string) => admin(url, text);
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      return await run(`DROP DATABASE IF EXISTS ${name}`);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
