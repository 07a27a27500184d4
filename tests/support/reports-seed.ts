/**
 * TEST SUPPORT ONLY (imported by tests/integration/reports-* and certificates-*): seeds
 * learners in every register state through the app's own write paths — progress, heartbeats,
 * quiz attempts, completion, sessions and audit events — against the fixture content. On the
 * engine, so on either database.
 */
import path from "node:path";
import { orm } from "@/db/engine/orm";
import type { Engine } from "@/db/engine/types";
import { createAuthSession, endAuthSession } from "@/db/queries/auth";
import { recordHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { recordLessonCompleted, recordLessonOpened } from "@/db/queries/progress";
import { createUserIfMissing } from "@/db/queries/users";
import { companies } from "@/db/schema";
import { findQuiz, parseDrawn, questionsById, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import { appendAuditEvent } from "@/lib/audit/trail";
import { completeCourseIfDue } from "@/lib/progress/complete-course";

export const FIXTURE_ROOT = path.resolve("tests/fixtures/content");
export const FIXTURE_COURSE = "valid-course";
export const FIXTURE_LESSONS = ["first-steps", "second-look"] as const;
/** valid-course: 15 planned minutes, 70 % → 630 s; final test of 3 questions, 2 attempts, partial credit. */
export const FIXTURE_ATTENDANCE_SECONDS = 630;
/**
 * When the register tests look: after every learner's plan ran, while corso-open-attempt's
 * last attempt (started around minute 420, 60-minute limit) is still open, and after
 * non-formato-expired's attempt ran out.
 */
export const SEED_QUERY_MINUTE = 450;

export type LearnerPlan = {
  key: string;
  firstName: string;
  lastName: string;
  fiscalCode?: string | null;
  department?: string | null;
  /** Lessons opened and completed, in order (opened only when `completeLessons` is false). */
  lessons: number;
  completeLessons?: boolean;
  /** Active seconds credited by heartbeats on the first lesson. */
  attend?: number;
  /** Final-test attempts, in order: "pass", "fail", "partial" (2 of 3 right), "open" (left open), "expired". */
  attempts?: ("pass" | "fail" | "partial" | "open" | "expired")[];
  deactivate?: boolean;
  /** Minutes after the seed's start at which this learner begins. */
  startMinute?: number;
};

export type SeededLearner = LearnerPlan & { id: number; sessionId: string };

const correctAnswers = (courseSlug: string, attemptQuestions: { questionId: string }[], mode: "pass" | "fail" | "partial") => {
  const byId = questionsById(findQuiz(courseSlug, "final", FIXTURE_ROOT)!.quiz);
  return Object.fromEntries(
    attemptQuestions.map((d, i) => {
      const q = byId.get(d.questionId)!;
      const right = mode === "pass" || (mode === "partial" && i < attemptQuestions.length - 1);
      return [d.questionId, right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]];
    }),
  );
};

/** Enrols by name (attempts require an enrolment); already enrolled, nothing changes. */
export async function enrol(d: Engine, userId: number, courseSlug: string): Promise<void> {
  await d.run("INSERT INTO enrolments (user_id, course_slug) VALUES (?, ?) ON CONFLICT DO NOTHING", [userId, courseSlug]);
}

/** The learner of a plan (created on first use, found after). */
export async function learnerUser(d: Engine, plan: LearnerPlan, companyId: number | null) {
  return (await createUserIfMissing(d, {
    email: `${plan.key}@example.com`,
    firstName: plan.firstName,
    lastName: plan.lastName,
    fiscalCode: plan.fiscalCode ?? null,
    department: plan.department ?? null,
    passwordHash: null,
    roles: ["learner"],
    companyId,
  })).user;
}

/**
 * Runs one learner's plan from `t0` (ms): a sign-in session, lessons opened (with the audit
 * event carrying the session id) and completed, heartbeats every 30 s, attempts; the submit
 * that passes completes the course when attendance is met.
 */
export async function seedLearner(d: Engine, plan: LearnerPlan, t0: number, companyId: number | null): Promise<SeededLearner> {
  const start = t0 + (plan.startMinute ?? 0) * 60_000;
  const user = await learnerUser(d, plan, companyId);
  await enrol(d, user.id, FIXTURE_COURSE);
  const sessionId = `sess-${plan.key}`;
  await createAuthSession(d, { id: sessionId, userId: user.id, ip: "127.0.0.1", userAgent: "vitest", now: new Date(start) });
  let clock = start;
  const lessons = FIXTURE_LESSONS.slice(0, plan.lessons);
  for (const [i, lessonSlug] of lessons.entries()) {
    clock += 60_000;
    await recordLessonOpened(d, { userId: user.id, courseSlug: FIXTURE_COURSE, lessonSlug, contentHash: "h", now: new Date(clock) });
    await appendAuditEvent(d, {
      type: "lesson.open",
      actorUserId: user.id,
      sessionId,
      subject: `lesson:${FIXTURE_COURSE}/${lessonSlug}`,
      data: { contentHash: "h", locale: "it" },
      at: new Date(clock),
    });
    if (i === 0 && plan.attend) {
      await startLearnerClock(d, user.id, clock);
      for (let s = 30; s <= plan.attend; s += 30) {
        await recordHeartbeat(d, { userId: user.id, sessionId, courseSlug: FIXTURE_COURSE, lessonSlug, nowMs: clock + s * 1000 });
      }
      clock += plan.attend * 1000;
    }
    if (plan.completeLessons !== false) {
      clock += 60_000;
      await recordLessonCompleted(d, { userId: user.id, courseSlug: FIXTURE_COURSE, lessonSlug, contentHash: "h", now: new Date(clock) });
    }
  }
  for (const mode of plan.attempts ?? []) {
    clock += 120_000;
    const started = await startAttempt(d, { userId: user.id, sessionId, courseSlug: FIXTURE_COURSE, quizId: "final", now: new Date(clock), contentRoot: FIXTURE_ROOT });
    if (!started.ok) throw new Error(`seed ${plan.key}: cannot start an attempt (${started.code})`);
    if (mode === "open") continue;
    if (mode === "expired") {
      clock += 2 * 3_600_000; // past the 60-minute limit and the grace: the attempt is used up
      continue;
    }
    clock += 60_000;
    const answers = correctAnswers(FIXTURE_COURSE, parseDrawn(started.attempt), mode);
    const submitted = await submitAttempt(d, { userId: user.id, attemptId: started.attempt.id, answers, answersAs: "authored", sessionId, now: new Date(clock), contentRoot: FIXTURE_ROOT });
    if (!submitted.ok) throw new Error(`seed ${plan.key}: submit failed (${submitted.code})`);
  }
  await completeCourseIfDue(d, { userId: user.id, courseSlug: FIXTURE_COURSE, sessionId, now: new Date(clock), contentRoot: FIXTURE_ROOT });
  clock += 30_000;
  await endAuthSession(d, sessionId, "sign-out", new Date(clock));
  if (plan.deactivate) await d.run("UPDATE users SET active = false, deactivated_at = ? WHERE id = ?", [Math.floor(clock / 1000) + 60, user.id]);
  return { ...plan, id: user.id, sessionId };
}

/** The learners of the register tests: every status, with names that stress CSV quoting. */
export const REGISTER_PLANS: readonly LearnerPlan[] = [
  { key: "formato-1", firstName: "Anna", lastName: "Neri", fiscalCode: "NRENNA80A41H501U", department: "Vendite", lessons: 2, attend: 660, attempts: ["pass"] },
  { key: "formato-2", firstName: "Niccolò", lastName: "D'Alò", department: "Vendite", lessons: 2, attend: 720, attempts: ["fail", "pass"], startMinute: 10 },
  { key: "formato-3", firstName: "Zoë", lastName: "Àlvarez; \"Zeta\"", department: "Produzione", lessons: 2, attend: 630, attempts: ["partial", "pass"], startMinute: 20 },
  { key: "formato-deact", firstName: "Bruno", lastName: "Verdi", department: "Produzione", lessons: 2, attend: 660, attempts: ["pass"], deactivate: true, startMinute: 30 },
  { key: "corso-opened", firstName: "Carla", lastName: "Blu", department: "Vendite", lessons: 1, completeLessons: false, attend: 90, startMinute: 40 },
  { key: "corso-lessons", firstName: "Dario", lastName: "Gialli", department: "Logistica", lessons: 2, attend: 300, startMinute: 50 },
  { key: "corso-low-attendance", firstName: "Elisa", lastName: "Rosa", department: "Logistica", lessons: 2, attend: 600, attempts: ["pass"], startMinute: 60 },
  { key: "corso-one-fail", firstName: "Fabio", lastName: "Marrone", department: "Vendite", lessons: 2, attend: 660, attempts: ["fail"], startMinute: 70 },
  { key: "corso-open-attempt", firstName: "Gina", lastName: "Viola", department: "Produzione", lessons: 2, attend: 660, attempts: ["fail", "open"], startMinute: 400 },
  { key: "non-formato-fails", firstName: "Ivo", lastName: "Grigi", department: "Produzione", lessons: 2, attend: 660, attempts: ["fail", "partial"], startMinute: 90 },
  { key: "non-formato-expired", firstName: "Luca", lastName: "Bianchi", department: "Logistica", lessons: 2, attend: 660, attempts: ["fail", "expired"], startMinute: 100 },
  { key: "non-formato-deact", firstName: "Marta", lastName: "Azzurri", department: "Vendite", lessons: 1, completeLessons: false, attend: 60, deactivate: true, startMinute: 110 },
  { key: "injection", firstName: "=1+1", lastName: "+39 333 1234567", department: "@Marketing", lessons: 1, completeLessons: false, attend: 30, startMinute: 120 },
  { key: "dash", firstName: "-2+3", lastName: "\tTab", department: "\rRitorno", lessons: 1, completeLessons: false, startMinute: 130 },
  { key: "multiline", firstName: "Riga\nDue", lastName: "O'Brien, \"Junior\"", department: "Ricerca & Sviluppo", lessons: 2, attend: 660, attempts: ["pass"], startMinute: 140 },
  { key: "accenti", firstName: "Àgata", lastName: "Perché Più Così", department: "Qualità", lessons: 2, attend: 690, attempts: ["pass"], startMinute: 150 },
  { key: "corso-6", firstName: "Olga", lastName: "Ocra", department: "Qualità", lessons: 1, attend: 120, startMinute: 160 },
  { key: "corso-7", firstName: "Piero", lastName: "Porpora", department: "Vendite", lessons: 2, attend: 30, attempts: ["partial"], startMinute: 170 },
  { key: "formato-4", firstName: "Rita", lastName: "Rame", department: "Logistica", lessons: 2, attend: 900, attempts: ["pass"], startMinute: 180 },
  { key: "formato-5", firstName: "Sergio", lastName: "Seppia", department: "Qualità", lessons: 2, attend: 640, attempts: ["partial", "pass"], startMinute: 190 },
];

/** The expected status of each plan (the rule in lib/reports/status.ts, spelt out). */
export const EXPECTED_STATUS: Record<string, "formato" | "in-corso" | "non-formato"> = {
  "formato-1": "formato",
  "formato-2": "formato",
  "formato-3": "formato",
  "formato-deact": "formato",
  "corso-opened": "in-corso",
  "corso-lessons": "in-corso",
  "corso-low-attendance": "in-corso",
  "corso-one-fail": "in-corso",
  "corso-open-attempt": "in-corso",
  "non-formato-fails": "non-formato",
  "non-formato-expired": "non-formato",
  "non-formato-deact": "non-formato",
  injection: "in-corso",
  dash: "in-corso",
  multiline: "formato",
  accenti: "formato",
  "corso-6": "in-corso",
  "corso-7": "in-corso",
  "formato-4": "formato",
  "formato-5": "formato",
};

/** Seeds the company, the register learners and two bystanders (no activity; another course only). */
export async function seedRegister(d: Engine, t0: number): Promise<{ learners: SeededLearner[]; companyId: number }> {
  const company = await orm(d)
    .insert(companies)
    .values({ name: "Officine Test S.r.l.", taxCode: "01234567897", inpsNumber: "1234567890", city: "Milano", signerName: "Alessandra Conti", signerRole: "Il legale rappresentante" })
    .returning()
    .get();
  const learners: SeededLearner[] = [];
  for (const p of REGISTER_PLANS) learners.push(await seedLearner(d, p, t0, company.id));
  await createUserIfMissing(d, { email: "idle@example.com", firstName: "Idle", lastName: "Nobody", passwordHash: null, roles: ["learner"], companyId: company.id });
  const other = (await createUserIfMissing(d, { email: "other@example.com", firstName: "Other", lastName: "Course", passwordHash: null, roles: ["learner"], companyId: company.id })).user;
  await recordLessonOpened(d, { userId: other.id, courseSlug: "another-course", lessonSlug: "x", contentHash: "h", now: new Date(t0) });
  return { learners, companyId: company.id };
}
