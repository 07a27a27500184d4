/**
 * TEST SUPPORT ONLY: the dossier input of `seedDossierPlan`'s plan, read with plain SQL — the
 * figures the ZIP needs (participants, their hours and certificates), not the full evidence.
 */
import type { AppDatabase } from "@/db/open";
import type { PlanDossierInput } from "@/lib/dossier/types";
import { FIXTURE_COURSE } from "./reports-seed";
import { DOSSIER_PLAN, type DossierSeed } from "./dossier-zip-seed";

type Row = { userId: number; lastName: string; firstName: string; fiscalCode: string | null; email: string; department: string | null; seconds: number; completedAt: number | null; code: string | null };

export function dossierInputFor(d: AppDatabase, seed: DossierSeed, generatedAt: Date): PlanDossierInput {
  const rows = d.sqlite
    .prepare(
      `SELECT u.id AS userId, u.last_name AS lastName, u.first_name AS firstName, u.fiscal_code AS fiscalCode, u.email, u.department,
              coalesce(cc.active_seconds, (SELECT sum(active_seconds) FROM lesson_progress lp WHERE lp.user_id = u.id), 0) AS seconds,
              cc.completed_at AS completedAt, c.code
         FROM enrolments e JOIN users u ON u.id = e.user_id
         LEFT JOIN course_completions cc ON cc.user_id = u.id AND cc.course_slug = e.course_slug
         LEFT JOIN certificates c ON c.completion_id = cc.id
        WHERE e.plan_id = ? ORDER BY u.last_name, u.first_name`,
    )
    .all(seed.planId) as Row[];
  const planned = 15;
  const { avviso, title, protocol, projectTitle, cup, startsOn, endsOn } = DOSSIER_PLAN;
  return {
    plan: {
      avviso, title, protocol, projectTitle, cup, startsOn, endsOn,
      id: String(seed.planId),
      fund: "Fondimpresa",
      trainingManager: { name: "Marco Formatori", role: "Responsabile della formazione" },
      presenceCheck: false,
    },
    company: { name: "Officine Test S.r.l.", taxCode: "01234567897", inpsNumber: "1234567890", address: "Via Roma 1", city: "Milano", legalRepresentative: "Alessandra Conti" },
    courses: [
      {
        course: {
          slug: FIXTURE_COURSE,
          title: "Corso valido",
          version: "1.0",
          plannedMinutes: planned,
          deliveryMode: "FAD asincrona",
          objectives: ["Verificare il caricamento"],
          lessons: [],
          finalTest: null,
          completionRule: { forcedSequence: true, attendanceThreshold: 70, finalTestRequired: true, passMark: 60, requirePolicyAck: false },
        },
        participants: rows.map((r) => ({
          userId: r.userId,
          cycle: 1,
          lastName: r.lastName,
          firstName: r.firstName,
          fiscalCode: r.fiscalCode,
          email: r.email,
          department: r.department,
          status: r.completedAt === null ? "in-corso" : "formato",
          activeSeconds: r.seconds,
          attendancePercent: Math.floor((r.seconds * 1000) / (planned * 60)) / 10,
          firstAccess: null,
          lastAccess: null,
          completedAt: r.completedAt === null ? null : new Date(r.completedAt * 1000),
          finalScore: null,
          attempts: [],
          certificate: r.code ? { code: r.code, revoked: false } : null,
          sessions: [],
          presenceChecks: [],
          lessonVersions: [],
          completionLessonHashes: null,
        })),
      },
    ],
    exports: [],
    auditHead: null,
    generatedAt,
  };
}
