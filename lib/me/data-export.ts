import "server-only";
import type { Engine } from "@/db/engine/types";

/**
 * Everything Binomio holds about one person (GDPR art. 15/20), as plain JSON: profile, roles,
 * sign-ins, lesson progress, heartbeat detail, quiz attempts (with answers), completions,
 * certificates, presence checks (times in milliseconds), privacy acknowledgements and the
 * audit events they caused. Only this person's rows: every query is keyed by their id.
 */
export async function exportPersonalData(d: Engine, userId: number): Promise<Record<string, unknown>> {
  // One snapshot: the parts of the export agree with each other.
  return d.read(async () => exportInSnapshot(d, userId));
}

async function exportInSnapshot(d: Engine, userId: number): Promise<Record<string, unknown>> {
  const all = (sql: string) => d.all<Record<string, unknown>>(sql, [userId]);
  const profile = await d.get(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.fiscal_code, u.department, u.qualification, u.contract_type,
              u.locale, u.active, u.created_at, c.name AS company
         FROM users u LEFT JOIN companies c ON c.id = u.company_id WHERE u.id = ?`,
    [userId],
  );
  const parseJson = (rows: Record<string, unknown>[], keys: string[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, keys.includes(k) && typeof v === "string" ? JSON.parse(v) : v])));
  return {
    exportedAt: new Date().toISOString(),
    note: "Times are Unix seconds (UTC). / Gli orari sono secondi Unix (UTC).",
    profile,
    roles: (await all("SELECT role FROM user_roles WHERE user_id = ?")).map((r) => r.role),
    signIns: await all("SELECT id, login_at, last_seen_at, ended_at, end_reason, active_seconds, ip, user_agent FROM auth_sessions WHERE user_id = ? ORDER BY login_at"),
    lessonProgress: await all("SELECT course_slug, cycle, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash, active_seconds FROM lesson_progress WHERE user_id = ? ORDER BY id"),
    heartbeats: await all("SELECT course_slug, lesson_slug, received_at, credited_seconds, auth_session_id FROM heartbeats WHERE user_id = ? ORDER BY id"),
    quizAttempts: parseJson(
      await all("SELECT id, course_slug, cycle, quiz_id, kind, attempt_number, started_at, submitted_at, questions, answers, score_percent, passed, results FROM quiz_attempts WHERE user_id = ? ORDER BY id"),
      ["questions", "answers", "results"],
    ),
    completions: parseJson(await all("SELECT * FROM course_completions WHERE user_id = ? ORDER BY id"), ["lesson_hashes"]),
    certificates: await all("SELECT code, course_slug, issued_at, expires_at, revoked_at, revoked_reason FROM certificates WHERE user_id = ? ORDER BY id"),
    enrolmentCycles: await all("SELECT course_slug, cycle, opened_at, due_date FROM enrolment_cycles WHERE user_id = ? ORDER BY id"),
    presenceChecks: parseJson(await all("SELECT course_slug, cycle, lesson_slug, plan_id, question, asked_at_ms, answered_at_ms, answer, correct FROM presence_checks WHERE user_id = ? ORDER BY id"), ["question"]),
    privacyAcknowledgements: await all("SELECT notice_version, acknowledged_at FROM privacy_acknowledgements WHERE user_id = ? ORDER BY id"),
    auditEvents: parseJson(await all("SELECT id, at, type, subject, data FROM audit_events WHERE actor_user_id = ? ORDER BY id"), ["data"]),
  };
}
