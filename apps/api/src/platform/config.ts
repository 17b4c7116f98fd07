import { z } from 'zod';

/**
 * Node configuration, read once from the environment and validated (fail fast on start-up).
 *
 * - `DATABASE_URL`: a PostgreSQL URL; when absent the node uses an embedded PGlite database kept
 *   in `DATA_DIR/<country>/pglite`, so `npm start` needs nothing installed.
 * - `NODE_COUNTRY`: ISO 3166-1 alpha-2 code of the ministry this node serves (EG by default).
 */
const Env = z.object({
  NODE_COUNTRY: z.string().regex(/^[A-Z]{2}$/).default('EG'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECRET: z.string().min(32).optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(100_000),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_CODES_PER_MINUTE: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_REGISTER_PER_MINUTE: z.coerce.number().int().positive().default(30),
  NOTIFY_TRANSPORT: z.enum(['outbox', 'smtp']).default('outbox'),
  // Email notifications (issue 5 §9): their own transport; unset = the same as NOTIFY_TRANSPORT.
  EMAIL_TRANSPORT: z.enum(['outbox', 'smtp', 'off']).optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Rabt <no-reply@localhost>'),
  SMS_EMAIL_GATEWAY_DOMAIN: z.string().optional(),
  SEED_DEMO_STAFF: z.enum(['true', 'false']).optional(),
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional(),
  WEB_DIST: z.string().optional(),
  DEV_TOOLS: z.enum(['true', 'false']).optional(),
  FEDERATION_KEYS_FILE: z.string().optional(),
  FEDERATION_PEERS_FILE: z.string().optional(),
  FEDERATION_RELAY: z.enum(['true', 'false']).default('true'),
  FEDERATION_RELAY_POLL_MS: z.coerce.number().int().min(10).default(200),
  FEDERATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(50),
  FEDERATION_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(500),
  FEDERATION_BACKOFF_CAP_MS: z.coerce.number().int().min(1).default(60_000),
  FEDERATION_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
  FEDERATION_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(1).default(30_000),
  FEDERATION_HTTP_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  FEDERATION_PEER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  FEDERATION_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(50),
  FEDERATION_MESSAGE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  FEDERATION_MAX_MESSAGE_BYTES: z.coerce.number().int().min(65_536).max(1_048_576).default(131_072),
  FEDERATION_JWKS_REFRESH_MS: z.coerce.number().int().min(0).default(10_000),
  // Transparency register (issue 4 §7): a checkpoint at least every 10 s when there are new leaves (our maximum merge delay).
  REGISTER_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).max(10_000).default(5_000),
  // C2SP tlog-checkpoint origin line: printable ASCII without spaces or '+' (it is also the note key name).
  REGISTER_ORIGIN: z.string().regex(/^[\x21-\x2a\x2c-\x7e]{1,128}$/).optional(),
  // Witness poller (C2SP tlog-witness): fetch each peer's checkpoint this often (0 = off, push path only),
  // and alert when a peer stays unreachable or silent for longer than the silence threshold.
  REGISTER_WITNESS_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  REGISTER_WITNESS_SILENCE_MS: z.coerce.number().int().min(1_000).max(7 * 86_400_000).default(600_000),
  // E-service documents and fees (issue 5 §6).
  UPLOADS_STORE: z.enum(['local', 's3']).default('local'),
  UPLOADS_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  PAYMENTS_PROVIDER: z.enum(['fake']).default('fake'),
  PAYMENTS_WEBHOOK_SECRET: z.string().min(32).optional(),
  // Virtual classrooms (issue 6 §5): a BigBlueButton-compatible server when both are set, else the built-in room page.
  BBB_URL: z.string().url().optional(),
  BBB_SECRET: z.string().min(8).optional(),
  BBB_CHECKSUM: z.enum(['sha1', 'sha256']).default('sha256'),
  CLASSROOM_REMINDER_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
});

export type Config = {
  country: string;
  host: string;
  port: number;
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  cookieSecret: string | undefined;
  cookieSecure: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  bodyLimitBytes: number;
  rateLimitSignInPerMinute: number;
  rateLimitCodesPerMinute: number;
  rateLimitRegisterPerMinute: number;
  notifyTransport: 'outbox' | 'smtp';
  /** Transport of email notifications: the development outbox, SMTP, or none (`off`). */
  emailTransport: 'outbox' | 'smtp' | 'off';
  smtpUrl: string | undefined;
  smtpFrom: string;
  smsEmailGatewayDomain: string | undefined;
  seedDemoStaff: boolean;
  /** Demo exchange data: synthetic workers on EG, employers and job orders on partner nodes. Default: embedded mode only. */
  seedDemoData: boolean;
  webDist: string | undefined;
  /** Development outbox and demo codes. Default: on for the embedded database, off with DATABASE_URL. */
  devTools: boolean;
  /** Federation v1 (docs/federation-v1.md, "Configuration"): key and peer files, relay timing, limits. */
  federation: {
    keysFile: string | undefined;
    peersFile: string | undefined;
    relayEnabled: boolean;
    relayPollMs: number;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffCapMs: number;
    breakerThreshold: number;
    breakerHalfOpenMs: number;
    httpTimeoutMs: number;
    peerConcurrency: number;
    batchSize: number;
    messageTtlSeconds: number;
    maxMessageBytes: number;
    jwksRefreshMs: number;
  };
  /** Transparency register (apps/api/src/modules/register): checkpoint timer and log origin. */
  /** Uploaded documents of e-service applications: where the bytes go and the global size cap. */
  uploads: {
    store: 'local' | 's3';
    /** Global cap in bytes on any upload (each document type also has its own maxBytes). */
    maxBytes: number;
    /** S3-compatible storage (UPLOADS_STORE=s3): endpoint (e.g. MinIO), bucket, region and credentials. */
    s3: { endpoint: string | undefined; bucket: string | undefined; region: string; accessKeyId: string | undefined; secretAccessKey: string | undefined };
  };
  /** Fee payments: the online provider and the HMAC-SHA256 secret its callbacks are signed with. */
  payments: {
    provider: 'fake';
    /** Shared secret (≥ 32 characters). When unset, a random one is generated at start (callbacks only from this process). */
    webhookSecret: string | undefined;
  };
  /** Virtual classrooms: the conferencing adapter (BigBlueButton when BBB_URL and BBB_SECRET are set) and the reminder job. */
  classrooms: {
    bbb: { url: string; secret: string; checksum: 'sha1' | 'sha256' } | null;
    /** How often the reminder job looks for sessions starting within 24 h / 1 h (ms, default 60,000). */
    reminderIntervalMs: number;
  };
  register: {
    /** How often the node signs a checkpoint when there are new leaves, 100–10,000 ms (default 5,000). */
    checkpointIntervalMs: number;
    /** Checkpoint origin and note key name; default `rabt.<country lower-case>/register`. */
    origin: string;
    /** How often the witness poller fetches each peer's public checkpoint, ms (default 30,000; 0 = no poller). */
    witnessPollMs: number;
    /** How long a peer may stay unreachable, or a peer witness silent, before an alert, ms (default 600,000). */
    witnessSilenceMs: number;
  };
};

/** Parses `env` (default `process.env`) into a `Config`; throws a readable error on a bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  if (e.UPLOADS_STORE === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]);
    if (missing.length) throw new Error(`Invalid configuration:\n  ${missing.join(', ')} required when UPLOADS_STORE=s3`);
  }
  if (Boolean(e.BBB_URL) !== Boolean(e.BBB_SECRET)) throw new Error('Invalid configuration:\n  BBB_URL and BBB_SECRET are set together (or neither, for the built-in room)');
  if (e.NOTIFY_TRANSPORT === 'smtp' && !e.SMTP_URL) throw new Error('Invalid configuration:\n  SMTP_URL is required when NOTIFY_TRANSPORT=smtp');
  if (e.EMAIL_TRANSPORT === 'smtp' && !e.SMTP_URL) throw new Error('Invalid configuration:\n  SMTP_URL is required when EMAIL_TRANSPORT=smtp');
  return {
    country: e.NODE_COUNTRY,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    cookieSecret: e.COOKIE_SECRET,
    cookieSecure: e.COOKIE_SECURE === 'true',
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitSignInPerMinute: e.RATE_LIMIT_SIGNIN_PER_MINUTE,
    rateLimitCodesPerMinute: e.RATE_LIMIT_CODES_PER_MINUTE,
    rateLimitRegisterPerMinute: e.RATE_LIMIT_REGISTER_PER_MINUTE,
    notifyTransport: e.NOTIFY_TRANSPORT,
    emailTransport: e.EMAIL_TRANSPORT ?? e.NOTIFY_TRANSPORT,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    smsEmailGatewayDomain: e.SMS_EMAIL_GATEWAY_DOMAIN,
    seedDemoStaff: e.SEED_DEMO_STAFF ? e.SEED_DEMO_STAFF === 'true' : !e.DATABASE_URL,
    seedDemoData: e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === 'true' : !e.DATABASE_URL,
    webDist: e.WEB_DIST,
    devTools: e.DEV_TOOLS ? e.DEV_TOOLS === 'true' : !e.DATABASE_URL,
    federation: {
      keysFile: e.FEDERATION_KEYS_FILE,
      peersFile: e.FEDERATION_PEERS_FILE,
      relayEnabled: e.FEDERATION_RELAY === 'true',
      relayPollMs: e.FEDERATION_RELAY_POLL_MS,
      maxAttempts: e.FEDERATION_MAX_ATTEMPTS,
      backoffBaseMs: e.FEDERATION_BACKOFF_BASE_MS,
      backoffCapMs: e.FEDERATION_BACKOFF_CAP_MS,
      breakerThreshold: e.FEDERATION_BREAKER_THRESHOLD,
      breakerHalfOpenMs: e.FEDERATION_BREAKER_HALF_OPEN_MS,
      httpTimeoutMs: e.FEDERATION_HTTP_TIMEOUT_MS,
      peerConcurrency: e.FEDERATION_PEER_CONCURRENCY,
      batchSize: e.FEDERATION_BATCH_SIZE,
      messageTtlSeconds: e.FEDERATION_MESSAGE_TTL_SECONDS,
      maxMessageBytes: e.FEDERATION_MAX_MESSAGE_BYTES,
      jwksRefreshMs: e.FEDERATION_JWKS_REFRESH_MS,
    },
    uploads: {
      store: e.UPLOADS_STORE,
      maxBytes: e.UPLOADS_MAX_BYTES,
      s3: { endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY },
    },
    payments: { provider: e.PAYMENTS_PROVIDER, webhookSecret: e.PAYMENTS_WEBHOOK_SECRET },
    classrooms: {
      bbb: e.BBB_URL && e.BBB_SECRET ? { url: e.BBB_URL, secret: e.BBB_SECRET, checksum: e.BBB_CHECKSUM } : null,
      reminderIntervalMs: e.CLASSROOM_REMINDER_INTERVAL_MS,
    },
    register: {
      checkpointIntervalMs: e.REGISTER_CHECKPOINT_INTERVAL_MS,
      origin: e.REGISTER_ORIGIN ?? `rabt.${e.NODE_COUNTRY.toLowerCase()}/register`,
      witnessPollMs: e.REGISTER_WITNESS_POLL_MS,
      witnessSilenceMs: e.REGISTER_WITNESS_SILENCE_MS,
    },
  };
}
