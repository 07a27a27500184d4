import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
  /** Place printed on certificates ("Milano, 3 marzo 2027"). */
  city: text("city"),
  /** Responsible person who signs certificates (legal representative or course director). */
  signerName: text("signer_name"),
  signerRole: text("signer_role"),
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
    /**
     * Extra time on timed tests granted by an admin for a learner who needs it (a disability,
     * a language difficulty): a percentage of the test's limit, 0 for none. Changes are audited.
     */
    testTimeExtraPercent: integer("test_time_extra_percent").notNull().default(0),
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
    /** Active lesson time credited during this session (heartbeats), for the access log. */
    activeSeconds: integer("active_seconds").notNull().default(0),
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
    /** Active seconds credited by the server from heartbeats (never from client timestamps). */
    activeSeconds: integer("active_seconds").notNull().default(0),
    lastHeartbeatAt: integer("last_heartbeat_at", { mode: "timestamp" }),
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

/**
 * Every quiz attempt, kept forever. `questions` is what this learner was shown (question
 * ids and option order, drawn at start); grading is against it, never against a fresh draw.
 * A submitted row is frozen by a trigger; rows are never deleted.
 */
export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    quizId: text("quiz_id").notNull(),
    kind: text("kind", { enum: ["lesson-check", "final"] }).notNull(),
    attemptNumber: integer("attempt_number").notNull(),
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    quizContentHash: text("quiz_content_hash").notNull(),
    /** JSON: `{ questionId, optionOrder }[]`. */
    questions: text("questions").notNull(),
    startedAt: integer("started_at", { mode: "timestamp" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp" }),
    submittedAt: integer("submitted_at", { mode: "timestamp" }),
    /** JSON: `{ [questionId]: optionId[] }`. */
    answers: text("answers"),
    scorePercent: real("score_percent"),
    correctCount: integer("correct_count"),
    totalQuestions: integer("total_questions").notNull(),
    passed: integer("passed", { mode: "boolean" }),
    /** JSON: per-question grading, as returned by `gradeAttempt`. */
    results: text("results"),
  },
  (t) => [
    uniqueIndex("quiz_attempts_number_unique").on(t.userId, t.courseSlug, t.quizId, t.attemptNumber),
    index("quiz_attempts_course_idx").on(t.courseSlug, t.kind, t.submittedAt),
  ],
);

export type QuizAttempt = typeof quizAttempts.$inferSelect;

/**
 * Per learner, the server time of the last heartbeat that counted: the clock every new
 * heartbeat is measured against, whatever lesson it comes from (so parallel tabs or a
 * flood cannot multiply credit).
 */
export const learnerClocks = sqliteTable("learner_clocks", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  lastCreditedAtMs: integer("last_credited_at_ms"),
});

/** Heartbeat detail (kept for the retention period, then rolled up by `npm run db:retention`). */
export const heartbeats = sqliteTable(
  "heartbeats",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    receivedAt: integer("received_at", { mode: "timestamp" }).notNull(),
    creditedSeconds: integer("credited_seconds").notNull(),
  },
  (t) => [index("heartbeats_received_idx").on(t.receivedAt), index("heartbeats_user_idx").on(t.userId, t.receivedAt)],
);

/**
 * Written once, in the transaction of the event that completed the course, never updated:
 * what a certificate and a register row are built from.
 */
export const courseCompletions = sqliteTable(
  "course_completions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    courseVersion: text("course_version").notNull(),
    completedAt: integer("completed_at", { mode: "timestamp" }).notNull(),
    activeSeconds: integer("active_seconds").notNull(),
    plannedMinutes: integer("planned_minutes").notNull(),
    attendancePercent: real("attendance_percent").notNull(),
    finalScorePercent: real("final_score_percent"),
    finalAttemptId: integer("final_attempt_id").references(() => quizAttempts.id),
    /** JSON: `{ [lessonSlug]: contentHash }` of the published lessons at completion time. */
    lessonHashes: text("lesson_hashes").notNull(),
  },
  (t) => [uniqueIndex("course_completions_user_course_unique").on(t.userId, t.courseSlug)],
);

/** The privacy notice (informativa) versions each learner acknowledged, and when. */
export const privacyAcknowledgements = sqliteTable(
  "privacy_acknowledgements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    noticeVersion: text("notice_version").notNull(),
    acknowledgedAt: integer("acknowledged_at", { mode: "timestamp" }).notNull(),
    /** SHA-256 of the notice exactly as shown (company details filled in); null before 2026-12. */
    textHash: text("text_hash"),
    locale: text("locale", { enum: LOCALES }),
  },
  (t) => [uniqueIndex("privacy_ack_user_version_unique").on(t.userId, t.noticeVersion)],
);

export type CourseCompletion = typeof courseCompletions.$inferSelect;

/**
 * Certificates (attestati) issued from completion records. `code` is the public, unguessable
 * verification code. Rows are never deleted; the only change allowed is a revocation.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    completionId: integer("completion_id")
      .notNull()
      .references(() => courseCompletions.id),
    issuedAt: integer("issued_at", { mode: "timestamp" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp" }),
    revokedReason: text("revoked_reason"),
    revokedBy: integer("revoked_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_completion_unique").on(t.completionId),
    index("certificates_course_idx").on(t.courseSlug, t.issuedAt),
  ],
);

export type Certificate = typeof certificates.$inferSelect;

/** Heartbeat detail older than the retention period, summed per learner × lesson × day. */
export const heartbeatDaily = sqliteTable(
  "heartbeat_daily",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    /** UTC day, `YYYY-MM-DD`. */
    day: text("day").notNull(),
    beats: integer("beats").notNull(),
    creditedSeconds: integer("credited_seconds").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseSlug, t.lessonSlug, t.day] })],
);

/** Acknowledgements of the company social media policy (content/policy/), per version. */
export const policyAcknowledgements = sqliteTable(
  "policy_acknowledgements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    policyVersion: text("policy_version").notNull(),
    courseSlug: text("course_slug"),
    acknowledgedAt: integer("acknowledged_at", { mode: "timestamp" }).notNull(),
    /** SHA-256 of the policy exactly as shown (every placeholder filled); null before 2026-12. */
    textHash: text("text_hash"),
    locale: text("locale", { enum: LOCALES }),
  },
  (t) => [uniqueIndex("policy_ack_user_version_unique").on(t.userId, t.policyVersion)],
);

/** Departments: from the employee import or managed by hand. `users.department` holds the name. */
export const departments = sqliteTable(
  "departments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_name_unique").on(t.name)],
);

/** A course assigned to one person, with an optional due date. */
export const enrolments = sqliteTable(
  "enrolments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    dueDate: text("due_date"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("enrolments_user_course_unique").on(t.userId, t.courseSlug)],
);

/**
 * A standing rule: everyone, or everyone in a department, is enrolled in a course — including
 * people who arrive later. Evaluated at read time, never copied.
 */
export const enrolmentRules = sqliteTable(
  "enrolment_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseSlug: text("course_slug").notNull(),
    scope: text("scope", { enum: ["everyone", "department"] }).notNull(),
    department: text("department"),
    /** `YYYY-MM-DD`, optional. */
    dueDate: text("due_date"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("enrolment_rules_course_idx").on(t.courseSlug)],
);

/** Mail waiting for or sent through SMTP; with no SMTP configured it stays here (`/admin/outbox`). */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    kind: text("kind").notNull(),
    userId: integer("user_id").references(() => users.id),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp" }),
    error: text("error"),
  },
  (t) => [index("outbox_created_idx").on(t.createdAt)],
);

/** One-time links (invitation, password reset): only the SHA-256 of the token is stored. */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    purpose: text("purpose", { enum: ["invite", "reset"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp" }),
  },
  (t) => [uniqueIndex("account_tokens_hash_unique").on(t.tokenHash), index("account_tokens_user_idx").on(t.userId, t.purpose)],
);

/** Reminders sent, one per enrolment, course and kind ("due-soon", "overdue"): never twice. */
export const reminderLog = sqliteTable(
  "reminder_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    kind: text("kind", { enum: ["due-soon", "overdue"] }).notNull(),
    dueDate: text("due_date").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [uniqueIndex("reminder_log_unique").on(t.userId, t.courseSlug, t.kind, t.dueDate)],
);

/**
 * The company's own words for the placeholders of the policy and the privacy notice
 * (`[REFERENTE SOCIAL MEDIA]`, the DPO's contact…). `locale` is `it`/`en` for a text written
 * per language, `*` for one value that serves both (an e-mail address, a name).
 */
export const companyTexts = sqliteTable(
  "company_texts",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    key: text("key").notNull(),
    locale: text("locale", { enum: ["it", "en", "*"] }).notNull(),
    value: text("value").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.key, t.locale] })],
);

/** An employee CSV checked in a dry run, waiting for the admin's confirmation. */
export const peopleImports = sqliteTable("people_imports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  createdBy: integer("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  fileName: text("file_name").notNull(),
  fileSha256: text("file_sha256").notNull(),
  /** JSON: the parsed rows (`ImportRow[]`), re-validated when confirmed. */
  rows: text("rows").notNull(),
  appliedAt: integer("applied_at", { mode: "timestamp" }),
});
