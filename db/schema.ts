import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Timestamps are UTC Unix seconds (`mode: "timestamp"`): funded-training registers need
 * times to the second, and integers sort and compare cheaply in reports.
 */
const createdAt = () =>
  integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`);

export const ROLES = ["learner", "trainer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["it", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** One company per installation for now; kept as a table so reports can join on it. */
export const companies = sqliteTable("companies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  taxCode: text("tax_code"),
  inpsNumber: text("inps_number"),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id").references(() => companies.id),
    /** Always stored lower-cased and trimmed; the unique index relies on it. */
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    fiscalCode: text("fiscal_code"),
    department: text("department"),
    qualification: text("qualification"),
    contractType: text("contract_type"),
    locale: text("locale", { enum: LOCALES }).notNull().default("it"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    deactivatedAt: integer("deactivated_at", { mode: "timestamp" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp" })
      .notNull()
      .default(sql`(unixepoch())`),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_last_name_idx").on(t.lastName, t.firstName)],
);

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/**
 * One row per sign-in: the access log funded training asks for. The JWT carries this id,
 * so ending the row (sign-out, deactivation) ends the session on the next request.
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    loginAt: integer("login_at", { mode: "timestamp" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp" }),
    endReason: text("end_reason", { enum: ["sign-out", "deactivated", "expired"] }),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId, t.loginAt)],
);

/** Sign-in attempts, kept in SQLite so the brute-force window survives a restart. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    attemptedAt: integer("attempted_at", { mode: "timestamp" }).notNull(),
    outcome: text("outcome", { enum: ["success", "failure", "blocked"] }).notNull(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.attemptedAt),
    index("login_attempts_ip_idx").on(t.ip, t.attemptedAt),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Company = typeof companies.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;

/**
 * One row per learner × lesson, written by upsert. The content hashes record which version
 * of the lesson file the learner opened and completed, so a report can name the version.
 */
export const lessonProgress = sqliteTable(
  "lesson_progress",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    firstOpenedAt: integer("first_opened_at", { mode: "timestamp" }).notNull(),
    openedContentHash: text("opened_content_hash").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp" }),
    completedContentHash: text("completed_content_hash"),
  },
  (t) => [uniqueIndex("lesson_progress_user_lesson_unique").on(t.userId, t.courseSlug, t.lessonSlug)],
);

export type LessonProgress = typeof lessonProgress.$inferSelect;

/**
 * Append-only audit trail. Each row stores the hash of the previous row, so deleting or
 * editing any row breaks the chain from that point (`npm run audit:verify`). Triggers in the
 * migration refuse UPDATE and DELETE as a second line of defence.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp" }).notNull(),
    type: text("type").notNull(),
    actorUserId: integer("actor_user_id"),
    sessionId: text("session_id"),
    subject: text("subject"),
    /** JSON object with the event's details (canonical key order is applied when hashing). */
    data: text("data").notNull().default("{}"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_type_idx").on(t.type, t.at), index("audit_events_actor_idx").on(t.actorUserId, t.at)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
