import { z } from "zod";
import { parseTrustedProxies } from "@/lib/runtime/front-door.mjs";

/** Unset and empty mean the same: the default. */
const blank = (v: unknown) => (v === "" ? undefined : v);
const wholeNumber = (name: string, min: number, max: number, unit: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `${name} must be a whole number of ${unit}` })
      .int(`${name} must be a whole number of ${unit}`)
      .min(min, `${name} must be at least ${min}`)
      .max(max, `${name} must be at most ${max}`)
      .optional(),
  );

/** Minutes without activity after which a sign-in session is refused (SESSION_IDLE_MINUTES). */
export const DEFAULT_SESSION_IDLE_MINUTES = 120;

/**
 * Environment variables, validated once. Every variable the app, the database layer and the
 * npm scripts read is listed here (and in the README's table) so an operator sees exactly
 * what is wrong at start-up; `tests/integration/env-reads.test.ts` fails on a raw
 * `process.env` read anywhere else.
 */
const EnvSchema = z.object({
  DATABASE_PATH: z.preprocess(blank, z.string().default("./data/binomio.db")),
  /**
   * PostgreSQL instead of the SQLite file (`postgres://user:pass@host:5432/binomio`): the server,
   * the scripts and `db:backup` then use it and ignore DATABASE_PATH (README "PostgreSQL").
   */
  DATABASE_URL: z.preprocess(
    blank,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, "DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:5432/database")
      .optional(),
  ),
  /** Connections each app process keeps to PostgreSQL at most (DATABASE_URL); several processes share the server's max_connections. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  AUTH_URL: z.url().optional(),
  /** Key for the SSO client secrets stored in the database (AES-256-GCM, derived with HKDF); unset: derived from AUTH_SECRET. */
  SSO_SECRET_KEY: z.preprocess(blank, z.string().min(32, "SSO_SECRET_KEY must be at least 32 characters").optional()),
  /** Public origin printed in certificate QR codes (defaults to AUTH_URL). */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Funded-training references printed on registers and certificates (piano, Avviso, protocollo). */
  FUNDING_PLAN: z.string().trim().max(300, "FUNDING_PLAN must be at most 300 characters").optional(),
  FUNDING_AVVISO: z.string().trim().max(300, "FUNDING_AVVISO must be at most 300 characters").optional(),
  FUNDING_PROTOCOL: z.string().trim().max(300, "FUNDING_PROTOCOL must be at most 300 characters").optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an e-mail address").optional(),
  /** SMTP server for outgoing mail (`smtp://user:pass@host:587`, `smtps://…:465`); unset: mail stays in the outbox. */
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
      .optional(),
  ),
  /** Sender of every mail, `Name <address>`. */
  MAIL_FROM: z.string().min(3).default("Binomio <no-reply@binomio.local>"),
  /** Reminders: a "due soon" mail this many days before an enrolment's due date. */
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(365).default(7),
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDR ranges,
   * comma-separated). Unset: nobody's; the socket's address is the client's.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((raw, ctx) => {
      try {
        parseTrustedProxies(raw);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message.replace(/^TRUSTED_PROXIES: /, "") });
      }
    }),
  /** The content folder (courses, lessons, quizzes, texts); the test suites point it at a fixture copy. */
  CONTENT_DIR: z.preprocess(blank, z.string().optional()),
  /** Disk cache of compiled lessons (default `.next/cache/binomio-mdx`). */
  MDX_CACHE_DIR: z.preprocess(blank, z.string().optional()),
  /**
   * Minutes without activity after which a session is refused. At least 5: heartbeats and
   * page views refresh a session at most once a minute.
   */
  SESSION_IDLE_MINUTES: z.preprocess(
    blank,
    z.coerce
      .number({ error: "SESSION_IDLE_MINUTES must be a whole number of minutes" })
      .int("SESSION_IDLE_MINUTES must be a whole number of minutes")
      .min(5, "SESSION_IDLE_MINUTES must be at least 5 (heartbeats and page views refresh a session at most once a minute)")
      .max(60 * 24 * 30, "SESSION_IDLE_MINUTES must be at most 43200 (30 days)")
      .default(DEFAULT_SESSION_IDLE_MINUTES),
  ),
  /** `db:backup`: the folder backups go to (a command-line argument wins); default `./data/backups`. */
  BACKUP_DIR: z.preprocess(blank, z.string().optional()),
  /** `db:backup`: how many backups to keep, newest first; default 14. */
  BACKUP_KEEP: wholeNumber("BACKUP_KEEP", 1, 100_000, "backups"),
  /** `db:retention`: keep beat-by-beat heartbeat detail this many days; default 400. */
  HEARTBEAT_RETENTION_DAYS: z.preprocess(blank, wholeNumber("HEARTBEAT_RETENTION_DAYS", 1, 100_000, "days").default(400)),
  /** On SIGTERM, how long requests in flight may run before the server closes anyway; default 8. */
  SHUTDOWN_TIMEOUT_SECONDS: z.preprocess(blank, wholeNumber("SHUTDOWN_TIMEOUT_SECONDS", 1, 3600, "seconds").default(8)),
  /** `1` enables the benchmark's routes (`/api/bench/*`); set only by `npm run bench`. */
  BINOMIO_BENCH: z.preprocess(blank, z.enum(["0", "1"], { error: "BINOMIO_BENCH must be 1 (benchmark routes on) or unset" }).optional()),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof EnvSchema>;

const NAMES = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

let cached: { key: string; env: Env } | undefined;

/**
 * Parsed environment; throws a readable message listing every invalid variable. Parsed once
 * per distinct set of values (the launchers and the tests set variables after start), which
 * costs one lookup per variable on later calls.
 */
export function env(): Env {
  const key = NAMES.map((n) => process.env[n] ?? "\u0000").join("\u0001");
  if (cached?.key === key) return cached.env;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    // Each message names its variable; values are not echoed (AUTH_SECRET, SMTP_URL hold secrets).
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join(".");
      return i.message.startsWith(name) ? i.message : `${name}: ${i.message}`;
    });
    throw new Error(`Invalid environment: ${lines.join("; ")}`);
  }
  cached = { key, env: parsed.data };
  return cached.env;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
