/**
 * Builds the per-run database templates the integration and browser tests clone:
 * - PGlite: a migrated, seeded data directory in .test-artifacts/pglite-template;
 * - PostgreSQL (when TEST_DATABASE_URL is set): a template database `rabt_test_template`.
 */
import { rmSync, mkdirSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../apps/api/src/platform/db/database.ts';
import { migrateToLatest } from '../apps/api/src/platform/db/migrate.ts';
import { seedDemoStaff, seedReferenceData } from '../apps/api/src/platform/db/seed.ts';
import { seedOrientationCourses } from '../apps/api/src/modules/orientation/orientation.seed.ts';
import { PGLITE_TEMPLATE_DIR, PG_TEMPLATE_DB, withDatabase } from '../apps/api/src/testing/test-node.ts';

async function fill(database: Database): Promise<void> {
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  await seedDemoStaff(database.db, new Date());
  // The Egyptian node seeds its pre-departure orientation courses at start; the template has them already.
  await seedOrientationCourses(database.db, new Date());
  await database.close();
}

rmSync(PGLITE_TEMPLATE_DIR, { recursive: true, force: true });
mkdirSync(PGLITE_TEMPLATE_DIR, { recursive: true });
await fill(await openDatabase({ pgliteDir: PGLITE_TEMPLATE_DIR }));

const url = process.env.TEST_DATABASE_URL;
if (url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // Leftovers of interrupted runs: only databases nobody is connected to, so a test run going on
  // beside this one (another checkout on the same server) keeps its databases.
  const stale = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database d WHERE datname LIKE 'rabt_t_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
  );
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
  await admin.end();
  await fill(await openDatabase({ url: withDatabase(url, PG_TEMPLATE_DB) }));
}
console.log(`test database templates ready (pglite${url ? ' and postgres' : ''})`);
