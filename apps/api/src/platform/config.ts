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
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Rabt <no-reply@localhost>'),
  SMS_EMAIL_GATEWAY_DOMAIN: z.string().optional(),
  SEED_DEMO_STAFF: z.enum(['true', 'false']).optional(),
  WEB_DIST: z.string().optional(),
  DEV_TOOLS: z.enum(['true', 'false']).optional(),
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
  smtpUrl: string | undefined;
  smtpFrom: string;
  smsEmailGatewayDomain: string | undefined;
  seedDemoStaff: boolean;
  webDist: string | undefined;
  /** Development outbox and demo codes. Default: on for the embedded database, off with DATABASE_URL. */
  devTools: boolean;
};

/** Parses `env` (default `process.env`) into a `Config`; throws a readable error on a bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  if (e.NOTIFY_TRANSPORT === 'smtp' && !e.SMTP_URL) throw new Error('Invalid configuration:\n  SMTP_URL is required when NOTIFY_TRANSPORT=smtp');
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
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    smsEmailGatewayDomain: e.SMS_EMAIL_GATEWAY_DOMAIN,
    seedDemoStaff: e.SEED_DEMO_STAFF ? e.SEED_DEMO_STAFF === 'true' : !e.DATABASE_URL,
    webDist: e.WEB_DIST,
    devTools: e.DEV_TOOLS ? e.DEV_TOOLS === 'true' : !e.DATABASE_URL,
  };
}
