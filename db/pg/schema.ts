import { sql } from "drizzle-orm";
import { bigint, boolean, customType, doublePrecision, index, pgTable, primaryKey, text, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { FUNDS, LOCALES, ROLES } from "../schema";

/**
 * The PostgreSQL mirror of db/schema.ts (what each table and column means is documented there).
 * Same table, column, index and unique names, foreign keys and defaults as SQLite has after all
 * of db/migrations; tests/integration/pg-schema-parity.test.ts fails on any difference, so a
 * change to one schema goes into both (`npm run db:generate` and `npm run db:generate:postgres`).
 *
 * Types, applied uniformly: every SQLite INTEGER that is not a boolean is a `bigint` read as a
 * JS number (db/pg/open.ts refuses values beyond 2^53); AUTOINCREMENT keys are identities;
 * timestamps stay Unix seconds, so raw SQL compares the same numbers in both dialects; stored JSON
 * stays `text`, never jsonb: the audit chain hashes the exact bytes. What drizzle cannot express
 * (append-only triggers, views) is in the custom migration of db/migrations-pg.
 */

/** A Unix-seconds bigint that drizzle reads and writes as a Date, like SQLite's `mode: "timestamp"`. */
const unixSeconds = customType<{ data: Date; driverData: number | string }>({
  dataType: () => "bigint",
  toDriver: (value) => Math.floor(value.getTime() / 1000),
  fromDriver: (value) => new Date(Number(value) * 1000),
});

/** Binary data (company logos) as a Buffer, like SQLite's `blob({ mode: "buffer" })`. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** SQLite's `(unixepoch())`. */
const nowSeconds = sql`extract(epoch from now())::bigint`;

const createdAt = () => unixSeconds("created_at").notNull().default(nowSeconds);

export const companies = pgTable("companies", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  taxCode: text("tax_code"),
  inpsNumber: text("inps_number"),
  address: text("address"),
  city: text("city"),
  legalRepresentative: text("legal_representative"),
  signerName: text("signer_name"),
  signerRole: text("signer_role"),
  logo: bytea("logo"),
  logoType: text("logo_type", { enum: ["image/png", "image/jpeg"] }),
  senderName: text("sender_name"),
  replyTo: text("reply_to"),
  publicBaseUrl: text("public_base_url"),
  createdAt: createdAt(),
});

export const companyEmailDomains = pgTable("company_email_domains", {
  domain: text("domain").primaryKey(),
  companyId: bigint("company_id", { mode: "number" })
    .notNull()
    .references(() => companies.id),
});

export const users = pgTable(
  "users",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    companyId: bigint("company_id", { mode: "number" }).references(() => companies.id),
    email: text("email").notNull(),
    passwordHash: text("password_hash"),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    fiscalCode: text("fiscal_code"),
    department: text("department"),
    qualification: text("qualification"),
    contractType: text("contract_type"),
    locale: text("locale", { enum: LOCALES }).notNull().default("it"),
    active: boolean("active").notNull().default(true),
    testTimeExtraPercent: bigint("test_time_extra_percent", { mode: "number" }).notNull().default(0),
    deactivatedAt: unixSeconds("deactivated_at"),
    externalId: text("external_id"),
    scimDeletedAt: unixSeconds("scim_deleted_at"),
    createdAt: createdAt(),
    updatedAt: unixSeconds("updated_at")
      .notNull()
      .default(nowSeconds),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_last_name_idx").on(t.lastName, t.firstName),
    index("users_company_external_idx").on(t.companyId, t.externalId),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    companyId: bigint("company_id", { mode: "number" }).references(() => companies.id),
    departmentId: bigint("department_id", { mode: "number" }).references(() => departments.id),
    courseSlugs: text("course_slugs"),
    planId: bigint("plan_id", { mode: "number" }).references((): AnyPgColumn => fundingPlans.id),
    expiresAt: unixSeconds("expires_at"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    loginAt: unixSeconds("login_at").notNull(),
    lastSeenAt: unixSeconds("last_seen_at").notNull(),
    endedAt: unixSeconds("ended_at"),
    endReason: text("end_reason", { enum: ["sign-out", "deactivated", "expired"] }),
    activeSeconds: bigint("active_seconds", { mode: "number" }).notNull().default(0),
    ip: text("ip"),
    userAgent: text("user_agent"),
    companyId: bigint("company_id", { mode: "number" }).references(() => companies.id),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId, t.loginAt)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    attemptedAt: unixSeconds("attempted_at").notNull(),
    outcome: text("outcome", { enum: ["success", "failure", "blocked"] }).notNull(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.attemptedAt),
    index("login_attempts_ip_idx").on(t.ip, t.attemptedAt),
  ],
);

/** Counted hits of the per-source limits that hold across app processes (db/schema.ts `rateLimitHits`). */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    atMs: bigint("at_ms", { mode: "number" }).notNull(),
  },
  (t) => [index("rate_limit_hits_key_idx").on(t.scope, t.key, t.atMs), index("rate_limit_hits_scope_idx").on(t.scope, t.atMs)],
);

export const companySso = pgTable("company_sso", {
  companyId: bigint("company_id", { mode: "number" })
    .primaryKey()
    .references(() => companies.id),
  kind: text("kind", { enum: ["entra", "google", "oidc"] }).notNull(),
  issuer: text("issuer").notNull(),
  tenant: text("tenant"),
  hostedDomain: text("hosted_domain"),
  clientId: text("client_id").notNull(),
  clientSecretEnc: text("client_secret_enc").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  jitCreate: boolean("jit_create").notNull().default(false),
  passwordsOffForLearners: boolean("passwords_off_for_learners").notNull().default(false),
  updatedAt: unixSeconds("updated_at").notNull(),
  updatedBy: bigint("updated_by", { mode: "number" }).references(() => users.id),
});

export const ssoIdentities = pgTable(
  "sso_identities",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    companyId: bigint("company_id", { mode: "number" })
      .notNull()
      .references(() => companies.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
    lastSignInAt: unixSeconds("last_sign_in_at"),
  },
  (t) => [uniqueIndex("sso_identities_subject_unique").on(t.issuer, t.subject), uniqueIndex("sso_identities_user_issuer_unique").on(t.userId, t.issuer)],
);

export const lessonProgress = pgTable(
  "lesson_progress",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    firstOpenedAt: unixSeconds("first_opened_at").notNull(),
    openedContentHash: text("opened_content_hash").notNull(),
    completedAt: unixSeconds("completed_at"),
    completedContentHash: text("completed_content_hash"),
    activeSeconds: bigint("active_seconds", { mode: "number" }).notNull().default(0),
    lastHeartbeatAt: unixSeconds("last_heartbeat_at"),
    cycle: bigint("cycle", { mode: "number" }).notNull().default(1),
    lastOpenedSessionId: text("last_opened_session_id"),
  },
  (t) => [uniqueIndex("lesson_progress_user_lesson_cycle_unique").on(t.userId, t.courseSlug, t.lessonSlug, t.cycle)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    at: unixSeconds("at").notNull(),
    type: text("type").notNull(),
    actorUserId: bigint("actor_user_id", { mode: "number" }),
    sessionId: text("session_id"),
    subject: text("subject"),
    data: text("data").notNull().default("{}"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_type_idx").on(t.type, t.at), index("audit_events_actor_idx").on(t.actorUserId, t.at)],
);

export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    quizId: text("quiz_id").notNull(),
    kind: text("kind", { enum: ["lesson-check", "final"] }).notNull(),
    attemptNumber: bigint("attempt_number", { mode: "number" }).notNull(),
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    quizContentHash: text("quiz_content_hash").notNull(),
    questions: text("questions").notNull(),
    startedAt: unixSeconds("started_at").notNull(),
    expiresAt: unixSeconds("expires_at"),
    submittedAt: unixSeconds("submitted_at"),
    answers: text("answers"),
    scorePercent: doublePrecision("score_percent"),
    correctCount: bigint("correct_count", { mode: "number" }),
    totalQuestions: bigint("total_questions", { mode: "number" }).notNull(),
    passed: boolean("passed"),
    results: text("results"),
    cycle: bigint("cycle", { mode: "number" }).notNull().default(1),
  },
  (t) => [
    uniqueIndex("quiz_attempts_number_cycle_unique").on(t.userId, t.courseSlug, t.quizId, t.cycle, t.attemptNumber),
    index("quiz_attempts_course_idx").on(t.courseSlug, t.kind, t.submittedAt),
    index("quiz_attempts_register_idx").on(t.courseSlug, t.userId, t.kind, t.submittedAt, t.startedAt, t.expiresAt, t.passed, t.scorePercent),
  ],
);

export const exerciseAttempts = pgTable(
  "exercise_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    exerciseId: text("exercise_id").notNull(),
    kind: text("kind", { enum: ["spot-the-risk", "rewrite"] }).notNull(),
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    contentHash: text("content_hash").notNull(),
    answers: text("answers").notNull(),
    results: text("results").notNull(),
    score: doublePrecision("score").notNull(),
    submittedAt: unixSeconds("submitted_at").notNull(),
  },
  (t) => [index("exercise_attempts_course_idx").on(t.courseSlug, t.submittedAt), index("exercise_attempts_user_idx").on(t.userId, t.courseSlug, t.exerciseId)],
);

export const learnerClocks = pgTable("learner_clocks", {
  userId: bigint("user_id", { mode: "number" })
    .primaryKey()
    .references(() => users.id),
  lastCreditedAtMs: bigint("last_credited_at_ms", { mode: "number" }),
});

export const heartbeats = pgTable(
  "heartbeats",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    receivedAt: unixSeconds("received_at").notNull(),
    creditedSeconds: bigint("credited_seconds", { mode: "number" }).notNull(),
  },
  (t) => [index("heartbeats_received_idx").on(t.receivedAt), index("heartbeats_user_idx").on(t.userId, t.receivedAt)],
);

export const courseCompletions = pgTable(
  "course_completions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    courseVersion: text("course_version").notNull(),
    completedAt: unixSeconds("completed_at").notNull(),
    activeSeconds: bigint("active_seconds", { mode: "number" }).notNull(),
    plannedMinutes: bigint("planned_minutes", { mode: "number" }).notNull(),
    attendancePercent: doublePrecision("attendance_percent").notNull(),
    finalScorePercent: doublePrecision("final_score_percent"),
    finalAttemptId: bigint("final_attempt_id", { mode: "number" }).references(() => quizAttempts.id),
    lessonHashes: text("lesson_hashes").notNull(),
    cycle: bigint("cycle", { mode: "number" }).notNull().default(1),
    planId: bigint("plan_id", { mode: "number" }).references(() => fundingPlans.id),
  },
  (t) => [uniqueIndex("course_completions_user_course_cycle_unique").on(t.userId, t.courseSlug, t.cycle)],
);

export const privacyAcknowledgements = pgTable(
  "privacy_acknowledgements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    noticeVersion: text("notice_version").notNull(),
    acknowledgedAt: unixSeconds("acknowledged_at").notNull(),
    textHash: text("text_hash"),
    locale: text("locale", { enum: LOCALES }),
  },
  (t) => [uniqueIndex("privacy_ack_user_version_unique").on(t.userId, t.noticeVersion)],
);

export const certificates = pgTable(
  "certificates",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    code: text("code").notNull(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    completionId: bigint("completion_id", { mode: "number" })
      .notNull()
      .references(() => courseCompletions.id),
    issuedAt: unixSeconds("issued_at").notNull(),
    revokedAt: unixSeconds("revoked_at"),
    revokedReason: text("revoked_reason"),
    revokedBy: bigint("revoked_by", { mode: "number" }).references(() => users.id),
    expiresAt: unixSeconds("expires_at"),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_completion_unique").on(t.completionId),
    index("certificates_course_idx").on(t.courseSlug, t.issuedAt),
    index("certificates_user_course_idx").on(t.userId, t.courseSlug, t.issuedAt),
  ],
);

export const heartbeatDaily = pgTable(
  "heartbeat_daily",
  {
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    day: text("day").notNull(),
    beats: bigint("beats", { mode: "number" }).notNull(),
    creditedSeconds: bigint("credited_seconds", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseSlug, t.lessonSlug, t.day] })],
);

export const policyAcknowledgements = pgTable(
  "policy_acknowledgements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    policyVersion: text("policy_version").notNull(),
    courseSlug: text("course_slug"),
    acknowledgedAt: unixSeconds("acknowledged_at").notNull(),
    textHash: text("text_hash"),
    locale: text("locale", { enum: LOCALES }),
  },
  (t) => [uniqueIndex("policy_ack_user_version_unique").on(t.userId, t.policyVersion)],
);

export const departments = pgTable(
  "departments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    companyId: bigint("company_id", { mode: "number" }).references(() => companies.id),
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => departments.id),
    externalId: text("external_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_company_name_unique").on(t.companyId, t.name)],
);

export const fundingPlans = pgTable(
  "funding_plans",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    companyId: bigint("company_id", { mode: "number" })
      .notNull()
      .references(() => companies.id),
    fund: text("fund", { enum: FUNDS }).notNull(),
    avviso: text("avviso"),
    title: text("title").notNull(),
    protocol: text("protocol"),
    projectTitle: text("project_title"),
    cup: text("cup"),
    startsOn: text("starts_on"),
    endsOn: text("ends_on"),
    attendanceThreshold: bigint("attendance_threshold", { mode: "number" }),
    finalTestRequired: boolean("final_test_required"),
    signerName: text("signer_name"),
    signerRole: text("signer_role"),
    presenceCheckSeconds: bigint("presence_check_seconds", { mode: "number" }),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("funding_plans_company_idx").on(t.companyId)],
);

export const fundingPlanCourses = pgTable(
  "funding_plan_courses",
  {
    planId: bigint("plan_id", { mode: "number" })
      .notNull()
      .references(() => fundingPlans.id),
    courseSlug: text("course_slug").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.courseSlug] })],
);

export const enrolments = pgTable(
  "enrolments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    dueDate: text("due_date"),
    planId: bigint("plan_id", { mode: "number" }).references(() => fundingPlans.id),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("enrolments_user_course_unique").on(t.userId, t.courseSlug)],
);

export const enrolmentRules = pgTable(
  "enrolment_rules",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    courseSlug: text("course_slug").notNull(),
    scope: text("scope", { enum: ["everyone", "department"] }).notNull(),
    department: text("department"),
    companyId: bigint("company_id", { mode: "number" }).references(() => companies.id),
    dueDate: text("due_date"),
    planId: bigint("plan_id", { mode: "number" }).references(() => fundingPlans.id),
    recurMonths: bigint("recur_months", { mode: "number" }),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("enrolment_rules_course_idx").on(t.courseSlug)],
);

export const enrolmentCycles = pgTable(
  "enrolment_cycles",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    cycle: bigint("cycle", { mode: "number" }).notNull(),
    planId: bigint("plan_id", { mode: "number" }).references(() => fundingPlans.id),
    ruleId: bigint("rule_id", { mode: "number" }).references(() => enrolmentRules.id),
    openedAt: unixSeconds("opened_at").notNull(),
    dueDate: text("due_date"),
  },
  (t) => [uniqueIndex("enrolment_cycles_unique").on(t.userId, t.courseSlug, t.cycle)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    kind: text("kind").notNull(),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id),
    companyId: bigint("company_id", { mode: "number" }).references(() => companies.id),
    createdAt: createdAt(),
    sentAt: unixSeconds("sent_at"),
    error: text("error"),
  },
  (t) => [index("outbox_created_idx").on(t.createdAt)],
);

export const accountTokens = pgTable(
  "account_tokens",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    purpose: text("purpose", { enum: ["invite", "reset"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: unixSeconds("expires_at").notNull(),
    usedAt: unixSeconds("used_at"),
    requestedFrom: text("requested_from"),
  },
  (t) => [uniqueIndex("account_tokens_hash_unique").on(t.tokenHash), index("account_tokens_user_idx").on(t.userId, t.purpose)],
);

export const reminderLog = pgTable(
  "reminder_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    kind: text("kind", { enum: ["due-soon", "overdue"] }).notNull(),
    dueDate: text("due_date").notNull(),
    sentAt: unixSeconds("sent_at").notNull(),
  },
  (t) => [uniqueIndex("reminder_log_unique").on(t.userId, t.courseSlug, t.kind, t.dueDate)],
);

export const companyTexts = pgTable(
  "company_texts",
  {
    companyId: bigint("company_id", { mode: "number" })
      .notNull()
      .references(() => companies.id),
    key: text("key").notNull(),
    locale: text("locale", { enum: ["it", "en", "*"] }).notNull(),
    value: text("value").notNull(),
    updatedAt: unixSeconds("updated_at").notNull(),
    updatedBy: bigint("updated_by", { mode: "number" }).references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.key, t.locale] })],
);

export const peopleImports = pgTable("people_imports", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
  createdBy: bigint("created_by", { mode: "number" })
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  fileName: text("file_name").notNull(),
  fileSha256: text("file_sha256").notNull(),
  rows: text("rows").notNull(),
  companyId: bigint("company_id", { mode: "number" }).references(() => companies.id),
  appliedAt: unixSeconds("applied_at"),
});

export const presenceChecks = pgTable(
  "presence_checks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    planId: bigint("plan_id", { mode: "number" })
      .notNull()
      .references(() => fundingPlans.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    cycle: bigint("cycle", { mode: "number" }).notNull().default(1),
    question: text("question").notNull(),
    askedAtMs: bigint("asked_at_ms", { mode: "number" }).notNull(),
    answeredAtMs: bigint("answered_at_ms", { mode: "number" }),
    answer: bigint("answer", { mode: "number" }),
    correct: boolean("correct"),
  },
  (t) => [index("presence_checks_user_idx").on(t.userId, t.askedAtMs), index("presence_checks_plan_idx").on(t.planId, t.userId)],
);

export const scimTokens = pgTable(
  "scim_tokens",
  {
    companyId: bigint("company_id", { mode: "number" })
      .primaryKey()
      .references(() => companies.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: unixSeconds("created_at").notNull(),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id),
  },
  (t) => [uniqueIndex("scim_tokens_hash_unique").on(t.tokenHash)],
);
