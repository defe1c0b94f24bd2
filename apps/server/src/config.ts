import { randomBytes } from 'node:crypto';
import { normalizeCommissionRate, type StorageConfig } from '@carhub/api';
import type { DatabaseTimeouts } from '@carhub/db';
import { z } from 'zod';

/**
 * The whole configuration, read from the environment once, here and nowhere else.
 * A bad value stops start-up with one line naming the variable and what is wrong.
 */

const MiB = 1024 * 1024;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): boolean | number | string[] => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((s) => s.trim());
    if (entries.every((s) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(s))) return entries;
    ctx.addIssue({
      code: 'custom',
      message: 'expected true, false, a hop count, or a comma-separated list of proxy IPs/CIDRs',
    });
    return z.NEVER;
  });

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as Europe/Berlin' },
);

const origins = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/, message: 'expected a comma-separated list of http(s) origins' })));

const positiveInt = z.coerce
  .number({ error: 'expected a whole number of bytes' })
  .int('expected a whole number of bytes')
  .positive('expected a whole number of bytes above 0');
const portNumber = 'expected an integer from 0 to 65535';
const percent = 'expected a percentage from 0 to 100 with at most 2 decimals, such as 5 or 7.25';
// S3 refuses presigned URLs that live longer than a week.
const mediaTtl = 'expected a whole number of seconds from 60 to 604800';
const milliseconds = z.coerce
  .number({ error: 'expected a whole number of milliseconds' })
  .int('expected a whole number of milliseconds')
  .positive('expected a whole number of milliseconds above 0');

const timeoutMs = (what: string) =>
  z.coerce
    .number({ error: `expected a whole number of milliseconds (0 turns the ${what} off)` })
    .int(`expected a whole number of milliseconds (0 turns the ${what} off)`)
    .min(0, `expected a whole number of milliseconds (0 turns the ${what} off)`)
    .max(3_600_000, 'expected at most 3600000 (an hour)');

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().optional(),
    PORT: z.coerce
      .number({ error: portNumber })
      .int(portNumber)
      .min(0, portNumber)
      .max(65535, portNumber)
      .default(3000),
    HOST: z.string().min(1).default('localhost'),
    TRUST_PROXY: trustProxy.default(false),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    STORAGE_DIR: z.string().min(1).default('./data/files'),
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool.default(false),
    MEDIA_URL_SECRET: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
    ),
    CALENDAR_FEED_SECRET: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
    ),
    MEDIA_URL_TTL_SECONDS: z.coerce
      .number({ error: mediaTtl })
      .int(mediaTtl)
      .min(60, mediaTtl)
      .max(604_800, mediaTtl)
      .default(3600),
    SHOWROOM_TZ: timeZone.default('UTC'),
    CORS_ORIGINS: origins.default([]),
    BODY_LIMIT_BYTES: positiveInt.default(1 * MiB),
    UPLOAD_MAX_BYTES: positiveInt.default(10 * MiB),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SEED_DEMO_DATA: bool.optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'expected an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().trim().min(3).default('carhub <no-reply@localhost>'),
    PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
    REQUIRE_TERMS: bool.default(false),
    DB_STATEMENT_TIMEOUT_MS: timeoutMs('statement timeout').default(15_000),
    DB_LOCK_TIMEOUT_MS: timeoutMs('lock timeout').default(5_000),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: timeoutMs('idle-in-transaction timeout').default(30_000),
    DB_CONNECT_TIMEOUT_MS: timeoutMs('connect timeout').default(5_000),
    API_RATE_LIMIT_PER_MINUTE: z.coerce
      .number({ error: 'expected a whole number of calls per minute (0 turns the limit off)' })
      .int('expected a whole number of calls per minute (0 turns the limit off)')
      .min(0, 'expected a whole number of calls per minute (0 turns the limit off)')
      .default(1200),
    WORKER_MODE: z.enum(['inline', 'off']).default('inline'),
    OUTBOX_POLL_MS: milliseconds.default(1000),
    OUTBOX_RETENTION_DAYS: z.coerce
      .number({ error: 'expected a whole number of days from 1 to 3650' })
      .int('expected a whole number of days from 1 to 3650')
      .min(1, 'expected a whole number of days from 1 to 3650')
      .max(3650, 'expected a whole number of days from 1 to 3650')
      .default(30),
    PRUNE_INTERVAL_MS: milliseconds.default(3_600_000),
    WEBHOOK_TIMEOUT_MS: milliseconds.default(10_000),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.optional(),
    DEFAULT_COMMISSION_RATE: z
      .string()
      .transform((v, ctx) => {
        // The rule every stored rate follows (a decimal string, never a float).
        const rate = normalizeCommissionRate(v);
        if (rate === null) ctx.addIssue({ code: 'custom', message: percent });
        return rate ?? z.NEVER;
      })
      .default('5.00'),
    API_KEY_RATE_LIMIT: z.coerce
      .number({ error: 'expected a whole number of requests a minute' })
      .int('expected a whole number of requests a minute')
      .positive('expected a whole number of requests a minute above 0')
      .default(600),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when STORAGE_DRIVER=s3' });
    }
    // A generated secret changes at every restart and differs between instances, breaking every URL handed out.
    if (env.NODE_ENV === 'production' && env.STORAGE_DRIVER === 'local' && !env.MEDIA_URL_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_URL_SECRET'],
        message: 'required in production with STORAGE_DRIVER=local (at least 32 random characters)',
      });
    }
  });

export type Env = z.infer<typeof configSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  databaseUrl: string | undefined;
  /** PostgreSQL session and connect timeouts (ms, 0 = off); the embedded engine ignores them. */
  databaseTimeouts: DatabaseTimeouts;
  port: number;
  host: string;
  trustProxy: boolean | number | string[];
  /** Photo storage; the local driver's URLs are signed with MEDIA_URL_SECRET. */
  storage: StorageConfig;
  showroomTimeZone: string;
  /** Key calendar-feed URLs are derived from (CALENDAR_FEED_SECRET, else MEDIA_URL_SECRET). */
  calendarFeedKey: string;
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** Calls per client address per minute over /trpc and /api (a batch counts its calls); 0 = no limit. */
  apiRateLimitPerMinute: number;
  uploadMaxBytes: number;
  logLevel: Env['LOG_LEVEL'];
  /** Load demo data into a brand-new embedded database (default on for the embedded engine). */
  seedDemoData: boolean | undefined;
  /** Things worth a warning once the logger exists (main.ts logs them). */
  warnings: string[];
  /** auth.register requires acceptTerms: true. */
  requireTerms: boolean;
  /** Commission (percent, "5.00") of staff created without a rate. */
  defaultCommissionRate: string;
  /** Requests one API key may make a minute, counted across every instance. */
  apiKeyRateLimit: number;
  notifications: {
    /** `inline`: the server runs the outbox worker; `off`: `pnpm cli worker` does, as its own process. */
    workerMode: 'inline' | 'off';
    pollIntervalMs: number;
    /** Finished outbox events and webhook attempts are kept this long, then pruned. */
    retentionDays: number;
    /** How often the worker prunes what has expired. */
    pruneIntervalMs: number;
    /** Without it e-mail goes to the log (whole messages in development only). */
    smtpUrl: string | undefined;
    mailFrom: string;
    /** Links the server hands out (e-mails, calendar feeds) start here: PUBLIC_URL, else the listening address. */
    publicUrl: string;
    webhookTimeoutMs: number;
    /** Webhooks to loopback/private addresses (refused in production unless set). */
    webhookAllowPrivateTargets: boolean;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// Their values never appear in an error message (which ends up in logs).
const SECRET_VARIABLES = new Set(['MEDIA_URL_SECRET', 'S3_SECRET_ACCESS_KEY', 'CALENDAR_FEED_SECRET']);

function describe(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? 'configuration');
  const raw = env[name];
  const got =
    raw === undefined || SECRET_VARIABLES.has(name)
      ? ''
      : ` (got ${JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw)})`;
  return `${name}: ${issue.message}${got}`;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '::0', '*']);

/** The address the server listens on, as a URL a browser can open: a wildcard host means this machine. */
export function listenUrl(host: string, port: number): string {
  const name = WILDCARD_HOSTS.has(host)
    ? 'localhost'
    : host.includes(':') && !host.startsWith('[')
      ? `[${host}]`
      : host;
  return `http://${name}:${port}`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describe(issue, env));
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const warnings: string[] = [];
  if (!e.MEDIA_URL_SECRET && e.STORAGE_DRIVER === 'local') {
    warnings.push('MEDIA_URL_SECRET is not set: using a random one, so /media URLs stop working at restart');
  }
  const calendarFeedKey = e.CALENDAR_FEED_SECRET ?? e.MEDIA_URL_SECRET;
  // In production a key that changes at restart changes the URL cars.calendarUrl shows (and
  // asking again then replaces the subscribed one); in development that is harmless.
  if (!calendarFeedKey && e.NODE_ENV === 'production') {
    warnings.push(
      'CALENDAR_FEED_SECRET is not set: using a random one, so cars.calendarUrl shows new URLs after a restart',
    );
  }
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseTimeouts: {
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockMs: e.DB_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
    },
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    storage:
      e.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            bucket: e.S3_BUCKET ?? '',
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            urlTtlSeconds: e.MEDIA_URL_TTL_SECONDS,
          }
        : {
            driver: 'local',
            dir: e.STORAGE_DIR,
            urlSecret: e.MEDIA_URL_SECRET ?? randomBytes(32).toString('base64url'),
            urlTtlSeconds: e.MEDIA_URL_TTL_SECONDS,
          },
    showroomTimeZone: e.SHOWROOM_TZ,
    calendarFeedKey: calendarFeedKey ?? randomBytes(32).toString('base64url'),
    corsOrigins: e.CORS_ORIGINS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    logLevel: e.LOG_LEVEL,
    seedDemoData: e.SEED_DEMO_DATA,
    warnings,
    requireTerms: e.REQUIRE_TERMS,
    defaultCommissionRate: e.DEFAULT_COMMISSION_RATE,
    apiKeyRateLimit: e.API_KEY_RATE_LIMIT,
    notifications: {
      workerMode: e.WORKER_MODE,
      pollIntervalMs: e.OUTBOX_POLL_MS,
      retentionDays: e.OUTBOX_RETENTION_DAYS,
      pruneIntervalMs: e.PRUNE_INTERVAL_MS,
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      publicUrl: e.PUBLIC_URL ?? listenUrl(e.HOST, e.PORT),
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
      webhookAllowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? e.NODE_ENV !== 'production',
    },
  };
}

/** A config for tests and scripts: the defaults, with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), ...overrides };
}
