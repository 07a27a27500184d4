import "server-only";
import type { Engine } from "../engine/types";
import { jsonNumberAt } from "../engine/dialect-sql";

/**
 * Reads behind the funded-training dossier (lib/dossier/read.ts) that no other module has: one
 * participation's final-test attempts, the lesson versions it opened and completed, the cycle
 * windows of a learner's course, the exports recorded in the audit trail for a company, and
 * the audit chain's head. The register's figures themselves come from db/queries/register.ts.
 */

export type DossierAttemptRow = { number: number; startedAt: number; submittedAt: number | null; scorePercent: number | null; passed: number | null };

/** Final-test attempts of one learner's cycle of a course, in order. */
export async function listFinalAttempts(d: Engine, userId: number, courseSlug: string, cycle: number): Promise<DossierAttemptRow[]> {
  return d.all<DossierAttemptRow>(
    `SELECT attempt_number AS number, started_at AS "startedAt", submitted_at AS "submittedAt", score_percent AS "scorePercent", passed
       FROM quiz_attempts WHERE user_id = ? AND course_slug = ? AND cycle = ? AND kind = 'final' ORDER BY attempt_number`,
    [userId, courseSlug, cycle],
  );
}

export type LessonVersionRow = { lessonSlug: string; openedHash: string; completedHash: string | null };

/** The lesson versions (content hashes) one learner's cycle opened and completed. */
export async function listLessonVersions(d: Engine, userId: number, courseSlug: string, cycle: number): Promise<LessonVersionRow[]> {
  return d.all<LessonVersionRow>(
    `SELECT lesson_slug AS "lessonSlug", opened_content_hash AS "openedHash", completed_content_hash AS "completedHash"
       FROM lesson_progress WHERE user_id = ? AND course_slug = ? AND cycle = ? ORDER BY first_opened_at, lesson_slug`,
    [userId, courseSlug, cycle],
  );
}

/** The lesson hashes a completion record froze (JSON text), or undefined. */
export async function getCompletionLessonHashes(d: Engine, completionId: number): Promise<string | undefined> {
  return (await d.get<{ h: string }>("SELECT lesson_hashes AS h FROM course_completions WHERE id = ?", [completionId]))?.h;
}

/** When each later cycle of a learner's course opened (cycle 1 has no row: it is the enrolment). */
export async function listCycleOpenings(d: Engine, userId: number, courseSlug: string): Promise<{ cycle: number; openedAt: number }[]> {
  return d.all<{ cycle: number; openedAt: number }>('SELECT cycle, opened_at AS "openedAt" FROM enrolment_cycles WHERE user_id = ? AND course_slug = ? ORDER BY cycle', [userId, courseSlug]);
}

export type ExportEventRow = {
  id: number;
  at: number;
  subject: string | null;
  data: string;
  actorLastName: string | null;
  actorFirstName: string | null;
};

/**
 * The `admin.export` events made for a company: those naming it (`data.companyId` or
 * `data.filters.companyId`), or one of its plans (`data.filters.plan`), and the others made
 * while the exporter worked in it (the company a provider admin switched to on that sign-in
 * session, else the exporter's own company). Oldest first.
 */
export async function listCompanyExports(d: Engine, company: number): Promise<ExportEventRow[]> {
  const companyId = jsonNumberAt(d, "ae.data", ["companyId"]);
  const filterCompanyId = jsonNumberAt(d, "ae.data", ["filters", "companyId"]);
  const filterPlan = jsonNumberAt(d, "ae.data", ["filters", "plan"]);
  return d.all<ExportEventRow>(
    `SELECT ae.id, ae.at, ae.subject, ae.data, u.last_name AS "actorLastName", u.first_name AS "actorFirstName"
       FROM audit_events ae
       LEFT JOIN users u ON u.id = ae.actor_user_id
       LEFT JOIN auth_sessions s ON s.id = ae.session_id
      WHERE ae.type = 'admin.export'
        AND CASE
              WHEN coalesce(${companyId}, ${filterCompanyId}) IS NOT NULL
                THEN coalesce(${companyId}, ${filterCompanyId}) = @company
              WHEN CAST(${filterPlan} AS INTEGER) > 0
                THEN CAST(${filterPlan} AS INTEGER) IN (SELECT id FROM funding_plans WHERE company_id = @company)
              ELSE coalesce(s.company_id, u.company_id) = @company
            END
      ORDER BY ae.id`,
    { company },
  );
}

/** The newest audit event's id and hash, or undefined on an empty trail. */
export async function getAuditHead(d: Engine): Promise<{ id: number; hash: string } | undefined> {
  return d.get<{ id: number; hash: string }>("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1");
}
