import { z } from "zod";
import { parseTrustedProxies } from "@/lib/runtime/front-door.mjs";

/**
 * Environment variables, validated once. Every variable the app reads is listed here
 * (and in the README's table) so an operator sees exactly what is missing at start-up.
 */
const EnvSchema = z.object({
  DATABASE_PATH: z.string().min(1).default("./data/binomio.db"),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  AUTH_URL: z.url().optional(),
  /** Public origin printed in certificate QR codes (defaults to AUTH_URL). */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Funded-training references printed on registers and certificates (piano, Avviso, protocollo). */
  FUNDING_PLAN: z.string().max(200).optional(),
  FUNDING_AVVISO: z.string().max(200).optional(),
  FUNDING_PROTOCOL: z.string().max(200).optional(),
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
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parsed environment; throws a readable message listing every invalid variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
