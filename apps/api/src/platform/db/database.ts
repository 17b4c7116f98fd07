import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** Closes the pool and, for PGlite, the embedded engine. */
  close(): Promise<void>;
}

// timestamptz → Date (pg default) and int8 → number (our counters stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// DATE stays `YYYY-MM-DD`: a calendar date has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * Opens the node's database. One code path for both engines: Kysely's PostgresDialect over a
 * node-postgres pool, which is either a real PostgreSQL pool (`url`) or a one-connection pool over
 * an embedded PGlite (PGlite is a single session, so `max: 1`; see stack-probe.md gotcha 2).
 */
export async function openDatabase(target: { url: string } | { pgliteDir: string }): Promise<Database> {
  if ('url' in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, close: () => db.destroy() };
  }
  const lite = await PGlite.create(target.pgliteDir, { extensions: { pg_trgm } });
  const pool = new pg.Pool({ ...createPgConfig(lite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'pglite',
    db,
    close: async () => {
      await db.destroy();
      await lite.close();
    },
  };
}
