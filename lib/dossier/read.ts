import "server-only";
import type { Engine } from "@/db/engine/types";
import { getCompanyById } from "@/db/queries/company-texts";
import { getAuditHead, getCompletionLessonHashes, listCompanyExports, listCycleOpenings, listFinalAttempts, listLessonVersions } from "@/db/queries/dossier";
import { listPlans, type PlanWithCourses } from "@/db/queries/plans";
import { listRegister } from "@/db/queries/register";
import { listSessionsInOrder } from "@/db/queries/sessions";
import type { Company } from "@/db/schema";
import type { CompanyScope } from "@/lib/auth/scope";
import type { Course } from "@/lib/content/catalog";
import { finalBank, getCourse, publishedLessons } from "@/lib/content/lookup";
import { localized, type Source } from "@/lib/content/schemas";
import { policyRequired } from "@/lib/progress/complete-course";
import { FUND_LABELS_IT, fundingOf } from "@/lib/reports/funding";
import { reportCourse, toRegisterRow, toSessionRow, type ReportCourse } from "@/lib/reports/register";
import { registerClock } from "@/lib/reports/register-clock";
import { exportSubject } from "./export-labels";
import { planInScope } from "./plan-scope";
import { presenceSource } from "./presence";
import type {
  DossierCompany,
  DossierCourse,
  DossierCourseSection,
  DossierExport,
  DossierParticipant,
  DossierPlan,
  DossierSession,
  DossierSource,
  PlanDossierInput,
} from "./types";

/**
 * Everything a plan's dossier prints, read in one snapshot (a read transaction): the plan and its
 * company, its courses from the catalog with the plan's overrides of the completion rule, and
 * per participation (a learner's cycle of a course under this plan) the register's figures —
 * the very rows the register CSV/XLSX exports for `?plan=<id>`, so hours, attendance, status and
 * certificate cannot differ — with the sessions of the access log (same session-end rules),
 * the final-test attempts and the lesson versions opened and completed; then the exports made
 * for the company and the audit chain's head.
 */

export type ReadOptions = { now?: Date; contentRoot?: string };

/** The plan's part of the dossier without its participants: what the page needs to say whether the declaration can be printed. */
export type PlanDossierHeader = Pick<PlanDossierInput, "plan" | "company"> & { courses: DossierCourse[] };

export const DELIVERY_MODE = "FAD asincrona (e-learning su piattaforma)";

function dossierPlan(plan: PlanWithCourses, company: Company, presenceCheck: boolean): DossierPlan {
  return {
    id: String(plan.id),
    fund: FUND_LABELS_IT[plan.fund] ?? plan.fund,
    funded: plan.fund !== "non-finanziato",
    avviso: plan.avviso,
    title: plan.title,
    protocol: plan.protocol,
    projectTitle: plan.projectTitle,
    cup: plan.cup,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    // Whoever signs the plan's certificates (else the company's signer) answers for the training.
    trainingManager: plan.signerName ? { name: plan.signerName, role: plan.signerRole } : { name: company.signerName, role: company.signerRole },
    presenceCheck,
  };
}

function dossierCompany(c: Company): DossierCompany {
  return { name: c.name, taxCode: c.taxCode, inpsNumber: c.inpsNumber, address: c.address, city: c.city, legalRepresentative: c.legalRepresentative };
}

function source(s: Source): DossierSource {
  return typeof s === "string" ? { title: s, ref: null, url: null } : { title: s.title, ref: s.ref ?? null, url: s.url ?? null };
}

/** A course as the plan applies it: the catalog's settings, the plan's threshold and final-test requirement over them. */
export function dossierCourse(course: Course, plan: Pick<PlanWithCourses, "attendanceThreshold" | "finalTestRequired">): DossierCourse {
  const test = course.finalTest;
  const bank = finalBank(course);
  return {
    slug: course.slug,
    title: localized(course.title, "it"),
    version: course.version,
    plannedMinutes: course.plannedMinutes,
    deliveryMode: DELIVERY_MODE,
    objectives: localized(course.objectives, "it"),
    lessons: publishedLessons(course).map((l) => {
      const fm = l.locales.it.frontmatter;
      return { number: l.number, slug: l.slug, title: fm.title, minutes: fm.duration, objectives: fm.objectives, sources: (fm.sources ?? []).map(source), contentHash: l.locales.it.contentHash };
    }),
    finalTest:
      test && bank
        ? {
            questionsPerAttempt: test.questions,
            bankSize: bank.questions.length,
            perRisk: Object.fromEntries(Object.entries(test.perRisk ?? {}).filter((e): e is [string, number] => typeof e[1] === "number")),
            maxAttempts: test.maxAttempts,
            timeLimitMinutes: test.timeLimitMinutes,
            waitMinutes: test.waitMinutes,
            passMark: course.completion.passMark,
            partialCredit: test.partialCredit,
          }
        : null,
    completionRule: {
      forcedSequence: course.completion.forcedSequence,
      attendanceThreshold: plan.attendanceThreshold ?? course.completion.attendanceThreshold,
      finalTestRequired: test !== undefined && test !== null && plan.finalTestRequired !== false,
      passMark: course.completion.passMark,
      requirePolicyAck: policyRequired(course),
    },
  };
}

/** A plan's course no longer in the catalog: its evidence stays, described by what is left. */
function orphanCourse(slug: string, plan: Pick<PlanWithCourses, "attendanceThreshold">): DossierCourse {
  return {
    slug,
    title: `Corso non più pubblicato (${slug})`,
    version: "—",
    plannedMinutes: 0,
    deliveryMode: DELIVERY_MODE,
    objectives: [],
    lessons: [],
    finalTest: null,
    completionRule: { forcedSequence: true, attendanceThreshold: plan.attendanceThreshold ?? 70, finalTestRequired: false, passMark: 0, requirePolicyAck: false },
  };
}

/** The plan, its company and its courses, or null when the plan is not in the caller's scope. */
export async function readPlanDossierHeader(d: Engine, scope: CompanyScope, planId: number, o: ReadOptions = {}): Promise<PlanDossierHeader | null> {
  const plan = await planInScope(d, scope, planId);
  if (!plan) return null;
  const company = await getCompanyById(d, plan.companyId);
  if (!company) return null;
  return {
    plan: dossierPlan(plan, company, (await presenceSource(d, plan)).planAsks),
    company: dossierCompany(company),
    courses: plan.courses.map((slug) => {
      const course = getCourse(slug, o.contentRoot);
      return course ? dossierCourse(course, plan) : orphanCourse(slug, plan);
    }),
  };
}

/**
 * The whole dossier of a plan, or null when the plan is not in the caller's scope.
 * `now` decides what "still open" means (sessions, attempts) and is printed as the generation
 * time; tests inject it.
 */
export async function readPlanDossier(d: Engine, scope: CompanyScope, planId: number, o: ReadOptions = {}): Promise<PlanDossierInput | null> {
  const now = o.now ?? new Date();
  return d.read(async () => {
    const header = await readPlanDossierHeader(d, scope, planId, o);
    if (!header) return null;
    const plan = (await planInScope(d, scope, planId))!;
    const courses: DossierCourseSection[] = [];
    for (const course of header.courses) {
      const rc = await reportCourse(d, scope, course.slug, o.contentRoot);
      courses.push({ course, participants: rc ? await participants(d, scope, plan, rc, course, now, o.contentRoot) : [] });
    }
    const names = new Map(courses.flatMap((c) => c.participants.map((p) => [p.userId, `${p.lastName} ${p.firstName}`] as const)));
    const head = await getAuditHead(d);
    return {
      plan: header.plan,
      company: header.company,
      courses,
      exports: await exports(d, plan.companyId, names, o.contentRoot),
      auditHead: head ? { id: head.id, hash: head.hash } : null,
      generatedAt: now,
    };
  });
}

async function participants(d: Engine, scope: CompanyScope, plan: PlanWithCourses, rc: ReportCourse, course: DossierCourse, now: Date, contentRoot?: string): Promise<DossierParticipant[]> {
  const rows = await listRegister(d, { course: rc.params, scope, filter: { plan: plan.id }, sort: { key: "name", dir: "asc" }, clock: registerClock(now) });
  const numbers = new Map(course.lessons.map((l) => [l.slug, l.number]));
  const presence = await presenceSource(d, plan);
  const out: DossierParticipant[] = [];
  for (const db of rows) {
    const r = toRegisterRow(db, rc);
    const frozen = db.completionId === null ? undefined : await getCompletionLessonHashes(d, db.completionId);
    out.push({
      userId: r.userId,
      cycle: r.cycle,
      lastName: r.lastName,
      firstName: r.firstName,
      fiscalCode: r.fiscalCode,
      email: r.email,
      department: r.department,
      status: r.status,
      activeSeconds: r.attendedSeconds,
      attendancePercent: r.attendancePercent,
      firstAccess: r.firstAccess,
      lastAccess: r.lastAccess,
      completedAt: r.completedAt,
      finalScore: r.finalScore,
      attempts: (await listFinalAttempts(d, r.userId, rc.slug, r.cycle)).map((a) => ({
        number: a.number,
        startedAt: new Date(a.startedAt * 1000),
        submittedAt: a.submittedAt === null ? null : new Date(a.submittedAt * 1000),
        scorePercent: a.scorePercent === null ? null : Math.round(a.scorePercent * 10) / 10,
        passed: a.passed === null ? null : a.passed === 1,
      })),
      certificate: r.certificateCode ? { code: r.certificateCode, revoked: r.certificateRevoked } : null,
      sessions: await sessions(d, scope, rc.slug, r.userId, r.cycle, numbers, now, contentRoot),
      presenceChecks: presence.checks({ userId: r.userId, courseSlug: rc.slug, cycle: r.cycle }, (slug) => numbers.get(slug) ?? null),
      lessonVersions: (await listLessonVersions(d, r.userId, rc.slug, r.cycle)).map((v) => ({ lessonNumber: numbers.get(v.lessonSlug) ?? 0, lessonSlug: v.lessonSlug, openedHash: v.openedHash, completedHash: v.completedHash })),
      completionLessonHashes: frozen === undefined ? null : (JSON.parse(frozen) as Record<string, string>),
    });
  }
  return out;
}

/**
 * The access log's sessions of one participation: the learner's sign-ins with activity in the
 * course, within the cycle (from its opening to the next cycle's), with the export's logout and
 * active-time rules (`toSessionRow`).
 */
async function sessions(d: Engine, scope: CompanyScope, courseSlug: string, userId: number, cycle: number, numbers: Map<string, number>, now: Date, contentRoot?: string): Promise<DossierSession[]> {
  const openings = new Map((await listCycleOpenings(d, userId, courseSlug)).map((c) => [c.cycle, c.openedAt]));
  const from = openings.get(cycle);
  const before = openings.get(cycle + 1);
  const rows = await listSessionsInOrder(d, {
    scope,
    userId,
    courseSlug,
    from: from === undefined ? undefined : new Date(from * 1000),
    before: before === undefined ? undefined : new Date(before * 1000),
  });
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return rows.map((s) => {
    const row = toSessionRow(s, { funding: fundingOf(null), withCourse: false, nowSeconds, contentRoot });
    const lessons = row.lessons.map((l) => numbers.get(l.key.slice(courseSlug.length + 1))).filter((n): n is number => n !== undefined);
    return { id: row.id, loginAt: row.loginAt, logoutAt: row.logoutAt, endKind: row.endKind, activeSeconds: row.activeSeconds, lessons: [...new Set(lessons)] };
  });
}

async function exports(d: Engine, companyId: number, names: Map<number, string>, contentRoot?: string): Promise<DossierExport[]> {
  const plans = new Map((await listPlans(d, { companyId })).map((p) => [p.id, p.title]));
  return (await listCompanyExports(d, companyId)).map((e) => {
    const data = JSON.parse(e.data) as { format?: string; rows?: number; sha256?: string | null; complete?: boolean; filters?: Record<string, unknown> };
    return {
      at: new Date(e.at * 1000),
      auditId: e.id,
      actor: e.actorLastName === null ? null : `${e.actorLastName} ${e.actorFirstName ?? ""}`.trim(),
      subject: exportSubject(e.subject, data.filters ?? {}, { plans, names, courseTitle: (slug) => { const c = getCourse(slug, contentRoot); return c ? localized(c.title, "it") : null; } }),
      format: (data.format ?? "—").toUpperCase(),
      rows: typeof data.rows === "number" ? data.rows : null,
      sha256: data.sha256 ?? null,
      complete: data.complete !== false,
    };
  });
}
