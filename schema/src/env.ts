/**
 * The one place that reads process.env (docs/operations.md#configuration). Every process
 * calls `loadEnv()` once at start; invalid values fail with one readable error
 * that lists every bad variable.
 */
import { z } from 'zod';
import { PlatformError } from './errors.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const API_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

const apiKeys = z
  .string()
  .transform((raw, ctx) => {
    const keys = new Map<string, ApiRole>();
    for (const entry of raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const idx = entry.lastIndexOf(':');
      const key = idx > 0 ? entry.slice(0, idx) : '';
      const role = idx > 0 ? entry.slice(idx + 1) : '';
      if (!key || !(API_ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({
          code: 'custom',
          message: `each entry must be key:role with role one of ${API_ROLES.join(', ')} (got an entry with role "${role}")`,
        });
        return z.NEVER;
      }
      keys.set(key, role as ApiRole);
    }
    return keys;
  })
  .optional();

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  CLICKHOUSE_URL: z.url({ message: 'must be a URL such as http://localhost:8123' }).optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, underscore)')
    .default('default'),
  /** Cluster name (remote_servers) to render migrations for the cluster profile; unset on one node. */
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .optional(),
  CHDB_PATH: z.string().min(1).default('./data/chdb'),
  PII_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  REPORT_TZ: z
    .string()
    .default('UTC')
    .refine(isValidTimeZone, 'must be an IANA time zone such as UTC or Asia/Shanghai'),
  PORT: intFrom(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  API_KEYS: apiKeys,
  INBOX_DIR: z.string().min(1).optional(),
  /** How long a load, rebuild or maintain waits while another holds the database (seconds; CLI --wait). */
  ETL_WAIT_SECONDS: intFrom(0, 86_400).default(300),
  PROMISE_GRACE_DAYS: intFrom(0, 365).default(3),
  COMPLIANCE_START_HOUR: intFrom(0, 23).default(8),
  COMPLIANCE_END_HOUR: intFrom(1, 24).default(22),
  COMPLIANCE_MAX_PER_DAY: intFrom(1, 1000).default(6),
  COMPLIANCE_MAX_PER_7D: intFrom(1, 1000).default(7),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // API admission limits and small-cell suppression (docs/api.md "Limits", "Small cells").
  MAX_QUERY_ALIASES: intFrom(1, 10_000).default(20),
  MAX_QUERY_DEPTH: intFrom(2, 100).default(6),
  MAX_QUERY_TOKENS: intFrom(100, 1_000_000).default(2000),
  MAX_QUERY_COST: intFrom(1, 100_000_000).default(250),
  MAX_RESPONSE_BYTES: intFrom(10_000, 1_000_000_000).default(5_000_000),
  /** GET /cases.csv: a list of more cases is refused with 413 before any row is read. */
  CSV_MAX_ROWS: intFrom(1, 100_000_000).default(1_000_000),
  /** GET /cases.csv: estimated cost (the `cases` field's, for all its rows) over which it is refused. */
  CSV_MAX_COST: intFrom(1, 100_000_000).default(6000),
  /** Groups of fewer cases are merged for the viewer role (1 = no suppression). */
  SMALL_CELL_MIN_CASES: intFrom(1, 1000).default(5),
  /** ISO 4217 code of every amount (docs/etl.md: one currency per deployment); labels only, never converted. */
  CURRENCY: z
    .string()
    .default('CNY')
    .refine(
      (code) => /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code),
      'must be an ISO 4217 currency code in capitals, such as CNY, USD or EUR',
    ),
  /** Chromium that prints GET /report.pdf (playwright-core drives it headless). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** How long GET /report.pdf waits for the report page's data before it answers 504 (seconds). */
  REPORT_PDF_TIMEOUT_SECONDS: intFrom(5, 600).default(60),
  // Serving (docs/operations.md): answer cache, query limits, fair scheduler, health.
  /** Bytes of resolved answers kept until the data changes (MB). 0 turns the cache off. */
  ANSWER_CACHE_MB: intFrom(0, 65536).default(256),
  /** With a server, how often the load ledger is polled for a new committed load (seconds). */
  DATA_VERSION_POLL_SECONDS: intFrom(1, 3600).default(5),
  /** max_execution_time of every API query (seconds). */
  QUERY_MAX_SECONDS: intFrom(1, 3600).default(30),
  /** max_memory_usage of every API query (MB). */
  QUERY_MAX_MEMORY_MB: intFrom(16, 1_048_576).default(1024),
  /** Nice increment (os_thread_priority over the process's nice) of API query threads: the event loop keeps the CPU for cached answers. */
  QUERY_THREAD_PRIORITY: intFrom(0, 19).default(10),
  /** Queries run at once: embedded read connections (default 2) or server slots (default 4). */
  QUERY_CONCURRENCY: intFrom(1, 256).optional(),
  /** Queries waiting in the scheduler before new ones are refused with 503. */
  QUERY_QUEUE_MAX: intFrom(1, 1_000_000).default(2000),
  /** Queries one caller (API key) may have waiting before its new ones are refused with 429. */
  QUERY_QUEUE_MAX_PER_CALLER: intFrom(1, 1_000_000).default(500),
  /** A query that waited this long without starting is refused with 503 (seconds). */
  QUERY_QUEUE_MAX_WAIT_SECONDS: intFrom(1, 3600).default(20),
  /** /healthz says degraded (503) when the oldest queued query waited longer (seconds). */
  HEALTH_MAX_QUEUE_WAIT_SECONDS: intFrom(1, 3600).default(5),
});

export type Env = z.infer<typeof schema> & {
  /** True when HOST is a loopback address (unauthenticated access is allowed only then). */
  readonly hostIsLoopback: boolean;
};

/** Validate an environment (default: the process's). Throws PlatformError CONFIG_INVALID. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "not set", as shells and compose files often pass them.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new PlatformError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, hostIsLoopback: LOOPBACK_HOSTS.has(parsed.data.HOST) };
}
