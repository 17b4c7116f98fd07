import pg from 'pg';

/**
 * Drops a bench database once this process's pools have let go of it. A closed pg pool ends its clients
 * asynchronously: a `DROP … WITH (FORCE)` racing that end terminates a session whose client still listens,
 * and the pool then emits an unhandled 'error' that kills the bench run. So: plain DROP, retried while
 * sessions are still closing (about 2 s at most), FORCE only as a last resort (as apps/api/src/testing does).
 */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const run = async (text: string): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      return await run(`DROP DATABASE IF EXISTS ${name}`);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
