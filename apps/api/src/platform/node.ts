import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app.ts';
import type { AppDeps } from '../http/context.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoStaff, seedReferenceData } from './db/seed.ts';
import { channelNotifier, outboxNotifier, smtpNotifier, type Notifier } from './notify/notifier.ts';
import { FederationNode } from '../modules/federation/federation.service.ts';
import { RegisterService } from '../modules/register/register.service.ts';
import { VerificationCache } from '../modules/documents/verification-cache.ts';
import { seedDemoDestination } from '../modules/employers/demo-seed.ts';
import { seedDemoWorkers } from '../modules/workers/workers.seed.ts';
import { seedDemoAgencies } from '../modules/agencies/agencies.seed.ts';
import { seedDemoTestingCentres } from '../modules/eservices/demo-seed.ts';
import { seedOrientationCourses } from '../modules/orientation/orientation.seed.ts';
import { ClassroomReminderJob } from '../modules/elearning/classrooms.reminders.ts';
import { seedDemoCourse } from '../modules/elearning/demo-course.seed.ts';

export interface RabtNode {
  app: FastifyInstance;
  database: Database;
  deps: AppDeps;
  /** Federation v1 (the same object as `deps.federation`): relay started, stopped by `close`. */
  federation: FederationNode;
  /**
   * Loads the demo exchange data when SEED_DEMO_DATA is on (synthetic workers on EG; employers and job
   * orders on partner nodes); a no-op otherwise. Idempotent. `npm start` runs it after the node is
   * listening, so a first start is ready without waiting for thousands of demo rows.
   */
  seedDemoData(): Promise<void>;
  /** Stops accepting requests, waits for in-flight ones, then closes the database. */
  close(): Promise<void>;
}

/** Opens the configured database: PostgreSQL when `databaseUrl` is set, else PGlite under `dataDir/<country>/pglite`. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl });
  const dir = join(config.dataDir, config.country.toLowerCase(), 'pglite');
  mkdirSync(dir, { recursive: true });
  return openDatabase({ pgliteDir: dir });
}

/**
 * The notifier of the configuration: SMS by NOTIFY_TRANSPORT, email by EMAIL_TRANSPORT (default the same),
 * each to the development outbox or SMTP (nodemailer); email can be `off`.
 */
function configuredNotifier(config: Config, database: Database, clock: Clock): Notifier {
  const outbox = outboxNotifier(database.db, clock);
  const smtp = config.smtpUrl && (config.notifyTransport === 'smtp' || config.emailTransport === 'smtp') ? smtpNotifier({ url: config.smtpUrl, from: config.smtpFrom, smsGatewayDomain: config.smsEmailGatewayDomain }) : undefined;
  const pick = (t: 'outbox' | 'smtp') => (t === 'smtp' && smtp ? smtp : outbox);
  return channelNotifier({ sms: pick(config.notifyTransport), email: config.emailTransport === 'off' ? null : pick(config.emailTransport) });
}

/**
 * Builds a ready node: database opened (or the given one), migrations applied, reference data and
 * (in demo mode) demo staff seeded, HTTP app built. Does not listen.
 */
export async function createNode(
  config: Config,
  options: { database?: Database; clock?: Clock; notifier?: Notifier; logStream?: NodeJS.WritableStream } = {},
): Promise<RabtNode> {
  const database = options.database ?? (await openConfiguredDatabase(config));
  const clock = options.clock ?? systemClock;
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  if (config.seedDemoStaff) await seedDemoStaff(database.db, clock());
  if (config.seedDemoStaff && config.country === 'EG') await seedDemoTestingCentres(database.db, clock());
  // Pre-departure orientation courses (issue 6 §7): real content, seeded on every Egyptian node (not demo data).
  if (config.country === 'EG') await seedOrientationCourses(database.db, clock());
  const notifier = options.notifier ?? configuredNotifier(config, database, clock);
  const federation = await FederationNode.create({ config, db: database.db, clock });
  // The transparency register: this node's Merkle log (checkpoint timer) and witness of its peers' logs.
  const register = new RegisterService({
    db: database.db,
    clock,
    country: config.country,
    origin: config.register.origin,
    checkpointIntervalMs: config.register.checkpointIntervalMs,
    keys: federation.keys,
    federation,
    peerKeys: federation.peerKeys,
    kick: () => federation.kick(),
    // Witness poller and silence monitor: fetch each peer's checkpoint (URL from the peers file); stopped by register.stop().
    witness: { pollMs: config.register.witnessPollMs, silenceMs: config.register.witnessSilenceMs, httpTimeoutMs: config.federation.httpTimeoutMs },
  });
  register.registerHandlers();
  const deps: AppDeps = { config, db: database.db, dbKind: database.kind, notifier, clock, devTools: config.devTools, federation, register, signer: federation.documentSigner(), verifyCache: new VerificationCache(), ...(options.logStream ? { logStream: options.logStream } : {}) };
  const app = await buildApp(deps);
  federation.setLogger((level, obj, message) => app.log[level](obj, message));
  federation.start();
  register.setLogger((level, obj, message) => app.log[level](obj, message));
  register.start();
  // Virtual classrooms (issue 6 §5): SMS reminders 24 h and 1 h before booked live sessions (EG node only).
  const classroomReminders = config.country === 'EG' ? new ClassroomReminderJob({ db: database.db, clock, notifier, config }) : undefined;
  classroomReminders?.setLogger((level, obj, message) => app.log[level](obj, message));
  classroomReminders?.start();
  return {
    app,
    database,
    deps,
    federation,
    seedDemoData: async () => {
      if (!config.seedDemoData) return;
      // A published vocational course of the demo centre with a SCORM lesson and an upcoming live session.
      if (config.country === 'EG') await seedDemoCourse(deps);
      if (config.country === 'EG') await seedDemoWorkers(deps);
      if (config.country === 'EG') await seedDemoAgencies(deps);
      else await seedDemoDestination({ db: database.db, clock, config, federation });
    },
    close: async () => {
      await classroomReminders?.stop();
      await register.stop();
      await federation.stop();
      await app.close();
      await database.close();
    },
  };
}
