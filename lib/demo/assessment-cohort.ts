import "server-only";
import type { Engine } from "@/db/engine/types";
import { addEnrolmentRule, listRules } from "@/db/queries/enrolment";
import { hasAcknowledgedPolicy } from "@/db/queries/policy";
import { closeAccessSession } from "@/lib/auth/access-log";
import { recordLearnerHeartbeat } from "@/lib/progress/heartbeat";
import { recordLessonEvent } from "@/lib/progress/lesson-events";
import { acknowledgeCompanyPolicy, acknowledgeNotice } from "@/lib/texts/acknowledge";
import { renderCompanyDocument } from "@/lib/texts/company-texts";
import { createUserIfMissing, findUserByEmail } from "@/db/queries/users";
import { getDefaultCompany } from "@/db/queries/company-texts";
import { insertCompany } from "@/db/queries/companies";

/** The installation's first company, created (as "Azienda") when there is none yet. */
async function firstCompanyId(d: Engine): Promise<number> {
  return (await getDefaultCompany(d))?.id ?? await insertCompany(d, { name: "Azienda" });
}
import { parseDrawn, questionsById, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import type { Exercise } from "@/lib/exercises/schema";
import { submitExercise } from "@/lib/exercises/submit";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { finalBank, getCourse, publishedLessons } from "@/lib/content/lookup";
import type { Course } from "@/lib/content/scan";
import { socialMediaPolicy } from "@/lib/policy/policy";
import { mulberry32, type Rng } from "@/lib/quiz/random";
import { answerDemoPresenceCheck } from "./presence";
import type { Question } from "@/lib/quiz/types";

/**
 * Demo data for the analytics pages: a cohort of learners who took the course through the
 * app's own write paths — sign-in (an access-log session), the privacy acknowledgement before
 * any tracking, lesson openings, heartbeats every 30 s inside the session, completions, the
 * lesson checks after each lesson, the final test (again after a failure, up to the limit),
 * sign-out — dated in the 6 weeks before `clock()`.
 *
 * Answers follow a simple response model, so the analytics have something real to find:
 * each learner has an ability, each question a difficulty (a few are very easy, a few very
 * hard, one runs against ability), and each department a misconception about one risk (its
 * members pick that risk's first distractor). Departments have different sizes, one below 5
 * people, so the misconceptions page shows a "group too small" cell. Deterministic for a
 * given `seed`. Idempotent: the cohort's learners are created once; a learner who already has
 * a submitted attempt is left alone.
 */

export const COHORT_PASSWORD = "binomio-demo";
const EMAIL_DOMAIN = "coorte.example.com";

/** Department → size; "Assistenza clienti" is below the 5-person threshold on purpose. */
export const COHORT_DEPARTMENTS: readonly { name: string; size: number; misconception: Question["risk"] }[] = [
  { name: "Vendite", size: 16, misconception: "confidential-info" },
  { name: "Produzione", size: 14, misconception: "personal-use-at-work" },
  { name: "Logistica", size: 12, misconception: "privacy" },
  { name: "Amministrazione", size: 10, misconception: "company-accounts" },
  { name: "Marketing", size: 10, misconception: "reputation" },
  { name: "Assistenza clienti", size: 3, misconception: "policy" },
];

const FIRST = ["Anna", "Marco", "Giulia", "Luca", "Sara", "Paolo", "Elena", "Matteo", "Chiara", "Davide", "Laura", "Andrea", "Francesca", "Simone", "Marta", "Stefano", "Valentina", "Roberto", "Silvia", "Alessio"];
const LAST = ["Rossi", "Ferrari", "Russo", "Bianchi", "Romano", "Gallo", "Costa", "Fontana", "Conti", "Esposito", "Ricci", "Bruno", "Moretti", "Marino", "Greco", "Barbieri", "Lombardi", "Giordano", "Rinaldi", "Colombo"];

export interface CohortResult {
  learners: number;
  created: number;
  attempts: number;
}

export interface CohortOptions {
  courseSlug?: string;
  /** The company the cohort belongs to (its "everyone" rule and people); default: the installation's first. */
  companyId?: number;
  seed?: number;
  contentRoot?: string;
}

/** Seeds the cohort (see the module comment). `clock` is the present the cohort ends before. */
export async function seedAssessmentCohort(d: Engine, clock: () => Date, opts: CohortOptions = {}): Promise<CohortResult> {
  const courseSlug = opts.courseSlug ?? "lavoro-e-social-media";
  const course = getCourse(courseSlug, opts.contentRoot);
  if (!course) throw new Error(`seedAssessmentCohort: unknown course ${courseSlug}`);
  const rng = mulberry32(opts.seed ?? 2026);
  const end = clock().getTime();
  const passwordHash = await hashPassword(COHORT_PASSWORD);
  const companyId = opts.companyId ?? await firstCompanyId(d);
  if (!(await listRules(d, companyId)).some((r) => r.courseSlug === courseSlug && r.scope === "everyone")) {
    await addEnrolmentRule(d, { companyId, courseSlug, scope: "everyone", department: null, dueDate: null, createdBy: null });
  }
  const difficulty = questionModel(course);
  let created = 0;
  let attempts = 0;
  let learners = 0;
  let n = 0;
  for (const dept of COHORT_DEPARTMENTS) {
    for (let i = 0; i < dept.size; i++, n++) {
      learners++;
      const first = FIRST[n % FIRST.length]!;
      const last = LAST[(n * 7) % LAST.length]!;
      const email = `${first}.${last}.${n + 1}@${EMAIL_DOMAIN}`.toLowerCase();
      const made = await createUserIfMissing(d, {
        email,
        firstName: first,
        lastName: last,
        passwordHash,
        roles: ["learner"],
        companyId,
        department: dept.name,
        qualification: n % 4 === 0 ? "Operaio" : "Impiegato",
        contractType: "Tempo indeterminato",
      });
      if (made.created) created++;
      const ability = normal(rng) * 1.1;
      // Spread over six weeks, each learner's course over a few days.
      const start = end - 42 * 86_400_000 + Math.floor(rng() * 35 * 86_400_000);
      attempts += await takeCourse(d, { course, email, ability, misconception: dept.misconception, start, rng, difficulty, contentRoot: opts.contentRoot });
    }
  }
  return { learners, created, attempts };
}

interface Learner {
  course: Course;
  email: string;
  ability: number;
  misconception: Question["risk"];
  start: number;
  rng: Rng;
  difficulty: Map<string, number>;
  contentRoot?: string;
}

/** One learner's whole course, in sessions of a few lessons each. Returns the attempts submitted. */
async function takeCourse(d: Engine, l: Learner): Promise<number> {
  const user = await findUserByEmail(d, l.email);
  if (!user) return 0;
  const already = (await d.get<{ n: number }>("SELECT COUNT(*) AS n FROM quiz_attempts WHERE user_id = ? AND course_slug = ? AND submitted_at IS NOT NULL", [user.id, l.course.slug]))!;
  if (already.n > 0) return 0;
  let now = l.start;
  const at = () => new Date(now);
  const lessons = publishedLessons(l.course);
  let submitted = 0;
  let session: string | null = null;
  // Presence checks draw from their own generator: the cohort's answers and times stay as they were.
  const presenceRng = mulberry32(user.id * 7_919 + 29);

  const signIn = async () => {
    const r = await authenticate(d, { email: l.email, password: COHORT_PASSWORD, ip: "10.0.0.20", userAgent: "Mozilla/5.0 (demo cohort)" }, at());
    if (!r.ok) throw new Error(`cohort sign-in failed for ${l.email}: ${r.reason}`);
    session = r.sessionId;
  };
  const signOut = async () => {
    if (!session) return;
    await closeAccessSession(d, session, at());
    session = null;
  };

  await signIn();
  // The notice exactly as the company shows it, acknowledged before anything is tracked.
  const notice = await renderCompanyDocument(d, "notice", user.companyId, "it");
  // Nobody is tracked before the notice: a company whose notice still has blanks gets no cohort.
  if (!notice?.ok) throw new Error("seedAssessmentCohort: the company's privacy notice has unfilled placeholders: fill its texts first");
  await acknowledgeNotice(d, { userId: user.id, companyId: user.companyId, sessionId: session, locale: "it", version: notice.version, textHash: notice.hash, now: at() });
  now += 40_000;

  for (const [index, lesson] of lessons.entries()) {
    if (index > 0 && index % 3 === 0) {
      // A new day, a new session.
      await signOut();
      now += 18 * 3_600_000 + Math.floor(l.rng() * 6 * 3_600_000);
      await signIn();
    }
    const event = { userId: user.id, sessionId: session, courseSlug: l.course.slug, lessonSlug: lesson.slug, contentHash: lesson.locales.it.contentHash, locale: "it" } as const;
    await recordLessonEvent(d, { ...event, action: "open", now: at() });
    // Between 80 % and 115 % of the planned time, one heartbeat every 30 s.
    const beats = Math.ceil((lesson.locales.it.frontmatter.duration * 60 * (0.8 + l.rng() * 0.35)) / 30);
    for (let b = 0; b < beats; b++) {
      now += 30_000;
      const r = await recordLearnerHeartbeat(d, { userId: user.id, sessionId: session, courseSlug: l.course.slug, lessonSlug: lesson.slug, nowMs: now, random: presenceRng });
      if (r.ok && r.presenceCheck) now = await answerDemoPresenceCheck(d, { userId: user.id, sessionId: session }, r.presenceCheck, now, presenceRng);
    }
    now += 5_000;
    await recordLessonEvent(d, { ...event, action: "complete", now: at() });
    for (const exercise of l.course.exercises.filter((e) => e.lesson === lesson.slug)) {
      now += 90_000 + Math.floor(l.rng() * 120_000);
      const done = await submitExercise(d, { userId: user.id, sessionId: session, courseSlug: l.course.slug, exerciseId: exercise.id, answer: exerciseAnswer(exercise, l), locale: "it", now: at() });
      if (!done.ok) throw new Error(`cohort exercise ${exercise.id} refused: ${done.code}`);
    }
    const check = l.course.quizzes.find((q) => q.kind === "lesson-check" && q.lesson === lesson.slug);
    if (check) submitted += await answerQuiz(d, l, user.id, session, check.id, () => now, (ms) => (now += ms)) ? 1 : 0;
    now += 60_000;
  }

  const policy = socialMediaPolicy();
  const shown = await renderCompanyDocument(d, "policy", user.companyId, "it");
  if (policy && shown?.ok && l.course.completion.requirePolicyAck && !await hasAcknowledgedPolicy(d, user.id, policy.version)) {
    now += 120_000;
    await acknowledgeCompanyPolicy(d, { userId: user.id, companyId: user.companyId, sessionId: session, locale: "it", version: policy.version, textHash: shown.hash, courseSlug: l.course.slug, now: at() });
  }
  const bank = finalBank(l.course);
  if (bank && l.course.finalTest) {
    for (let attempt = 0; attempt < l.course.finalTest.maxAttempts; attempt++) {
      const outcome = await answerQuiz(d, l, user.id, session, bank.id, () => now, (ms) => (now += ms));
      if (outcome === null) break;
      submitted++;
      if (outcome.passed || l.rng() < 0.3) break;
      now += 3_600_000;
    }
  }
  await signOut();
  return submitted;
}

/** Starts and submits one attempt with model answers; null when the app refused to start it. */
async function answerQuiz(d: Engine, l: Learner, userId: number, sessionId: string | null, quizId: string, now: () => number, advance: (ms: number) => void): Promise<{ passed: boolean } | null> {
  const started = await startAttempt(d, { userId, sessionId, courseSlug: l.course.slug, quizId, now: new Date(now()), rng: l.rng, contentRoot: l.contentRoot });
  if (!started.ok) return null;
  const quiz = l.course.quizzes.find((q) => q.id === quizId)!;
  const byId = questionsById(quiz);
  const drawn = parseDrawn(started.attempt);
  const answers = Object.fromEntries(drawn.map((q) => [q.questionId, modelAnswer(byId.get(q.questionId)!, l)]));
  // 40–110 s per question.
  advance(drawn.length * (40_000 + Math.floor(l.rng() * 70_000)));
  const result = await submitAttempt(d, { userId, attemptId: started.attempt.id, answers, answersAs: "authored", sessionId, now: new Date(now()), contentRoot: l.contentRoot });
  advance(30_000);
  return result.ok ? { passed: result.attempt.passed === true } : null;
}

/** The options a learner of this ability and department picks. */
function modelAnswer(q: Question, l: Learner): string[] {
  const b = l.difficulty.get(q.id) ?? 0;
  const reversed = b === REVERSED;
  const misled = q.risk === l.misconception ? 1.6 : 0;
  const p = 1 / (1 + Math.exp(-((reversed ? -l.ability : l.ability) - (reversed ? 0 : b) - misled)));
  const right = q.options.filter((o) => o.correct).map((o) => o.id);
  const wrong = q.options.filter((o) => !o.correct).map((o) => o.id);
  if (l.rng() < p || wrong.length === 0) return right;
  if (q.type === "multiple") {
    // Half of the right options and the most attractive distractor.
    return [...right.slice(0, Math.max(1, Math.floor(right.length / 2))), wrong[0]!];
  }
  // Distractors are not equally attractive: the first is the common misconception.
  const pick = q.risk === l.misconception || l.rng() < 0.6 ? 0 : 1 + Math.floor(l.rng() * Math.max(1, wrong.length - 1));
  return [wrong[Math.min(pick, wrong.length - 1)]!];
}

/** A learner's answer to a practice exercise under the same model as quiz answers. */
function exerciseAnswer(e: Exercise, l: Learner): { selected: string[] } | { choices: Record<string, string> } {
  const misled = e.risk === l.misconception ? 1.6 : 0;
  const p = 1 / (1 + Math.exp(-(l.ability + 0.8 - misled)));
  if (e.kind === "spot-the-risk") {
    return { selected: e.hotspots.filter((h) => (h.risky ? l.rng() < p : l.rng() < 0.15)).map((h) => h.id) };
  }
  return { choices: Object.fromEntries(e.paragraphs.map((par) => [par.id, (l.rng() < p ? par.choices.find((c) => c.safe) : par.choices.find((c) => !c.safe))!.id])) };
}

/** Marks the question whose right answer the weaker learners find more easily. */
const REVERSED = 99;

/**
 * Difficulty per question, from a hash of its id: mostly moderate, one in eight very easy, one
 * in eight very hard, and one question of the final bank that runs against ability.
 */
function questionModel(course: Course): Map<string, number> {
  const model = new Map<string, number>();
  let reversedSet = false;
  for (const quiz of course.quizzes) {
    for (const q of quiz.questions) {
      const h = hash(q.id);
      const band = h % 8;
      if (!reversedSet && quiz.kind === "final-bank" && band === 3) {
        model.set(q.id, REVERSED);
        reversedSet = true;
      } else {
        model.set(q.id, band === 0 ? -3.5 : band === 1 ? 2.2 : ((h >> 3) % 100) / 100 - 0.9);
      }
    }
  }
  return model;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
