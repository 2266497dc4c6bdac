import path from 'node:path';
import { z } from 'zod';
import type { S3Settings } from './platform/files/blobs.js';

/** Settings of one server process, read from the environment and command-line flags. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** `undefined`: run the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * The schema owner's URL (migrations, the job queue's schema, backups) when `databaseUrl` is
   * the restricted application role `liaison_app`; unset: `databaseUrl` does everything.
   */
  databaseOwnerUrl: string | undefined;
  /**
   * A read-only copy of the database (a streaming replica) for the statistics' reads; unset: the
   * primary serves them. Its figures may trail the primary by the replica's lag.
   */
  readDatabaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `pretty`: one readable line per request on a terminal (development); `json`: JSON lines (production). Unset: JSON. */
  logFormat?: 'pretty' | 'json';
  /** Load the demo district into an empty database and print its accounts. */
  demo: boolean;
  /** Master secret (≥ 32 chars); keys for the audit chain and cookies derive from it. */
  secret: string | undefined;
  session: { idleMinutes: number; absoluteHours: number; cache: boolean };
  /** Consecutive failures before a lock: per username, and per client address. */
  lockout: { maxFailures: number; ipMaxFailures: number; minutes: number };
  trustProxy: boolean;
  bodyLimitBytes: number;
  docs: boolean;
  /** Address the public reaches this server at (links in messages), without a trailing slash. */
  publicUrl: string;
  /** Run the job workers (pg-boss: notifications …) in this process. */
  jobs: { run: boolean; pollSeconds: number };
  /**
   * Prometheus metrics at `/metrics` on a port of their own (never on the public port); off
   * without a port. `token`: required as `Authorization: Bearer …` when set (and when `host` is
   * not a loopback address).
   */
  metrics: { port: number | undefined; host: string; token: string | undefined };
  notify: NotifySettings;
  /**
   * Uploaded files in an S3-compatible bucket (Aliyun OSS, Tencent COS, MinIO …), so that every
   * node serves every upload; unset: the files stay under `<dataDir>/files` (one server).
   */
  s3: S3Settings | undefined;
  /**
   * Limits of the public portal, per client address; `powMaxNumber`: the proof-of-work's search
   * space (SHA-256 tries up to it, half on average).
   */
  portal: {
    submitPerHour: number;
    submitPerDay: number;
    followPerHour: number;
    powMaxNumber: number;
    /** Requests per minute one client address may make to the anonymous routes, all together. */
    publicPerMinute: number;
    /** Anonymous requests one client address may have in progress at once (in each process). */
    publicConcurrent: number;
  };
  /**
   * The closed loop of opinions: `ratingWaitDays` working days after the feedback the constituent
   * may still rate; only then may staff close an unrated opinion (as 未评价).
   */
  opinions: { ratingWaitDays: number };
}

/** Channels, retries, quiet hours and one-time-code limits of the notifications. */
export interface NotifySettings {
  sms: {
    provider: 'console' | 'aliyun' | 'tencent' | 'gov';
    /** The provider-approved signature (签名), e.g. 北仑区人大. */
    signName: string | undefined;
    /** Provider template id (模板 ID) per message type. */
    templates: Record<string, string>;
    keyId: string | undefined;
    keySecret: string | undefined;
    /** Tencent SmsSdkAppId; for the government platform, its application id. */
    appId: string | undefined;
    region: string | undefined;
    /** Another address for the provider's API (a private gateway; the fakes in tests). */
    endpoint: string | undefined;
    aliyunSignature: 'v1' | 'v3';
    /** The government SMS platform's request, as a JSON template (see notify/channels/gov-sms.ts). */
    govTemplate: string | undefined;
  };
  email: { provider: 'console' | 'smtp'; smtpUrl: string | undefined; from: string };
  maxAttempts: number;
  retrySeconds: number;
  /** Non-urgent SMS wait outside these minutes of the day (Beijing time); null: no quiet hours. */
  quietHours: { start: number; end: number } | null;
  otp: { dailyPerPhone: number; dailyPerIp: number };
}

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** Addresses only this machine reaches. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
/** A smaller proof-of-work lets a script flood the portal's form almost for free. */
const POW_MIN_IN_PRODUCTION = 10_000;

/** Each setting: its environment variable, its flag, its schema, its default. */
const settings = {
  env: { env: 'NODE_ENV', flag: 'env', schema: z.enum(['development', 'production', 'test']), def: 'development' },
  host: { env: 'HOST', flag: 'host', schema: z.string().min(1), def: '127.0.0.1' },
  port: { env: 'PORT', flag: 'port', schema: int(0, 65535), def: '3000' },
  databaseUrl: {
    env: 'DATABASE_URL',
    flag: 'database-url',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    def: undefined,
  },
  databaseOwnerUrl: {
    env: 'DATABASE_OWNER_URL',
    flag: 'database-owner-url',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    def: undefined,
  },
  readDatabaseUrl: {
    env: 'LIAISON_READ_DATABASE_URL',
    flag: 'read-database-url',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    def: undefined,
  },
  dataDir: { env: 'LIAISON_DATA_DIR', flag: 'data-dir', schema: z.string().min(1), def: './data' },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: 'log-level',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    def: 'info',
  },
  logFormat: {
    env: 'LIAISON_LOG_FORMAT',
    flag: 'log-format',
    schema: z.enum(['pretty', 'json']).optional(),
    def: undefined,
  },
  demo: { env: 'LIAISON_DEMO', flag: 'demo', schema: bool.optional(), def: undefined },
  secret: {
    env: 'LIAISON_SECRET',
    flag: 'secret',
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    def: undefined,
  },
  idleMinutes: {
    env: 'LIAISON_SESSION_IDLE_MINUTES',
    flag: 'session-idle-minutes',
    schema: int(1, 24 * 60),
    def: '30',
  },
  absoluteHours: {
    env: 'LIAISON_SESSION_ABSOLUTE_HOURS',
    flag: 'session-absolute-hours',
    schema: int(1, 24 * 30),
    def: '12',
  },
  sessionCache: { env: 'LIAISON_SESSION_CACHE', flag: 'session-cache', schema: bool, def: 'true' },
  maxFailures: { env: 'LIAISON_LOCKOUT_FAILURES', flag: 'lockout-failures', schema: int(1, 100), def: '5' },
  ipMaxFailures: {
    env: 'LIAISON_LOCKOUT_IP_FAILURES',
    flag: 'lockout-ip-failures',
    schema: int(1, 1000),
    def: '20',
  },
  lockMinutes: { env: 'LIAISON_LOCKOUT_MINUTES', flag: 'lockout-minutes', schema: int(1, 24 * 60), def: '15' },
  trustProxy: { env: 'LIAISON_TRUST_PROXY', flag: 'trust-proxy', schema: bool, def: 'false' },
  bodyLimitKb: { env: 'LIAISON_BODY_LIMIT_KB', flag: 'body-limit-kb', schema: int(1, 100 * 1024), def: '1024' },
  docs: { env: 'LIAISON_API_DOCS', flag: 'api-docs', schema: bool.optional(), def: undefined },
  publicUrl: {
    env: 'LIAISON_PUBLIC_URL',
    flag: 'public-url',
    schema: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'must be an http(s) URL')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    // Unset: this machine on the port it listens on (links in SMS then work on the same machine only).
    def: undefined,
  },
  jobs: { env: 'LIAISON_JOBS', flag: 'jobs', schema: bool, def: 'true' },
  jobsPollSeconds: {
    env: 'LIAISON_JOBS_POLL_SECONDS',
    flag: 'jobs-poll-seconds',
    schema: z.coerce.number().min(0.5).max(60),
    def: '2',
  },
  metricsPort: { env: 'LIAISON_METRICS_PORT', flag: 'metrics-port', schema: int(0, 65535).optional(), def: undefined },
  metricsHost: { env: 'LIAISON_METRICS_HOST', flag: 'metrics-host', schema: z.string().min(1), def: '127.0.0.1' },
  metricsToken: {
    env: 'LIAISON_METRICS_TOKEN',
    flag: 'metrics-token',
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    def: undefined,
  },
  smsProvider: {
    env: 'LIAISON_SMS_PROVIDER',
    flag: 'sms-provider',
    schema: z.enum(['console', 'aliyun', 'tencent', 'gov']),
    def: 'console',
  },
  smsSignName: {
    env: 'LIAISON_SMS_SIGN_NAME',
    flag: 'sms-sign-name',
    schema: z.string().max(30).optional(),
    def: undefined,
  },
  smsTemplates: {
    env: 'LIAISON_SMS_TEMPLATES',
    flag: 'sms-templates',
    schema: z
      .string()
      .regex(/^\s*[a-z][\w.]*=[\w-]+\s*(,\s*[a-z][\w.]*=[\w-]+\s*)*$/, 'expected type=templateId,type=templateId')
      .optional(),
    def: undefined,
  },
  smsKeyId: { env: 'LIAISON_SMS_KEY_ID', flag: 'sms-key-id', schema: z.string().optional(), def: undefined },
  smsKeySecret: {
    env: 'LIAISON_SMS_KEY_SECRET',
    flag: 'sms-key-secret',
    schema: z.string().optional(),
    def: undefined,
  },
  smsAppId: { env: 'LIAISON_SMS_APP_ID', flag: 'sms-app-id', schema: z.string().optional(), def: undefined },
  smsRegion: { env: 'LIAISON_SMS_REGION', flag: 'sms-region', schema: z.string().optional(), def: undefined },
  smsEndpoint: {
    env: 'LIAISON_SMS_ENDPOINT',
    flag: 'sms-endpoint',
    schema: z.url('must be a URL').optional(),
    def: undefined,
  },
  smsAliyunSignature: {
    env: 'LIAISON_SMS_ALIYUN_SIGNATURE',
    flag: 'sms-aliyun-signature',
    schema: z.enum(['v1', 'v3']),
    def: 'v3',
  },
  smsGovTemplate: {
    env: 'LIAISON_SMS_GOV_TEMPLATE',
    flag: 'sms-gov-template',
    schema: z.string().optional(),
    def: undefined,
  },
  emailProvider: {
    env: 'LIAISON_EMAIL_PROVIDER',
    flag: 'email-provider',
    schema: z.enum(['console', 'smtp']),
    def: 'console',
  },
  smtpUrl: {
    env: 'LIAISON_SMTP_URL',
    flag: 'smtp-url',
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    def: undefined,
  },
  emailFrom: {
    env: 'LIAISON_EMAIL_FROM',
    flag: 'email-from',
    schema: z.string().min(3),
    def: 'Liaison <noreply@localhost>',
  },
  notifyMaxAttempts: { env: 'LIAISON_NOTIFY_MAX_ATTEMPTS', flag: 'notify-max-attempts', schema: int(1, 20), def: '6' },
  notifyRetrySeconds: {
    env: 'LIAISON_NOTIFY_RETRY_SECONDS',
    flag: 'notify-retry-seconds',
    schema: int(1, 3600),
    def: '30',
  },
  notifyQuietHours: {
    env: 'LIAISON_NOTIFY_QUIET_HOURS',
    flag: 'notify-quiet-hours',
    schema: z
      .string()
      .regex(/^(off|([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9])$/, 'expected HH:MM-HH:MM or off'),
    def: '21:00-08:00',
  },
  otpDailyPhone: { env: 'LIAISON_OTP_DAILY_PHONE', flag: 'otp-daily-phone', schema: int(1, 100), def: '10' },
  otpDailyIp: { env: 'LIAISON_OTP_DAILY_IP', flag: 'otp-daily-ip', schema: int(1, 100_000), def: '50' },
  portalSubmitHour: {
    env: 'LIAISON_PORTAL_SUBMIT_HOUR',
    flag: 'portal-submit-hour',
    schema: int(1, 100_000),
    def: '10',
  },
  portalSubmitDay: {
    env: 'LIAISON_PORTAL_SUBMIT_DAY',
    flag: 'portal-submit-day',
    schema: int(1, 1_000_000),
    def: '30',
  },
  publicPerMinute: {
    env: 'LIAISON_PUBLIC_PER_MINUTE',
    flag: 'public-per-minute',
    schema: int(1, 10_000_000),
    def: '300',
  },
  publicConcurrent: {
    env: 'LIAISON_PUBLIC_CONCURRENT',
    flag: 'public-concurrent',
    schema: int(1, 10_000),
    def: '24',
  },
  portalFollowHour: {
    env: 'LIAISON_PORTAL_FOLLOW_HOUR',
    flag: 'portal-follow-hour',
    schema: int(1, 100_000),
    def: '60',
  },
  s3Url: {
    env: 'LIAISON_S3_URL',
    flag: 's3-url',
    schema: z.url('must be a URL').optional(),
    def: undefined,
  },
  s3Bucket: { env: 'LIAISON_S3_BUCKET', flag: 's3-bucket', schema: z.string().min(3).optional(), def: undefined },
  s3AccessKey: { env: 'LIAISON_S3_ACCESS_KEY', flag: 's3-access-key', schema: z.string().optional(), def: undefined },
  s3SecretKey: { env: 'LIAISON_S3_SECRET_KEY', flag: 's3-secret-key', schema: z.string().optional(), def: undefined },
  s3Region: { env: 'LIAISON_S3_REGION', flag: 's3-region', schema: z.string().min(1), def: 'us-east-1' },
  powMaxNumber: {
    env: 'LIAISON_POW_MAX_NUMBER',
    flag: 'pow-max-number',
    schema: int(10, 1_000_000),
    // About a second of a phone's work; tests set it small and still solve real puzzles.
    def: '50000',
  },
  opinionRatingWaitDays: {
    env: 'LIAISON_OPINION_RATING_WAIT_DAYS',
    flag: 'opinion-rating-wait-days',
    schema: int(0, 30),
    def: '5',
  },
} as const;

type Key = keyof typeof settings;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration 配置有误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const booleanFlags = new Set(['demo', 'help', 'trust-proxy', 'api-docs']);

/**
 * Splits a command line into positional words and flags (`--name value`, `--name=value`; the
 * boolean flags `--demo`, `--help`, `--trust-proxy`, `--api-docs` take no value).
 */
export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string> } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (booleanFlags.has(arg.slice(2))) flags[arg.slice(2)] = 'true';
    else flags[arg.slice(2)] = argv[++i] ?? '';
  }
  return { positional, flags };
}

/** Builds the config from environment and flags; throws ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: Record<string, string> = {}): Config {
  const known = new Set<string>(Object.values(settings).map((s) => s.flag));
  const problems: string[] = [];
  for (const name of Object.keys(flags)) {
    if (!known.has(name) && !['workers', 'help', 'root', 'file', 'year', 'since'].includes(name))
      problems.push(`--${name}: unknown flag 未知参数`);
  }
  const values: Partial<Record<Key, unknown>> = {};
  for (const [key, s] of Object.entries(settings) as [Key, (typeof settings)[Key]][]) {
    const fromFlag = flags[s.flag];
    const fromEnv = env[s.env];
    const raw = fromFlag ?? (fromEnv === '' ? undefined : fromEnv) ?? s.def;
    const source = fromFlag !== undefined ? `--${s.flag}` : s.env;
    const parsed = (s.schema as z.ZodType).safeParse(raw);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(`${source}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(problems);
  const v = values as Record<Key, never>;
  const envName = v.env as Config['env'];
  if (v.metricsPort !== undefined && !v.metricsToken && !LOOPBACK.test(v.metricsHost))
    throw new ConfigError([
      `LIAISON_METRICS_HOST=${v.metricsHost as string}: not a loopback address, so LIAISON_METRICS_TOKEN is required (指标端口对外时必须设置令牌)`,
    ]);
  if (v.s3Url !== undefined)
    for (const [key, name] of [
      ['s3Bucket', 'LIAISON_S3_BUCKET'],
      ['s3AccessKey', 'LIAISON_S3_ACCESS_KEY'],
      ['s3SecretKey', 'LIAISON_S3_SECRET_KEY'],
    ] as const)
      if (!v[key]) problems.push(`${name}: required with LIAISON_S3_URL (使用对象存储时必填)`);
  if (problems.length) throw new ConfigError(problems);
  if (envName === 'production') {
    if (!v.secret) problems.push('LIAISON_SECRET: required in production (至少 32 个字符的随机串)');
    if ((v.powMaxNumber as number) < POW_MIN_IN_PRODUCTION)
      problems.push(
        `LIAISON_POW_MAX_NUMBER=${v.powMaxNumber as number}: at least ${POW_MIN_IN_PRODUCTION} in production (人机验证过弱)`,
      );
    if (problems.length) throw new ConfigError(problems);
  }
  return {
    env: envName,
    host: v.host,
    port: v.port,
    databaseUrl: v.databaseUrl,
    databaseOwnerUrl: v.databaseOwnerUrl,
    readDatabaseUrl: v.readDatabaseUrl,
    dataDir: path.resolve(v.dataDir as string),
    logLevel: v.logLevel,
    logFormat: (v.logFormat as Config['logFormat']) ?? (envName === 'production' ? 'json' : 'pretty'),
    demo: (v.demo as boolean | undefined) ?? (envName !== 'production' && !v.databaseUrl),
    secret: v.secret,
    session: { idleMinutes: v.idleMinutes, absoluteHours: v.absoluteHours, cache: v.sessionCache as boolean },
    lockout: { maxFailures: v.maxFailures, ipMaxFailures: v.ipMaxFailures, minutes: v.lockMinutes },
    trustProxy: v.trustProxy,
    bodyLimitBytes: (v.bodyLimitKb as number) * 1024,
    docs: (v.docs as boolean | undefined) ?? envName !== 'production',
    publicUrl: (v.publicUrl as string | undefined) ?? `http://localhost:${v.port as number}`,
    jobs: { run: v.jobs, pollSeconds: v.jobsPollSeconds },
    metrics: { port: v.metricsPort, host: v.metricsHost, token: v.metricsToken },
    notify: {
      sms: {
        provider: v.smsProvider,
        signName: v.smsSignName,
        templates: parsePairs(v.smsTemplates),
        keyId: v.smsKeyId,
        keySecret: v.smsKeySecret,
        appId: v.smsAppId,
        region: v.smsRegion,
        endpoint: v.smsEndpoint,
        aliyunSignature: v.smsAliyunSignature,
        govTemplate: v.smsGovTemplate,
      },
      email: { provider: v.emailProvider, smtpUrl: v.smtpUrl, from: v.emailFrom },
      maxAttempts: v.notifyMaxAttempts,
      retrySeconds: v.notifyRetrySeconds,
      quietHours: parseQuietHours(v.notifyQuietHours),
      otp: { dailyPerPhone: v.otpDailyPhone, dailyPerIp: v.otpDailyIp },
    },
    s3:
      v.s3Url === undefined
        ? undefined
        : { url: v.s3Url, bucket: v.s3Bucket, accessKey: v.s3AccessKey, secretKey: v.s3SecretKey, region: v.s3Region },
    portal: {
      submitPerHour: v.portalSubmitHour,
      submitPerDay: v.portalSubmitDay,
      followPerHour: v.portalFollowHour,
      powMaxNumber: v.powMaxNumber,
      publicPerMinute: v.publicPerMinute,
      publicConcurrent: v.publicConcurrent,
    },
    opinions: { ratingWaitDays: v.opinionRatingWaitDays },
  };
}

/** `a=1, b=2` → { a: '1', b: '2' }. */
function parsePairs(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const [k, val] = pair.split('=').map((x) => x.trim());
    if (k && val) out[k] = val;
  }
  return out;
}

/** `21:00-08:00` → minutes of the day; `off` → null. */
function parseQuietHours(text: string): { start: number; end: number } | null {
  if (text === 'off') return null;
  const [start, end] = text.split('-').map((t) => {
    const [h, m] = t.split(':').map(Number);
    return h! * 60 + m!;
  });
  return start === end ? null : { start: start!, end: end! };
}

/** The table in README.md is written from this list. */
export const settingsTable = Object.values(settings).map((s) => ({ env: s.env, flag: `--${s.flag}`, def: s.def }));
