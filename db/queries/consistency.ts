import "server-only";
import type { Engine, SqlValue } from "../engine/types";
import { jsonArrayValues } from "../engine/dialect-sql";

/** One broken rule: which rule, which row, and what was found. */
export type Inconsistency = { rule: string; subject: string; detail: string };

/** An open session may be up to this late in recording its last activity (SESSION_TOUCH_INTERVAL_SECONDS, with room). */
const OPEN_SESSION_GRACE_SECONDS = 120;

const within = (alias: string, at: string) =>
  `${at} >= ${alias}.login_at AND ${at} <= coalesce(${alias}.ended_at, ${alias}.last_seen_at + ${OPEN_SESSION_GRACE_SECONDS})`;

/**
 * The evidence rules every database must satisfy — real data and the demo alike: what a
 * learner did happened inside a signed-in session of theirs, after they acknowledged the
 * privacy notice; credited time adds up from the heartbeats; completions come after the
 * lessons they need; a recertification cycle opens only after the previous one was completed,
 * and evidence belongs to a cycle that was opened. Each query returns the rows that break its rule.
 */
export async function findInconsistencies(d: Engine, opts: { coursesRequiringPolicy: readonly string[] }): Promise<Inconsistency[]> {
  const rules: { rule: string; sql: string; params: SqlValue[] }[] = [];
  const run = (rule: string, sql: string, params: SqlValue[] = []) => rules.push({ rule, sql, params });

  run(
    "tracked-event-outside-session",
    `SELECT 'audit:' || e.id AS subject, e.type || ' at ' || e.at || ' in session ' || coalesce(e.session_id, '(none)') AS detail
       FROM audit_events e
      WHERE e.type IN ('lesson.open', 'lesson.complete', 'attempt.start', 'attempt.submit', 'policy.acknowledge')
        AND NOT EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = e.session_id AND s.user_id = e.actor_user_id AND ${within("s", "e.at")})`,
  );
  run(
    "heartbeat-outside-session",
    `SELECT 'heartbeat:' || h.id AS subject, h.course_slug || '/' || h.lesson_slug || ' at ' || h.received_at AS detail
       FROM heartbeats h
      WHERE NOT EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = h.auth_session_id AND s.user_id = h.user_id AND ${within("s", "h.received_at")})`,
  );
  run(
    "attempt-outside-session",
    `SELECT 'attempt:' || q.id AS subject, q.quiz_id || ' started at ' || q.started_at AS detail
       FROM quiz_attempts q
      WHERE NOT EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = q.auth_session_id AND s.user_id = q.user_id AND ${within("s", "q.started_at")})`,
  );
  run(
    "tracked-before-privacy-notice",
    `WITH first_tracked AS (
       SELECT user_id, min(t) AS t FROM (
         SELECT user_id, first_opened_at AS t FROM lesson_progress
         UNION ALL SELECT user_id, received_at FROM heartbeats
         UNION ALL SELECT user_id, started_at FROM quiz_attempts) tracked GROUP BY user_id)
     SELECT 'user:' || f.user_id AS subject, 'first tracked at ' || f.t || ', notice acknowledged at ' || coalesce(CAST(min(p.acknowledged_at) AS TEXT), 'never') AS detail
       FROM first_tracked f LEFT JOIN privacy_acknowledgements p ON p.user_id = f.user_id
      GROUP BY f.user_id, f.t HAVING min(p.acknowledged_at) IS NULL OR min(p.acknowledged_at) > f.t`,
  );
  run(
    "completion-without-policy",
    `SELECT 'completion:' || c.id AS subject, c.course_slug || ' completed at ' || c.completed_at AS detail
       FROM course_completions c
      WHERE c.course_slug IN ${jsonArrayValues(d, "?", "text")}
        AND NOT EXISTS (SELECT 1 FROM policy_acknowledgements p WHERE p.user_id = c.user_id AND p.acknowledged_at <= c.completed_at)`,
    [JSON.stringify(opts.coursesRequiringPolicy)],
  );
  run(
    "session-time-not-from-heartbeats",
    `SELECT 'session:' || s.id AS subject, 'active_seconds ' || s.active_seconds || ', heartbeats ' || coalesce(sum(h.credited_seconds), 0) AS detail
       FROM auth_sessions s LEFT JOIN heartbeats h ON h.auth_session_id = s.id
      GROUP BY s.id HAVING s.active_seconds != coalesce(sum(h.credited_seconds), 0)`,
  );
  // Heartbeats name the lesson, not the cycle: a lesson's time is compared summed over the learner's cycles.
  run(
    "lesson-time-not-from-heartbeats",
    `WITH p AS (SELECT user_id, course_slug, lesson_slug, min(id) AS id, sum(active_seconds) AS active_seconds FROM lesson_progress GROUP BY user_id, course_slug, lesson_slug)
     SELECT 'progress:' || p.id AS subject, p.course_slug || '/' || p.lesson_slug || ': active_seconds ' || p.active_seconds || ', heartbeats ' ||
            (coalesce((SELECT sum(credited_seconds) FROM heartbeats h WHERE h.user_id = p.user_id AND h.course_slug = p.course_slug AND h.lesson_slug = p.lesson_slug), 0)
             + coalesce((SELECT sum(credited_seconds) FROM heartbeat_daily h WHERE h.user_id = p.user_id AND h.course_slug = p.course_slug AND h.lesson_slug = p.lesson_slug), 0)) AS detail
       FROM p
      WHERE p.active_seconds != coalesce((SELECT sum(credited_seconds) FROM heartbeats h WHERE h.user_id = p.user_id AND h.course_slug = p.course_slug AND h.lesson_slug = p.lesson_slug), 0)
                              + coalesce((SELECT sum(credited_seconds) FROM heartbeat_daily h WHERE h.user_id = p.user_id AND h.course_slug = p.course_slug AND h.lesson_slug = p.lesson_slug), 0)`,
  );
  run(
    "lesson-completed-before-opened",
    `SELECT 'progress:' || id AS subject, course_slug || '/' || lesson_slug AS detail FROM lesson_progress WHERE completed_at IS NOT NULL AND completed_at < first_opened_at`,
  );
  run(
    "course-completed-before-its-lessons",
    `SELECT 'completion:' || c.id AS subject, c.course_slug || ' at ' || c.completed_at || ', last lesson completed at ' || max(p.completed_at) AS detail
       FROM course_completions c JOIN lesson_progress p ON p.user_id = c.user_id AND p.course_slug = c.course_slug AND p.cycle = c.cycle
      GROUP BY c.id HAVING max(p.completed_at) > c.completed_at`,
  );
  run(
    "cycle-opened-before-previous-completed",
    `SELECT 'cycle:' || e.id AS subject, e.course_slug || ' cycle ' || e.cycle || ' opened at ' || e.opened_at AS detail
       FROM enrolment_cycles e
      WHERE NOT EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = e.user_id AND c.course_slug = e.course_slug AND c.cycle = e.cycle - 1 AND c.completed_at <= e.opened_at)`,
  );
  run(
    "evidence-in-unopened-cycle",
    `SELECT 'user:' || x.user_id AS subject, x.course_slug || ' has evidence in cycle ' || x.cycle AS detail
       FROM (SELECT user_id, course_slug, cycle FROM lesson_progress UNION SELECT user_id, course_slug, cycle FROM quiz_attempts UNION SELECT user_id, course_slug, cycle FROM course_completions) x
      WHERE x.cycle > 1 AND NOT EXISTS (SELECT 1 FROM enrolment_cycles e WHERE e.user_id = x.user_id AND e.course_slug = x.course_slug AND e.cycle = x.cycle)`,
  );
  run(
    "certificate-before-completion",
    `SELECT 'certificate:' || x.code AS subject, 'issued ' || x.issued_at || ', completed ' || c.completed_at AS detail
       FROM certificates x JOIN course_completions c ON c.id = x.completion_id WHERE x.issued_at < c.completed_at`,
  );
  run(
    "presence-check-outside-session",
    `SELECT 'presence:' || pc.id AS subject, pc.course_slug || '/' || pc.lesson_slug || ' asked at ' || pc.asked_at_ms || ' ms in session ' || coalesce(pc.auth_session_id, '(none)') AS detail
       FROM presence_checks pc
      WHERE NOT EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = pc.auth_session_id AND s.user_id = pc.user_id AND ${within("s", "pc.asked_at_ms / 1000")})
         OR (pc.answered_at_ms IS NOT NULL AND NOT EXISTS (SELECT 1 FROM auth_sessions s WHERE s.user_id = pc.user_id AND ${within("s", "pc.answered_at_ms / 1000")}))`,
  );
  run(
    "presence-answer-before-question",
    `SELECT 'presence:' || id AS subject, 'asked ' || asked_at_ms || ', answered ' || answered_at_ms AS detail FROM presence_checks WHERE answered_at_ms < asked_at_ms`,
  );
  // While a question waits, the timer stops: no heartbeat of the learner credits time until the
  // answer (an unanswered question: for the rest of its session). A heartbeat stamped in the
  // second of the question is the one that asked it.
  run(
    "time-credited-while-presence-check-open",
    `SELECT 'heartbeat:' || h.id AS subject, 'credited ' || h.credited_seconds || ' s at ' || h.received_at || ' while presence check ' || pc.id || ' was open' AS detail
       FROM presence_checks pc JOIN heartbeats h ON h.user_id = pc.user_id AND h.credited_seconds > 0 AND h.received_at * 1000 > pc.asked_at_ms
      WHERE (pc.answered_at_ms IS NOT NULL AND h.received_at * 1000 < pc.answered_at_ms)
         OR (pc.answered_at_ms IS NULL AND h.auth_session_id IS NOT DISTINCT FROM pc.auth_session_id)`,
  );
  const out: Inconsistency[] = [];
  for (const { rule, sql, params } of rules) {
    for (const r of await d.all<{ subject: string; detail: string }>(sql, params)) out.push({ rule, ...r });
  }
  return out;
}
