import "server-only";
import type { Engine } from "@/db/engine/types";
import { listAttempts } from "@/db/queries/quiz-attempts";
import { closeAccessSession, openAccessSession } from "@/lib/auth/access-log";
import { parseDrawn, questionsById, startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import type { Course } from "@/lib/content/catalog";
import { finalBank, lessonCheckFor, publishedLessons } from "@/lib/content/lookup";
import { recordLearnerHeartbeat } from "@/lib/progress/heartbeat";
import { mulberry32, type Rng } from "@/lib/quiz/random";
import { answerDemoPresenceCheck } from "./presence";
import { recordLessonEvent } from "@/lib/progress/lesson-events";
import { socialMediaPolicy } from "@/lib/policy/policy";
import { acknowledgeCompanyPolicy, acknowledgeNotice } from "@/lib/texts/acknowledge";
import { renderCompanyDocument } from "@/lib/texts/company-texts";
import { privacyNotice } from "@/lib/privacy/notice";

/**
 * Demo only: a learner's real days of training, written through the app's own write paths
 * (the same functions the routes call) with a clock that moves forward — so the demo is
 * evidence an auditor could accept: every activity inside a signed-in session, the privacy
 * notice acknowledged before any tracking, heartbeats every 30 s while reading, a sign-out.
 */
export class DemoLearner {
  private nowMs: number;
  private sessionId: string | null = null;
  /** Draws for presence checks only (when and what is asked, how fast it is answered): the demo stays reproducible. */
  private readonly presenceRng: Rng;

  constructor(
    private readonly d: Engine,
    private readonly user: { id: number; companyId: number | null },
    start: Date,
    private readonly locale: "it" | "en" = "it",
  ) {
    this.nowMs = start.getTime();
    this.presenceRng = mulberry32(user.id * 7_919 + 17);
  }

  get now(): Date {
    return new Date(this.nowMs);
  }

  wait(minutes: number): this {
    this.nowMs += Math.round(minutes * 60_000);
    return this;
  }

  /** The next day at `hour`:`minute`, Rome time (the demo runs in winter and summer alike: ±1 h is plausible). */
  nextDayAt(hour: number, minute: number): this {
    const t = new Date(this.nowMs + 86_400_000);
    t.setUTCHours(hour - 1, minute, 0, 0);
    this.nowMs = Math.max(t.getTime(), this.nowMs + 60_000);
    return this;
  }

  async signIn(): Promise<this> {
    this.sessionId = await openAccessSession(this.d, { userId: this.user.id, ip: "192.0.2.24", userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36", now: this.now });
    this.wait(0.3);
    // First sign-in: the notice is read and acknowledged before anything is tracked.
    const notice = await renderCompanyDocument(this.d, "notice", this.user.companyId, this.locale);
    if (notice?.ok) await acknowledgeNotice(this.d, { userId: this.user.id, companyId: this.user.companyId, sessionId: this.sessionId, locale: this.locale, version: privacyNotice().version, textHash: notice.hash, now: this.now });
    return this.wait(1.2);
  }

  async signOut(): Promise<this> {
    if (this.sessionId) await closeAccessSession(this.d, this.sessionId, this.now);
    this.sessionId = null;
    return this.wait(1);
  }

  /** Opens a lesson, reads it for `share` of its planned minutes (a heartbeat every 30 s), and optionally completes it. */
  async readLesson(course: Course, lessonSlug: string, share: number, complete = true): Promise<this> {
    const lesson = publishedLessons(course).find((l) => l.slug === lessonSlug)!;
    const variant = lesson.locales[this.locale] ?? lesson.locales.it;
    const base = { userId: this.user.id, sessionId: this.sessionId, courseSlug: course.slug, lessonSlug, contentHash: variant.contentHash, locale: this.locale } as const;
    await recordLessonEvent(this.d, { ...base, action: "open", now: this.now });
    const beats = Math.ceil((variant.frontmatter.duration * 60 * share) / 30);
    for (let i = 0; i < beats; i++) {
      this.nowMs += 30_000;
      const who = { userId: this.user.id, sessionId: this.sessionId };
      const r = await recordLearnerHeartbeat(this.d, { ...who, courseSlug: course.slug, lessonSlug, nowMs: this.nowMs, random: this.presenceRng });
      if (r.ok && r.presenceCheck) this.nowMs = await answerDemoPresenceCheck(this.d, who, r.presenceCheck, this.nowMs, this.presenceRng);
    }
    if (complete) await recordLessonEvent(this.d, { ...base, action: "complete", now: this.wait(0.2).now });
    return this.wait(0.5);
  }

  /**
   * The whole course over two days, signed in: half the lessons (each check answered right),
   * sign-out, the rest the next day at `hour:minute`, then the policy and a passed final test.
   */
  async completeOverTwoDays(course: Course, lessons: readonly string[], hour: number, minute: number): Promise<this> {
    const half = Math.ceil(lessons.length / 2);
    for (const slug of lessons.slice(0, half)) {
      await this.readLesson(course, slug, 0.95);
      await this.takeLessonCheck(course, slug, "all");
    }
    await this.signOut();
    await this.nextDayAt(hour, minute).signIn();
    for (const slug of lessons.slice(half)) {
      await this.readLesson(course, slug, 0.95);
      await this.takeLessonCheck(course, slug, "all");
    }
    await this.acknowledgePolicy(course);
    await this.takeFinalTest(course, 1);
    return this.signOut();
  }

  /** The lesson's self-check: `right` of its questions answered correctly, the rest wrongly. */
  async takeLessonCheck(course: Course, lessonSlug: string, right: "all" | "some"): Promise<this> {
    const quiz = lessonCheckFor(course, lessonSlug);
    if (quiz) await this.takeQuiz(course, quiz.id, right === "all" ? 1 : 0.5, 2);
    return this;
  }

  /** The final test, answering `share` of the drawn questions right (the first ones). */
  async takeFinalTest(course: Course, share: number): Promise<this> {
    const bank = finalBank(course);
    if (bank) await this.takeQuiz(course, bank.id, share, 12);
    return this;
  }

  async acknowledgePolicy(course: Course): Promise<this> {
    const policy = socialMediaPolicy();
    const rendered = await renderCompanyDocument(this.d, "policy", this.user.companyId, this.locale);
    if (policy && rendered?.ok) {
      await acknowledgeCompanyPolicy(this.d, { userId: this.user.id, companyId: this.user.companyId, sessionId: this.sessionId, locale: this.locale, version: policy.version, textHash: rendered.hash, courseSlug: course.slug, now: this.wait(3).now });
    }
    return this.wait(0.5);
  }

  private async takeQuiz(course: Course, quizId: string, share: number, minutes: number): Promise<void> {
    const started = await startAttempt(this.d, { userId: this.user.id, sessionId: this.sessionId, courseSlug: course.slug, quizId, now: this.now });
    if (!started.ok) return;
    const quiz = course.quizzes.find((q) => q.id === quizId)!;
    const byId = questionsById(quiz);
    const drawn = parseDrawn(started.attempt);
    const rightCount = Math.round(drawn.length * share);
    const answers = Object.fromEntries(
      drawn.map((q, i) => {
        const question = byId.get(q.questionId)!;
        const correct = question.options.filter((o) => o.correct).map((o) => o.id);
        const wrong = question.options.find((o) => !o.correct)?.id;
        return [q.questionId, i < rightCount || !wrong ? correct : [wrong]];
      }),
    );
    this.wait(minutes);
    await submitAttempt(this.d, { userId: this.user.id, attemptId: started.attempt.id, answers, answersAs: "authored", sessionId: this.sessionId, now: this.now });
    this.wait(1);
  }

  async finalAttempts(course: Course): Promise<number> {
    const bank = finalBank(course);
    return bank ? (await listAttempts(this.d, this.user.id, course.slug, "final")).length : 0;
  }
}
