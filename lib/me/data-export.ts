import "server-only";
import type { AppDatabase } from "@/db/open";

/**
 * Everything Binomio holds about one person (GDPR art. 15/20), as plain JSON: profile, roles,
 * sign-ins, lesson progress, heartbeat detail, quiz attempts (with answers), completions,
 * certificates, presence checks (times in milliseconds), privacy acknowledgements and the
 * audit events they caused. Only this person's rows: every query is keyed by their id.
 */
export function exportPersonalData(d: AppDatabase, userId: number): Record<string, unknown> {
  const all = (sql: string) => d.sqlite.prepare(sql).all(userId) as Record<string, unknown>[];
  const profile = d.sqlite
    .prepare(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.fiscal_code, u.department, u.qualification, u.contract_type,
              u.locale, u.active, u.created_at, c.name AS company
         FROM users u LEFT JOIN companies c ON c.id = u.company_id WHERE u.id = ?`,
    )
    .get(userId);
  const parseJson = (rows: Record<string, unknown>[], keys: string[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, keys.includes(k) && typeof v === "string" ? JSON.parse(v) : v])));
  return {
    exportedAt: new Date().toISOString(),
    note: "Times are Unix seconds (UTC). / Gli orari sono secondi Unix (UTC).",
    profile,
    roles: all("SELECT role FROM user_roles WHERE user_id = ?").map((r) => r.role),
    signIns: all("SELECT id, login_at, last_seen_at, ended_at, end_reason, active_seconds, ip, user_agent FROM auth_sessions WHERE user_id = ? ORDER BY login_at"),
    lessonProgress: all("SELECT course_slug, cycle, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash, active_seconds FROM lesson_progress WHERE user_id = ? ORDER BY id"),
    heartbeats: all("SELECT course_slug, lesson_slug, received_at, credited_seconds, auth_session_id FROM heartbeats WHERE user_id = ? ORDER BY id"),
    quizAttempts: parseJson(
      all("SELECT id, course_slug, cycle, quiz_id, kind, attempt_number, started_at, submitted_at, questions, answers, score_percent, passed, results FROM quiz_attempts WHERE user_id = ? ORDER BY id"),
      ["questions", "answers", "results"],
    ),
    completions: parseJson(all("SELECT * FROM course_completions WHERE user_id = ? ORDER BY id"), ["lesson_hashes"]),
    certificates: all("SELECT code, course_slug, issued_at, expires_at, revoked_at, revoked_reason FROM certificates WHERE user_id = ? ORDER BY id"),
    enrolmentCycles: all("SELECT course_slug, cycle, opened_at, due_date FROM enrolment_cycles WHERE user_id = ? ORDER BY id"),
    presenceChecks: parseJson(all("SELECT course_slug, cycle, lesson_slug, plan_id, question, asked_at_ms, answered_at_ms, answer, correct FROM presence_checks WHERE user_id = ? ORDER BY id"), ["question"]),
    privacyAcknowledgements: all("SELECT notice_version, acknowledged_at FROM privacy_acknowledgements WHERE user_id = ? ORDER BY id"),
    auditEvents: parseJson(all("SELECT id, at, type, subject, data FROM audit_events WHERE actor_user_id = ? ORDER BY id"), ["data"]),
  };
}
