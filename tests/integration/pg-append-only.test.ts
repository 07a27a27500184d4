import { describe, expect, it } from "vitest";
import { seededOnBothEngines, type Row } from "./support/both-engines";

/**
 * The evidence tables refuse the same changes on PostgreSQL as on SQLite, with the same messages:
 * the same rows go into both engines, the same statements run against both, in order.
 */
const seed: [string, Row][] = [
  ["companies", { id: 1, name: "Acme" }],
  ["users", { id: 1, company_id: 1, email: "ada@acme.test", first_name: "Ada", last_name: "Rossi" }],
  ["auth_sessions", { id: "s1", user_id: 1, login_at: 100, last_seen_at: 100 }],
  ["funding_plans", { id: 1, company_id: 1, fund: "altro", title: "Piano" }],
  ...[1, 2].map((id): [string, Row] => [
    "quiz_attempts",
    {
      id, user_id: 1, course_slug: "c", quiz_id: "final", kind: "final", attempt_number: id, auth_session_id: "s1", quiz_content_hash: "h",
      questions: "[]", started_at: 100, total_questions: 5,
      // Attempt 1 is submitted, attempt 2 still open.
      ...(id === 1 ? { submitted_at: 200, answers: "{}", score_percent: 80, correct_count: 4, passed: true, results: "[]" } : {}),
    },
  ]),
  ...[1, 2, 3].map((id): [string, Row] => [
    "course_completions",
    { id, user_id: 1, course_slug: "c", course_version: "v1", completed_at: 300, active_seconds: 600, planned_minutes: 10, attendance_percent: 100, lesson_hashes: "{}", cycle: id, plan_id: 1 },
  ]),
  ["certificates", { id: 1, code: "C1", user_id: 1, course_slug: "c", completion_id: 1, issued_at: 300 }],
  ["certificates", { id: 2, code: "C2", user_id: 1, course_slug: "c", completion_id: 2, issued_at: 300, revoked_at: 400, revoked_reason: "error", revoked_by: 1 }],
  ["certificates", { id: 3, code: "C3", user_id: 1, course_slug: "c", completion_id: 3, issued_at: 300, expires_at: 9000 }],
  ["presence_checks", { id: 1, user_id: 1, auth_session_id: "s1", plan_id: 1, course_slug: "c", lesson_slug: "l", question: "{}", asked_at_ms: 1000, answered_at_ms: 3000, answer: 7, correct: true }],
  ["presence_checks", { id: 2, user_id: 1, auth_session_id: "s1", plan_id: 1, course_slug: "c", lesson_slug: "l", question: "{}", asked_at_ms: 5000 }],
  ["audit_events", { id: 1, at: 100, type: "sign-in", data: "{}", prev_hash: "0", hash: "h1" }],
  ["audit_events", { id: 2, at: 101, type: "sign-out", data: "{}", prev_hash: "h1", hash: "h2" }],
];

/** Each statement, in order, and what both engines must answer: the trigger's message, or the rows changed. */
const cases: [string, string][] = [
  ["UPDATE audit_events SET data = '{\"x\":1}' WHERE id = 1", "audit_events is append-only"],
  ["DELETE FROM audit_events WHERE id = 2", "audit_events is append-only"],
  ["DELETE FROM audit_events", "audit_events is append-only"],
  ["UPDATE quiz_attempts SET passed = false WHERE id = 1", "a submitted quiz attempt cannot change"],
  ["UPDATE quiz_attempts SET answers = '{\"q1\":[\"a\"]}' WHERE id = 2", "1 row"],
  ["UPDATE quiz_attempts SET submitted_at = 250, passed = true WHERE id = 2", "1 row"],
  ["UPDATE quiz_attempts SET answers = '{}' WHERE id = 2", "a submitted quiz attempt cannot change"],
  ["DELETE FROM quiz_attempts WHERE id = 1", "quiz attempts are never deleted"],
  ["UPDATE course_completions SET active_seconds = active_seconds + 1 WHERE id = 1", "a completion record is never updated"],
  ["UPDATE course_completions SET plan_id = NULL", "a completion record is never updated"],
  ["DELETE FROM course_completions WHERE id = 1", "a completion record is never deleted"],
  ["UPDATE certificates SET revoked_reason = 'changed' WHERE id = 1", "a certificate can only be revoked, once"],
  ["UPDATE certificates SET revoked_reason = 'again' WHERE id = 2", "a certificate can only be revoked, once"],
  ["UPDATE certificates SET revoked_at = 500, revoked_reason = 'r', expires_at = 9999 WHERE id = 3", "a certificate can only be revoked, once"],
  ["UPDATE certificates SET revoked_at = 500, code = 'X1' WHERE id = 1", "a certificate can only be revoked, once"],
  ["UPDATE certificates SET revoked_at = 500, revoked_reason = 'issued in error', revoked_by = 1 WHERE id = 1", "1 row"],
  ["UPDATE certificates SET revoked_at = 600 WHERE id = 1", "a certificate can only be revoked, once"],
  ["DELETE FROM certificates WHERE id = 3", "certificates are never deleted"],
  ["UPDATE presence_checks SET correct = false WHERE id = 1", "a presence check is answered once and never changed"],
  ["UPDATE presence_checks SET answered_at_ms = answered_at_ms + 1 WHERE id = 1", "a presence check is answered once and never changed"],
  ["DELETE FROM presence_checks WHERE id = 2", "presence checks are never deleted"],
  ["UPDATE presence_checks SET question = '{\"a\":1}' WHERE id = 2", "a presence check is answered once and never changed"],
  ["UPDATE presence_checks SET asked_at_ms = asked_at_ms - 60000 WHERE id = 2", "a presence check is answered once and never changed"],
  ["UPDATE presence_checks SET answered_at_ms = asked_at_ms - 1, answer = 1, correct = true WHERE id = 2", "a presence check is answered once and never changed"],
  ["UPDATE presence_checks SET answered_at_ms = 6500, answer = 3 WHERE id = 2", "a presence check is answered once and never changed"],
  ["UPDATE presence_checks SET answered_at_ms = 6500, answer = 3, correct = false WHERE id = 2", "1 row"],
  ["UPDATE presence_checks SET answer = 4 WHERE id = 2", "a presence check is answered once and never changed"],
];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

describe("append-only triggers on PostgreSQL", () => {
  const both = seededOnBothEngines(seed);

  it("refuse exactly what SQLite's refuse, with the same messages, and allow what they allow", async () => {
    const answers: [string, string, string][] = [];
    for (const [statement] of cases) {
      let onSqlite: string;
      try {
        onSqlite = `${both.sqlite.prepare(statement).run().changes} row`;
      } catch (e) {
        onSqlite = message(e);
      }
      let onPostgres: string;
      try {
        onPostgres = `${(await both.pool.query(statement)).rowCount} row`;
      } catch (e) {
        onPostgres = message(e);
      }
      answers.push([statement, onSqlite, onPostgres]);
    }
    expect(answers).toEqual(cases.map(([statement, expected]) => [statement, expected, expected]));
  });

  it("refuse TRUNCATE too (SQLite has none), as SQLSTATE 23001", async () => {
    for (const [table, expected] of [
      ["audit_events", "audit_events is append-only"],
      ["quiz_attempts", "quiz attempts are never deleted"],
      ["course_completions", "a completion record is never deleted"],
      ["certificates", "certificates are never deleted"],
      ["presence_checks", "presence checks are never deleted"],
    ]) {
      await expect(both.pool.query(`TRUNCATE ${table} CASCADE`)).rejects.toMatchObject({ message: expected, code: "23001" });
    }
    const counts = await both.pool.query<{ n: number }>("SELECT (SELECT count(*) FROM audit_events) + (SELECT count(*) FROM certificates) AS n");
    expect(counts.rows[0]?.n).toBe(5);
  });
});
