import "server-only";
import type { AppDatabase } from "../open";

/**
 * Reads behind the funded-training dossier (lib/dossier/read.ts) that no other module has: one
 * participation's final-test attempts, the lesson versions it opened and completed, the cycle
 * windows of a learner's course, the exports recorded in the audit trail for a company, and
 * the audit chain's head. The register's figures themselves come from db/queries/register.ts.
 */

export type DossierAttemptRow = { number: number; startedAt: number; submittedAt: number | null; scorePercent: number | null; passed: number | null };

/** Final-test attempts of one learner's cycle of a course, in order. */
export function listFinalAttempts(d: AppDatabase, userId: number, courseSlug: string, cycle: number): DossierAttemptRow[] {
  return d.sqlite
    .prepare(
      `SELECT attempt_number AS number, started_at AS startedAt, submitted_at AS submittedAt, score_percent AS scorePercent, passed
         FROM quiz_attempts WHERE user_id = ? AND course_slug = ? AND cycle = ? AND kind = 'final' ORDER BY attempt_number`,
    )
    .all(userId, courseSlug, cycle) as DossierAttemptRow[];
}

export type LessonVersionRow = { lessonSlug: string; openedHash: string; completedHash: string | null };

/** The lesson versions (content hashes) one learner's cycle opened and completed. */
export function listLessonVersions(d: AppDatabase, userId: number, courseSlug: string, cycle: number): LessonVersionRow[] {
  return d.sqlite
    .prepare(
      `SELECT lesson_slug AS lessonSlug, opened_content_hash AS openedHash, completed_content_hash AS completedHash
         FROM lesson_progress WHERE user_id = ? AND course_slug = ? AND cycle = ? ORDER BY first_opened_at, lesson_slug`,
    )
    .all(userId, courseSlug, cycle) as LessonVersionRow[];
}

/** The lesson hashes a completion record froze (JSON text), or undefined. */
export function getCompletionLessonHashes(d: AppDatabase, completionId: number): string | undefined {
  return (d.sqlite.prepare("SELECT lesson_hashes AS h FROM course_completions WHERE id = ?").get(completionId) as { h: string } | undefined)?.h;
}

/** When each later cycle of a learner's course opened (cycle 1 has no row: it is the enrolment). */
export function listCycleOpenings(d: AppDatabase, userId: number, courseSlug: string): { cycle: number; openedAt: number }[] {
  return d.sqlite
    .prepare("SELECT cycle, opened_at AS openedAt FROM enrolment_cycles WHERE user_id = ? AND course_slug = ? ORDER BY cycle")
    .all(userId, courseSlug) as { cycle: number; openedAt: number }[];
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
export function listCompanyExports(d: AppDatabase, companyId: number): ExportEventRow[] {
  return d.sqlite
    .prepare(
      `SELECT ae.id, ae.at, ae.subject, ae.data, u.last_name AS actorLastName, u.first_name AS actorFirstName
         FROM audit_events ae
         LEFT JOIN users u ON u.id = ae.actor_user_id
         LEFT JOIN auth_sessions s ON s.id = ae.session_id
        WHERE ae.type = 'admin.export'
          AND CASE
                WHEN coalesce(json_extract(ae.data, '$.companyId'), json_extract(ae.data, '$.filters.companyId')) IS NOT NULL
                  THEN coalesce(json_extract(ae.data, '$.companyId'), json_extract(ae.data, '$.filters.companyId')) = @company
                WHEN CAST(json_extract(ae.data, '$.filters.plan') AS INTEGER) > 0
                  THEN CAST(json_extract(ae.data, '$.filters.plan') AS INTEGER) IN (SELECT id FROM funding_plans WHERE company_id = @company)
                ELSE coalesce(s.company_id, u.company_id) = @company
              END
        ORDER BY ae.id`,
    )
    .all({ company: companyId }) as ExportEventRow[];
}

/** The newest audit event's id and hash, or undefined on an empty trail. */
export function getAuditHead(d: AppDatabase): { id: number; hash: string } | undefined {
  return d.sqlite.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string } | undefined;
}
