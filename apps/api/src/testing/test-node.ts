import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { createNode, type RabtNode } from '../platform/node.ts';
import { TestClient } from './test-client.ts';

/**
 * Per-test databases, fast on both engines. A template is migrated and seeded once per test run
 * (scripts/prepare-test-db.ts): PGlite as a data directory that each test copies; PostgreSQL as a
 * template database that each test clones with CREATE DATABASE … TEMPLATE.
 */
export type TestTarget = 'pglite' | 'postgres';

export const PGLITE_TEMPLATE_DIR = join(import.meta.dirname, '../../../../.test-artifacts/pglite-template');
export const PG_TEMPLATE_DB = 'rabt_test_template';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testTargets(): TestTarget[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated and seeded database for one test (or one test file). */
export async function freshDatabase(target: TestTarget): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'rabt-pglite-'));
    cpSync(PGLITE_TEMPLATE_DIR, dir, { recursive: true });
    const database = await openDatabase({ pgliteDir: dir });
    return { database, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `rabt_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  // PostgreSQL refuses to copy a template while another session is connected to it (SQLSTATE 55006,
  // "source database is being accessed by other users"), which two test files cloning at the same moment
  // can cause: retry for a few seconds.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`);
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 60) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
    }
  }
  const url = withDatabase(base, name);
  const database = await openDatabase({ url });
  const drop = async (): Promise<void> => {
    // Closing pools release their server sessions asynchronously: wait for them rather than killing
    // them (a FORCE drop makes a closing client report "terminating connection due to administrator command").
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        return await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { database, url, drop };
}

/** A clock tests move by hand (one-time code expiry, session timeouts, TOTP steps). */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestNode {
  node: RabtNode;
  clock: TestClock;
  config: Config;
  /** A new browser-like client (own cookies and CSRF token). */
  client(): TestClient;
  close(): Promise<void>;
}

/** Files tests write (uploads, lesson media) go to one temporary folder per test process, never into ./data. */
let testDataDir: string | undefined;
function testDataDirectory(): string {
  return (testDataDir ??= mkdtempSync(join(tmpdir(), 'rabt-test-data-')));
}

/** Test configuration: quiet, plain-HTTP cookies, generous rate limits, dev tools and demo staff on. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_COUNTRY: 'EG',
    DATA_DIR: testDataDirectory(),
    LOG_LEVEL: 'silent',
    COOKIE_SECURE: 'false',
    COOKIE_SECRET: 'test-cookie-secret-test-cookie-secret-0123',
    RATE_LIMIT_SIGNIN_PER_MINUTE: '1000',
    RATE_LIMIT_CODES_PER_MINUTE: '1000',
    RATE_LIMIT_REGISTER_PER_MINUTE: '1000',
    DEV_TOOLS: 'true',
    SEED_DEMO_STAFF: 'true',
    SEED_DEMO_DATA: 'false',
    ...overrides,
  });
}

/** Starts an in-process node (not listening) on a fresh database of `target`. */
export async function createTestNode(target: TestTarget, overrides: Record<string, string> = {}, logStream?: NodeJS.WritableStream): Promise<TestNode> {
  const fresh = await freshDatabase(target);
  const clock = new TestClock();
  const config = testConfig(overrides);
  const node = await createNode(config, { database: fresh.database, clock: clock.now, ...(logStream ? { logStream } : {}) });
  return {
    node,
    clock,
    config,
    client: () => new TestClient(node.app),
    close: async () => {
      await node.close();
      await fresh.drop();
    },
  };
}
