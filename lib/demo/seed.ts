import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/open";
import { companies, type Role } from "@/db/schema";
import { createUserIfMissing, findUserByEmail } from "@/db/queries/users";
import { getCompletion } from "@/db/queries/completions";
import { recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { recordHeartbeat, startLearnerClock } from "@/db/queries/heartbeat";
import { acknowledgePolicy, hasAcknowledgedPolicy } from "@/db/queries/policy";
import { finalBank, getCourse, publishedCourses, publishedLessons } from "@/lib/content/lookup";
import { addEnrolmentRule, listRules } from "@/db/queries/enrolment";
import { socialMediaPolicy } from "@/lib/policy/policy";
import { parseDrawn, questionsById, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import { completeCourseIfDue } from "@/lib/progress/complete-course";
import { hashPassword } from "@/lib/auth/password";

/** Demo only: documented in the README, never used by `npm start`. */
export const DEMO_PASSWORD = "binomio-demo";
export const DEMO_COMPANY = "Officine Demo S.r.l.";
/** The course the demo shows, and the demo learner who has already completed it. */
export const DEMO_COURSE = "lavoro-e-social-media";
export const DEMO_COMPLETED_LEARNER = "davide.marino@example.com";

type DemoPerson = { email: string; fiscalCode: string; firstName: string; lastName: string; roles: Role[]; department: string; qualification: string };

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { email: "admin@example.com", fiscalCode: "CNTLSN85C52F205A", firstName: "Alessandra", lastName: "Conti", roles: ["admin"], department: "Risorse umane", qualification: "Quadro" },
  { email: "trainer@example.com", fiscalCode: "FRRMRC79E03H501S", firstName: "Marco", lastName: "Ferri", roles: ["trainer"], department: "Formazione", qualification: "Impiegato" },
  { email: "learner@example.com", fiscalCode: "RMNGLI92H61L219M", firstName: "Giulia", lastName: "Romano", roles: ["learner"], department: "Vendite", qualification: "Impiegato" },
  { email: "luca.bianchi@example.com", fiscalCode: "BNCLCU88A15F839O", firstName: "Luca", lastName: "Bianchi", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "sara.esposito@example.com", fiscalCode: "SPSSRA90S47A944X", firstName: "Sara", lastName: "Esposito", roles: ["learner"], department: "Amministrazione", qualification: "Impiegato" },
  { email: "paolo.ricci@example.com", fiscalCode: "RCCPLA83D09F205D", firstName: "Paolo", lastName: "Ricci", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "elena.greco@example.com", fiscalCode: "GRCLNE95B64H501D", firstName: "Elena", lastName: "Greco", roles: ["learner"], department: "Marketing", qualification: "Impiegato" },
  { email: "chiara.colombo@example.com", fiscalCode: "CLMCHR93L58L219E", firstName: "Chiara", lastName: "Colombo", roles: ["learner"], department: "Logistica", qualification: "Impiegato" },
  { email: "matteo.gallo@example.com", fiscalCode: "GLLMTT87M22F839S", firstName: "Matteo", lastName: "Gallo", roles: ["learner"], department: "Assistenza clienti", qualification: "Impiegato" },
  { email: "davide.marino@example.com", fiscalCode: "MRNDVD81P30A944C", firstName: "Davide", lastName: "Marino", roles: ["learner", "trainer"], department: "Vendite", qualification: "Quadro" },
];

/**
 * Seeds the demo company and its people. Idempotent: existing rows are left as they are,
 * so re-running `npm run demo` never duplicates or resets anybody.
 */
export async function seedDemo(d: AppDatabase): Promise<{ created: number }> {
  const company =
    d.orm.select().from(companies).where(eq(companies.name, DEMO_COMPANY)).get() ??
    d.orm
      .insert(companies)
      .values({ name: DEMO_COMPANY, taxCode: "01234567897", inpsNumber: "1234567890", city: "Milano", signerName: "Alessandra Conti", signerRole: "Responsabile della formazione" })
      .returning()
      .get();
  const hash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const p of DEMO_PEOPLE) {
    const r = createUserIfMissing(d, { ...p, passwordHash: hash, companyId: company.id, contractType: "Tempo indeterminato" });
    if (r.created) created++;
  }
  // Everyone in the demo company takes every published course, due in 30 days.
  const ruled = new Set(listRules(d).map((r) => r.courseSlug));
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const course of publishedCourses()) {
    if (!ruled.has(course.slug)) addEnrolmentRule(d, { courseSlug: course.slug, scope: "everyone", department: null, dueDate: due, createdBy: null });
  }
  return { created };
}

/**
 * Demo only: walks one learner through a whole course with the app's own write paths —
 * lesson openings, heartbeats every 30 s for 90 % of each lesson's planned time, completions,
 * the policy acknowledgement and a passed final test — dated in the past, so the demo has a
 * completed learner with a certificate. Idempotent: does nothing once the course is complete.
 */
export function seedCompletedLearner(d: AppDatabase, email: string, courseSlug: string, start: Date): boolean {
  const user = findUserByEmail(d, email);
  const course = getCourse(courseSlug);
  if (!user || !course || getCompletion(d, user.id, courseSlug)) return false;
  let now = start.getTime();
  const at = () => new Date(now);
  const policy = socialMediaPolicy();
  if (policy && !hasAcknowledgedPolicy(d, user.id, policy.version)) acknowledgePolicy(d, user.id, policy.version, courseSlug, at());
  for (const lesson of publishedLessons(course)) {
    const entry = { userId: user.id, courseSlug, lessonSlug: lesson.slug, contentHash: lesson.locales.it.contentHash };
    recordLessonOpened(d, { ...entry, now: at() });
    startLearnerClock(d, user.id, now);
    const beats = Math.ceil((lesson.locales.it.frontmatter.duration * 60 * 0.9) / 30);
    for (let i = 0; i < beats; i++) {
      now += 30_000;
      recordHeartbeat(d, { userId: user.id, sessionId: null, courseSlug, lessonSlug: lesson.slug, nowMs: now });
    }
    recordLessonCompleted(d, { ...entry, now: at() });
    now += 60_000;
  }
  const bank = finalBank(course);
  if (!bank) return completeCourseIfDue(d, { userId: user.id, courseSlug, now: at() }) !== null;
  const started = startAttempt(d, { userId: user.id, sessionId: null, courseSlug, quizId: bank.id, now: at() });
  if (!started.ok) return false;
  const byId = questionsById(bank);
  const answers = Object.fromEntries(
    parseDrawn(started.attempt).map((q) => [q.questionId, byId.get(q.questionId)!.options.filter((o) => o.correct).map((o) => o.id)]),
  );
  now += 10 * 60_000;
  return submitAttempt(d, { userId: user.id, attemptId: started.attempt.id, answers, now: at() }).ok;
}
