import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * Timestamps are UTC Unix seconds (`mode: "timestamp"`): funded-training registers need
 * times to the second, and integers sort and compare cheaply in reports.
 */
const createdAt = () =>
  integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`);

/**
 * Roles, each with its scope in `user_roles` (lib/auth/permissions.ts decides what each may do):
 * `provider_admin` every company of the installation; `company_admin` one company
 * (`user_roles.company_id`); `department_manager` one department and the departments under it
 * (`user_roles.department_id`); `trainer` the content, optionally only some courses
 * (`user_roles.course_slugs`); `learner` their own training; `inspector` (a fund's auditor) reads
 * one funding plan of one company (`user_roles.plan_id`) until `user_roles.expires_at`.
 */
export const ROLES = ["provider_admin", "company_admin", "department_manager", "trainer", "learner", "inspector"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["it", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The client companies of the installation (a training provider runs many; a company running
 * Binomio for itself has one). Every person, enrolment, plan and mail belongs to one; what a
 * company admin or department manager sees is limited to theirs (lib/auth/scope.ts).
 */
export const companies = sqliteTable("companies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Legal name (ragione sociale), printed on registers, certificates and mails. */
  name: text("name").notNull(),
  /** Codice fiscale or partita IVA of the company. */
  taxCode: text("tax_code"),
  /** Matricola INPS (10 digits). */
  inpsNumber: text("inps_number"),
  /** Registered office, one line. */
  address: text("address"),
  /** Place printed on certificates ("Milano, 3 marzo 2027"). */
  city: text("city"),
  /** The legal representative (legale rappresentante). */
  legalRepresentative: text("legal_representative"),
  /** Who signs certificates by default (a plan may name someone else). */
  signerName: text("signer_name"),
  signerRole: text("signer_role"),
  /** Logo printed on certificates and shown in mails: PNG or JPEG, at most 100 KB. */
  logo: blob("logo", { mode: "buffer" }),
  logoType: text("logo_type", { enum: ["image/png", "image/jpeg"] }),
  /** Display name of the mails' sender (the address stays MAIL_FROM's) and their Reply-To. */
  senderName: text("sender_name"),
  replyTo: text("reply_to"),
  /** Origin printed in this company's certificate QR codes (else PUBLIC_BASE_URL). */
  publicBaseUrl: text("public_base_url"),
  createdAt: createdAt(),
});

/** E-mail domains whose people belong to a company (imports without an `azienda` column, SSO). One company per domain. */
export const companyEmailDomains = sqliteTable("company_email_domains", {
  domain: text("domain").primaryKey(),
  companyId: integer("company_id")
    .notNull()
    .references(() => companies.id),
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
    /** The directory's id for this person (SCIM `externalId`, e.g. Entra ID's objectId); null when not provisioned. */
    externalId: text("external_id"),
    /**
     * When the company's directory deleted this person through SCIM (`DELETE /scim/v2/Users/<id>`):
     * they are deactivated, never deleted (their training is evidence), and SCIM answers 404 for them.
     */
    scimDeletedAt: integer("scim_deleted_at", { mode: "timestamp" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp" })
      .notNull()
      .default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_last_name_idx").on(t.lastName, t.firstName),
    index("users_company_external_idx").on(t.companyId, t.externalId),
  ],
);

/**
 * A person's roles, each with its scope: `company_id` for a company admin (and a department
 * manager), `department_id` for a department manager (that department and the ones under it),
 * `course_slugs` (JSON array) for a trainer limited to some courses — null: every course.
 * Provider admins and learners carry no scope here (a learner's company is `users.company_id`).
 * An inspector's grant names its company and plan, and expires (`expires_at`).
 */
export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    companyId: integer("company_id").references(() => companies.id),
    departmentId: integer("department_id").references(() => departments.id),
    courseSlugs: text("course_slugs"),
    /** The one funding plan an inspector reads (their company is `company_id`). */
    planId: integer("plan_id").references((): AnySQLiteColumn => fundingPlans.id),
    /** When the grant stops working (null: never): an expired inspector can neither sign in nor keep a session. */
    expiresAt: integer("expires_at", { mode: "timestamp" }),
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
    /** The company a provider admin chose to work in (the company switcher); null: the first. */
    companyId: integer("company_id").references(() => companies.id),
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

/**
 * Hits counted by the per-source limits that must hold across app processes (lib/account/rate-limit.ts):
 * one row per counted hit, in milliseconds; a limit counts its key's rows inside its window, and
 * rows past the window are deleted as the scope is hit again. A refused hit is not stored, so a
 * key holds at most its limit's worth of rows.
 */
export const rateLimitHits = sqliteTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    atMs: integer("at_ms").notNull(),
  },
  (t) => [index("rate_limit_hits_key_idx").on(t.scope, t.key, t.atMs), index("rate_limit_hits_scope_idx").on(t.scope, t.atMs)],
);

/**
 * A company's single sign-on (OpenID Connect) settings, one row per company, edited by its admin
 * at /admin/company/sso. The client secret is stored encrypted (AES-256-GCM, lib/sso/secret-box.ts),
 * never in clear. The e-mail domains the provider may sign in are the company's
 * `company_email_domains`.
 */
export const companySso = sqliteTable("company_sso", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  /** `entra` (Microsoft Entra ID, `tenant`), `google` (Google Workspace, `hosted_domain`), `oidc` (any issuer with discovery). */
  kind: text("kind", { enum: ["entra", "google", "oidc"] }).notNull(),
  /** The issuer the id_tokens must name (derived from the tenant for Entra, fixed for Google). */
  issuer: text("issuer").notNull(),
  tenant: text("tenant"),
  /** Google Workspace: the `hd` claim every id_token must carry. */
  hostedDomain: text("hosted_domain"),
  clientId: text("client_id").notNull(),
  /** `v1.<iv>.<tag>.<ciphertext>` (base64url), AES-256-GCM with a key derived by HKDF. */
  clientSecretEnc: text("client_secret_enc").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  /** Create a learner of the company at the first sign-in of an unknown person of its domains. */
  jitCreate: integer("jit_create", { mode: "boolean" }).notNull().default(false),
  /** The company's learners may not sign in with a password (admins keep theirs: break-glass). */
  passwordsOffForLearners: integer("passwords_off_for_learners", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
  updatedBy: integer("updated_by").references(() => users.id),
});

/**
 * The link between a person and their identity at the company's provider: the id_token's
 * `iss` + `sub`, used from the first SSO sign-in on (an e-mail change at the provider keeps the
 * link, and another account with the old address cannot take it over).
 */
export const ssoIdentities = sqliteTable(
  "sso_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
    lastSignInAt: integer("last_sign_in_at", { mode: "timestamp" }),
  },
  (t) => [uniqueIndex("sso_identities_subject_unique").on(t.issuer, t.subject), uniqueIndex("sso_identities_user_issuer_unique").on(t.userId, t.issuer)],
);

export type CompanySso = typeof companySso.$inferSelect;

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
    /** The learner's cycle of the course (1, then one more per recertification: `enrolment_cycles`). */
    cycle: integer("cycle").notNull().default(1),
    /** The sign-in session of the latest opening: completing requires one in the same session. */
    lastOpenedSessionId: text("last_opened_session_id"),
  },
  (t) => [uniqueIndex("lesson_progress_user_lesson_cycle_unique").on(t.userId, t.courseSlug, t.lessonSlug, t.cycle)],
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
    /** The learner's cycle of the course: attempts are counted per cycle. */
    cycle: integer("cycle").notNull().default(1),
  },
  (t) => [
    uniqueIndex("quiz_attempts_number_cycle_unique").on(t.userId, t.courseSlug, t.quizId, t.cycle, t.attemptNumber),
    index("quiz_attempts_course_idx").on(t.courseSlug, t.kind, t.submittedAt),
    // Everything the register reads of an attempt, by course and learner: rows carry the drawn
    // questions, answers and grades as JSON (kilobytes each), which reading them for five small
    // columns cost (10,000 learners: 160 ms of the participants page, 3 ms from this index).
    index("quiz_attempts_register_idx").on(t.courseSlug, t.userId, t.kind, t.submittedAt, t.startedAt, t.expiresAt, t.passed, t.scorePercent),
  ],
);

export type QuizAttempt = typeof quizAttempts.$inferSelect;

/**
 * Practice exercises (`<SpotTheRisk>`, `<Rewrite>`): one row per submission, graded on the
 * server. Practice never counts toward the pass mark; the rows feed the analytics like quiz
 * answers (the first submission of each learner is their "first answer").
 */
export const exerciseAttempts = sqliteTable(
  "exercise_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    exerciseId: text("exercise_id").notNull(),
    kind: text("kind", { enum: ["spot-the-risk", "rewrite"] }).notNull(),
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    contentHash: text("content_hash").notNull(),
    /** JSON: the learner's answer as submitted. */
    answers: text("answers").notNull(),
    /** JSON: per item (hotspot or paragraph) `{ itemId, correct, selected }[]`. */
    results: text("results").notNull(),
    /** 0 to 1. */
    score: real("score").notNull(),
    submittedAt: integer("submitted_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("exercise_attempts_course_idx").on(t.courseSlug, t.submittedAt), index("exercise_attempts_user_idx").on(t.userId, t.courseSlug, t.exerciseId)],
);

export type ExerciseAttempt = typeof exerciseAttempts.$inferSelect;

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
    /** The learner's cycle of the course this completes. */
    cycle: integer("cycle").notNull().default(1),
    /** The funding plan the cycle belonged to when it was completed (frozen, like the rest). */
    planId: integer("plan_id").references(() => fundingPlans.id),
  },
  (t) => [uniqueIndex("course_completions_user_course_cycle_unique").on(t.userId, t.courseSlug, t.cycle)],
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
    /** When it stops being valid (the course's `certificate.validMonths` at issue); null: never. */
    expiresAt: integer("expires_at", { mode: "timestamp" }),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_completion_unique").on(t.completionId),
    index("certificates_course_idx").on(t.courseSlug, t.issuedAt),
    // A learner's own certificate (course page, "Il mio percorso"): without it each read scanned the course's certificates.
    index("certificates_user_course_idx").on(t.userId, t.courseSlug, t.issuedAt),
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

/**
 * A company's departments, as a tree (`parent_id`). A name is unique within its company, and
 * `users.department` holds it: a department manager sees the people of their department and
 * of every department under it.
 */
export const departments = sqliteTable(
  "departments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    companyId: integer("company_id").references(() => companies.id),
    parentId: integer("parent_id").references((): AnySQLiteColumn => departments.id),
    /** The directory's id for the group this department mirrors (SCIM `externalId`); null when not provisioned. */
    externalId: text("external_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_company_name_unique").on(t.companyId, t.name)],
);

/** The funds (fondi interprofessionali) a plan can be financed by, or none. */
export const FUNDS = ["fondimpresa", "fondirigenti", "forte", "foncoop", "fondo-formazione-pmi", "fonarcom", "fondoprofessioni", "fondartigianato", "altro", "non-finanziato"] as const;
export type Fund = (typeof FUNDS)[number];

/**
 * A company's training plan (piano formativo): the fund and its references, the courses it
 * includes and, for those courses, the attendance threshold and whether the final test is
 * required (null: the course's own setting). Enrolments and completions belong to a plan (or
 * to none); registers and certificates are printed per plan.
 */
export const fundingPlans = sqliteTable(
  "funding_plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    fund: text("fund", { enum: FUNDS }).notNull(),
    /** The fund's call, e.g. "Avviso 1/2026". */
    avviso: text("avviso"),
    title: text("title").notNull(),
    /** The plan's protocol number or ID at the fund. */
    protocol: text("protocol"),
    projectTitle: text("project_title"),
    /** Codice unico di progetto, where the plan has one. */
    cup: text("cup"),
    /** `YYYY-MM-DD`. */
    startsOn: text("starts_on"),
    endsOn: text("ends_on"),
    /** Attendance needed to complete, in % of planned minutes (null: the course's). */
    attendanceThreshold: integer("attendance_threshold"),
    /** Whether the final test must be passed (null: the course's setting). */
    finalTestRequired: integer("final_test_required", { mode: "boolean" }),
    /** Who signs this plan's certificates (null: the company's signer). */
    signerName: text("signer_name"),
    signerRole: text("signer_role"),
    /**
     * Presence checks (verifiche di presenza): null, off; otherwise the average active seconds
     * between two questions during a lesson (lib/presence/rules.ts). The form offers whole
     * minutes; a smaller value is only ever written by tests.
     */
    presenceCheckSeconds: integer("presence_check_seconds"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("funding_plans_company_idx").on(t.companyId)],
);

export type FundingPlan = typeof fundingPlans.$inferSelect;

/** The courses a plan includes. */
export const fundingPlanCourses = sqliteTable(
  "funding_plan_courses",
  {
    planId: integer("plan_id")
      .notNull()
      .references(() => fundingPlans.id),
    courseSlug: text("course_slug").notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.courseSlug] })],
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
    /** The plan the enrolment belongs to; null: no plan. */
    planId: integer("plan_id").references(() => fundingPlans.id),
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
    /** Everyone of `company_id`, or everyone of its department `department` and the departments under it. */
    scope: text("scope", { enum: ["everyone", "department"] }).notNull(),
    department: text("department"),
    companyId: integer("company_id").references(() => companies.id),
    /** `YYYY-MM-DD`, optional. */
    dueDate: text("due_date"),
    /** The plan the enrolments belong to; null: no plan. */
    planId: integer("plan_id").references(() => fundingPlans.id),
    /**
     * A campaign: every `recur_months` after a learner completed the course, a new cycle opens
     * for them (re-enrolment), due that many months after the completion. Null: once.
     */
    recurMonths: integer("recur_months"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("enrolment_rules_course_idx").on(t.courseSlug)],
);

/**
 * Cycles after the first of a learner's course (recertification): opened by a recurring rule
 * once the previous cycle was completed, with their own due date and plan. Cycle 1 is the
 * enrolment itself and has no row here. Earlier cycles' evidence is never touched.
 */
export const enrolmentCycles = sqliteTable(
  "enrolment_cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    cycle: integer("cycle").notNull(),
    planId: integer("plan_id").references(() => fundingPlans.id),
    ruleId: integer("rule_id").references(() => enrolmentRules.id),
    openedAt: integer("opened_at", { mode: "timestamp" }).notNull(),
    /** `YYYY-MM-DD`. */
    dueDate: text("due_date"),
  },
  (t) => [uniqueIndex("enrolment_cycles_unique").on(t.userId, t.courseSlug, t.cycle)],
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
    /** The company the mail is sent for (its sender name and reply-to; who may read it). */
    companyId: integer("company_id").references(() => companies.id),
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
    /** The address that asked for the link (a forgotten-password request), for the per-source limit; null when an admin sent it. */
    requestedFrom: text("requested_from"),
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
  /** The company the file was checked for: the importer's, or null when each row names its own (`azienda`). */
  companyId: integer("company_id").references(() => companies.id),
  appliedAt: integer("applied_at", { mode: "timestamp" }),
});

/**
 * Presence checks (verifiche di presenza): a simple question shown at an unpredictable moment
 * during a lesson, when the plan the learner takes the course under asks for them. While a
 * check is unanswered the server credits no active time; the answer and its delay go into the
 * register. A row is written when the question is asked and completed once when it is answered,
 * never changed again and never deleted (triggers in the migration): it is evidence.
 */
export const presenceChecks = sqliteTable(
  "presence_checks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** The sign-in session the question was asked in. */
    authSessionId: text("auth_session_id").references(() => authSessions.id),
    /** The plan that asked for it (frozen: the register of that plan lists it). */
    planId: integer("plan_id")
      .notNull()
      .references(() => fundingPlans.id),
    courseSlug: text("course_slug").notNull(),
    lessonSlug: text("lesson_slug").notNull(),
    cycle: integer("cycle").notNull().default(1),
    /** JSON: what was shown, `{ a, b, options: number[] }` ("how much is a + b?"). */
    question: text("question").notNull(),
    /** Unix milliseconds: the delay is measured to the millisecond. */
    askedAtMs: integer("asked_at_ms").notNull(),
    answeredAtMs: integer("answered_at_ms"),
    /** The option the learner chose (its value). */
    answer: integer("answer"),
    correct: integer("correct", { mode: "boolean" }),
  },
  (t) => [index("presence_checks_user_idx").on(t.userId, t.askedAtMs), index("presence_checks_plan_idx").on(t.planId, t.userId)],
);

export type PresenceCheck = typeof presenceChecks.$inferSelect;

/**
 * The bearer token a company's directory (Entra ID, Okta…) provisions its people with through
 * SCIM (`/scim/v2`). One per company: creating a new one replaces it. Only the SHA-256 of the
 * token is stored; the token itself is shown once, to whoever created it.
 */
export const scimTokens = sqliteTable(
  "scim_tokens",
  {
    companyId: integer("company_id")
      .primaryKey()
      .references(() => companies.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
    /** The admin who created it on /admin/company; null: `npm run scim:token`. */
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [uniqueIndex("scim_tokens_hash_unique").on(t.tokenHash)],
);
