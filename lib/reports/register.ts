import "server-only";
import type { Engine } from "@/db/engine/types";
import { listCoursesWithData, type CourseParams, type RegisterDbRow } from "@/db/queries/register";
import { listSessions, type SessionDbRow, type SessionsFilter } from "@/db/queries/sessions";
import type { Course } from "@/lib/content/catalog";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { ContentLocale } from "@/lib/content/names";
import type { ExportColumn } from "./columns";
import { decimalHours, formatRomeDate, formatRomeDateTime } from "./format";
import { fundingOfRow, type FundingReferences } from "./funding";
import type { DataScope } from "@/db/queries/scope";
import { planIncludesCourse } from "@/db/queries/plans";
import { sessionEnd, SESSION_END_LABELS_IT, type SessionEndKind } from "./session-end";
import { STATUS_LABELS_IT, type ParticipantStatus } from "./status";

/** A course as the reports see it: from the catalog, or only from the data left behind. */
export type ReportCourse = {
  slug: string;
  course: Course | null;
  params: CourseParams;
  title: (locale: ContentLocale) => string;
};

export function courseParams(course: Course): CourseParams {
  return {
    slug: course.slug,
    plannedMinutes: course.plannedMinutes,
    maxAttempts: course.finalTest?.maxAttempts ?? null,
    lessonSlugs: publishedLessons(course).map((l) => l.slug),
  };
}

/**
 * A course known to the catalog (any status: a draft course may have test data) or one that
 * only has learner data left (removed from the catalog; the register must still show it).
 */
export async function reportCourse(d: Engine, scope: DataScope, slug: string, contentRoot?: string): Promise<ReportCourse | null> {
  // A scope limited to one plan (an inspector's) reaches only that plan's courses.
  if (scope.planId != null && !await planIncludesCourse(d, scope.planId, slug)) return null;
  const course = getCourse(slug, contentRoot);
  if (course) return { slug, course, params: courseParams(course), title: (locale) => localized(course.title, locale) };
  if (!(await listCoursesWithData(d, scope)).includes(slug)) return null;
  return { slug, course: null, params: { slug, plannedMinutes: 0, maxAttempts: null, lessonSlugs: [] }, title: () => slug };
}

/** Every course for the overview: the catalog's, then any others that still have data. */
export async function listReportCourses(d: Engine, scope: DataScope, catalog: readonly Course[], contentRoot?: string): Promise<ReportCourse[]> {
  const known = new Set(catalog.map((c) => c.slug));
  const out: ReportCourse[] = [];
  for (const slug of [...catalog.map((c) => c.slug), ...(await listCoursesWithData(d, scope)).filter((s) => !known.has(s))]) {
    const course = await reportCourse(d, scope, slug, contentRoot);
    if (course) out.push(course);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Register (participants)

export type RegisterRow = {
  userId: number;
  lastName: string;
  firstName: string;
  fiscalCode: string | null;
  email: string;
  companyName: string | null;
  companyTaxCode: string | null;
  companyInps: string | null;
  department: string | null;
  qualification: string | null;
  contractType: string | null;
  active: boolean;
  courseSlug: string;
  courseTitle: string;
  /** The learner's cycle of the course (1, then one per recertification). */
  cycle: number;
  planId: number | null;
  funding: FundingReferences;
  plannedMinutes: number;
  attendedSeconds: number;
  attendancePercent: number;
  firstAccess: Date | null;
  lastAccess: Date | null;
  completedAt: Date | null;
  finalScore: number | null;
  finalAttempts: number;
  finalPassed: boolean;
  lessonsCompleted: number;
  lessonsTotal: number;
  certificateCode: string | null;
  certificateRevoked: boolean;
  certificateExpiresAt: Date | null;
  /** Earliest due date of the person's enrolments (`YYYY-MM-DD`), or null. */
  dueDate: string | null;
  status: ParticipantStatus;
  overdue: boolean;
};

const date = (s: number | null) => (s === null ? null : new Date(s * 1000));

export function toRegisterRow(r: RegisterDbRow, course: ReportCourse): RegisterRow {
  return {
    userId: r.userId,
    lastName: r.lastName,
    firstName: r.firstName,
    fiscalCode: r.fiscalCode,
    email: r.email,
    companyName: r.companyName,
    companyTaxCode: r.companyTaxCode,
    companyInps: r.companyInps,
    department: r.department,
    qualification: r.qualification,
    contractType: r.contractType,
    active: r.active === 1,
    courseSlug: course.slug,
    courseTitle: course.title("it"),
    cycle: r.cycle,
    planId: r.planId,
    funding: fundingOfRow(r),
    plannedMinutes: r.plannedMinutes,
    attendedSeconds: r.attendedSeconds,
    attendancePercent: r.attendancePercent,
    firstAccess: date(r.firstAccess),
    lastAccess: date(r.lastAccess),
    completedAt: date(r.completedAt),
    finalScore: r.finalScore === null ? null : Math.round(r.finalScore * 10) / 10,
    finalAttempts: r.finalAttempts,
    finalPassed: r.finalPassed === 1,
    lessonsCompleted: r.lessonsCompleted,
    lessonsTotal: course.params.lessonSlugs.length,
    certificateCode: r.certificateCode,
    certificateRevoked: r.certificateRevokedAt !== null,
    certificateExpiresAt: date(r.certificateExpiresAt),
    dueDate: r.dueDate,
    overdue: r.overdue === 1,
    status: r.status,
  };
}

/** The register's columns, in the order of the funds' templates (participant, company, course, attendance, outcome). */
export const REGISTER_COLUMNS: readonly ExportColumn<RegisterRow>[] = [
  { header: "Cognome", kind: "text", width: 18, value: (r) => r.lastName },
  { header: "Nome", kind: "text", width: 16, value: (r) => r.firstName },
  { header: "Codice fiscale", kind: "text", width: 19, value: (r) => r.fiscalCode },
  { header: "E-mail", kind: "text", width: 28, value: (r) => r.email },
  { header: "Azienda", kind: "text", width: 24, value: (r) => r.companyName },
  { header: "CF/P.IVA azienda", kind: "text", width: 16, value: (r) => r.companyTaxCode },
  { header: "Matricola INPS", kind: "text", width: 14, value: (r) => r.companyInps },
  { header: "Reparto", kind: "text", width: 18, value: (r) => r.department },
  { header: "Qualifica", kind: "text", width: 14, value: (r) => r.qualification },
  { header: "Tipo contratto", kind: "text", width: 18, value: (r) => r.contractType },
  { header: "Corso", kind: "text", width: 34, value: (r) => r.courseTitle },
  { header: "Codice corso", kind: "text", width: 20, value: (r) => r.courseSlug },
  { header: "Ciclo", kind: "integer", width: 8, value: (r) => r.cycle },
  { header: "Fondo", kind: "text", width: 16, value: (r) => r.funding.fund },
  { header: "Piano formativo", kind: "text", width: 18, value: (r) => r.funding.plan },
  { header: "Avviso", kind: "text", width: 14, value: (r) => r.funding.avviso },
  { header: "Protocollo", kind: "text", width: 14, value: (r) => r.funding.protocol },
  { header: "CUP", kind: "text", width: 16, value: (r) => r.funding.cup },
  { header: "Ore previste (h:mm)", kind: "duration-minutes", width: 12, value: (r) => r.plannedMinutes * 60 },
  { header: "Ore previste (decimali)", kind: "decimal", width: 12, value: (r) => decimalHours(r.plannedMinutes * 60) },
  { header: "Ore frequentate (h:mm)", kind: "duration-minutes", width: 12, value: (r) => r.attendedSeconds },
  { header: "Ore frequentate (decimali)", kind: "decimal", width: 12, value: (r) => decimalHours(r.attendedSeconds) },
  { header: "Frequenza %", kind: "percent", width: 10, value: (r) => r.attendancePercent },
  { header: "Lezioni completate", kind: "integer", width: 10, value: (r) => r.lessonsCompleted },
  { header: "Primo accesso", kind: "datetime", width: 20, value: (r) => r.firstAccess },
  { header: "Ultimo accesso", kind: "datetime", width: 20, value: (r) => r.lastAccess },
  { header: "Data completamento", kind: "datetime", width: 20, value: (r) => r.completedAt },
  { header: "Punteggio test finale %", kind: "percent", width: 10, value: (r) => r.finalScore },
  { header: "Tentativi test finale", kind: "integer", width: 10, value: (r) => r.finalAttempts },
  { header: "Esito", kind: "text", width: 12, value: (r) => STATUS_LABELS_IT[r.status] },
  { header: "Scadenza", kind: "text", width: 12, value: (r) => (r.dueDate ? `${r.dueDate.slice(8, 10)}/${r.dueDate.slice(5, 7)}/${r.dueDate.slice(0, 4)}` : null) },
  { header: "In ritardo", kind: "text", width: 10, value: (r) => (r.overdue ? "sì" : "no") },
  { header: "Attestato", kind: "text", width: 22, value: (r) => (r.certificateCode ? `${r.certificateCode}${r.certificateRevoked ? " (revocato)" : ""}` : null) },
  { header: "Scadenza attestato", kind: "text", width: 14, value: (r) => (r.certificateExpiresAt ? formatRomeDate(r.certificateExpiresAt) : null) },
];

// ---------------------------------------------------------------------------------------
// Access log (sessions)

export type SessionLesson = { key: string; title: string; seconds: number | null };
export type SessionAttempt = { courseSlug: string; quizId: string; number: number; score: number | null; passed: boolean; submittedAt: Date };

export type SessionRow = {
  id: string;
  userId: number;
  lastName: string;
  firstName: string;
  fiscalCode: string | null;
  email: string;
  department: string | null;
  funding: FundingReferences;
  loginAt: Date;
  lastActivityAt: Date;
  logoutAt: Date | null;
  endKind: SessionEndKind;
  durationSeconds: number;
  activeSeconds: number;
  lessons: SessionLesson[];
  attempts: SessionAttempt[];
};

/** A lesson's title for the log: its Italian title (prefixed by the course's when the log spans courses). */
export function lessonLabel(key: string, withCourse: boolean, contentRoot?: string): string {
  const [courseSlug, lessonSlug] = key.split("/");
  const course = courseSlug ? getCourse(courseSlug, contentRoot) : null;
  const lesson = course?.lessons.find((l) => l.slug === lessonSlug);
  const title = lesson ? `${String(lesson.number).padStart(2, "0")} ${lesson.locales.it.frontmatter.title}` : (lessonSlug ?? key);
  if (!withCourse) return title;
  return `${course ? localized(course.title, "it") : courseSlug} › ${title}`;
}

export function toSessionRow(r: SessionDbRow, ctx: { funding: FundingReferences; withCourse: boolean; nowSeconds: number; contentRoot?: string }): SessionRow {
  const end = sessionEnd(r, ctx.nowSeconds);
  const seconds = new Map<string, number>();
  for (const line of r.lessonSeconds?.split("\n") ?? []) {
    const i = line.lastIndexOf("=");
    if (i > 0) seconds.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  const keys = [...new Set([...(r.lessonsOpened?.split("\n") ?? []), ...seconds.keys()])].filter(Boolean);
  const attempts = (r.attempts?.split("\n") ?? []).filter(Boolean).map((line): SessionAttempt => {
    const [courseSlug = "", quizId = "", number = "0", score = "", passed = "", submittedAt = "0"] = line.split("|");
    return { courseSlug, quizId, number: Number(number), score: score === "" ? null : Number(score), passed: passed === "1", submittedAt: new Date(Number(submittedAt) * 1000) };
  });
  attempts.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  return {
    id: r.id,
    userId: r.userId,
    lastName: r.lastName,
    firstName: r.firstName,
    fiscalCode: r.fiscalCode,
    email: r.email,
    department: r.department,
    funding: ctx.funding,
    loginAt: new Date(r.loginAt * 1000),
    lastActivityAt: new Date(end.lastActivityAt * 1000),
    logoutAt: end.logoutAt === null ? null : new Date(end.logoutAt * 1000),
    endKind: end.kind,
    durationSeconds: end.durationSeconds,
    activeSeconds: r.activeSeconds,
    lessons: keys.map((key) => ({ key, title: lessonLabel(key, ctx.withCourse, ctx.contentRoot), seconds: seconds.get(key) ?? null })),
    attempts,
  };
}

/** The newest sessions matching `filter`, ready to show (lessons named, logout inferred as of `now`). */
export async function listSessionRows(d: Engine, filter: SessionsFilter, limit: number, funding: FundingReferences, now = new Date()): Promise<SessionRow[]> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return (await listSessions(d, filter, limit)).map((s) => toSessionRow(s, { funding, withCourse: !filter.courseSlug, nowSeconds }));
}

const hms = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;

export const SESSION_COLUMNS: readonly ExportColumn<SessionRow>[] = [
  { header: "Cognome", kind: "text", width: 18, value: (r) => r.lastName },
  { header: "Nome", kind: "text", width: 16, value: (r) => r.firstName },
  { header: "Codice fiscale", kind: "text", width: 19, value: (r) => r.fiscalCode },
  { header: "E-mail", kind: "text", width: 28, value: (r) => r.email },
  { header: "Reparto", kind: "text", width: 18, value: (r) => r.department },
  { header: "Fondo", kind: "text", width: 16, value: (r) => r.funding.fund },
  { header: "Piano formativo", kind: "text", width: 18, value: (r) => r.funding.plan },
  { header: "Avviso", kind: "text", width: 14, value: (r) => r.funding.avviso },
  { header: "Protocollo", kind: "text", width: 14, value: (r) => r.funding.protocol },
  { header: "Login", kind: "datetime", width: 20, value: (r) => r.loginAt },
  { header: "Ultima attività", kind: "datetime", width: 20, value: (r) => r.lastActivityAt },
  { header: "Logout", kind: "datetime", width: 20, value: (r) => r.logoutAt },
  { header: "Tipo di uscita", kind: "text", width: 30, value: (r) => SESSION_END_LABELS_IT[r.endKind] },
  { header: "Durata (h:mm:ss)", kind: "duration-seconds", width: 12, value: (r) => r.durationSeconds },
  { header: "Tempo attivo (h:mm:ss)", kind: "duration-seconds", width: 12, value: (r) => r.activeSeconds },
  { header: "Lezioni aperte", kind: "text", width: 50, value: (r) => r.lessons.map((l) => l.title).join(" | ") || null },
  {
    header: "Tempo attivo per lezione",
    kind: "text",
    width: 50,
    value: (r) =>
      r.lessons
        .filter((l) => l.seconds !== null)
        .map((l) => `${l.title}: ${hms(l.seconds!)}`)
        .join(" | ") || null,
  },
  {
    header: "Test finale",
    kind: "text",
    width: 40,
    value: (r) =>
      r.attempts.map((a) => `tentativo ${a.number} (${formatRomeDateTime(a.submittedAt).slice(11)}): ${a.score === null ? "—" : `${String(a.score).replace(".", ",")}%`} ${a.passed ? "superato" : "non superato"}`).join(" | ") || null,
  },
  { header: "ID sessione", kind: "text", width: 38, value: (r) => r.id },
];
