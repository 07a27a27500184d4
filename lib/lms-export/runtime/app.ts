/**
 * The course inside a package: screens for the course overview, each lesson (the static HTML
 * already in the page), the lesson checks, the final test and the policy; the learner's state
 * kept in the LMS through an adapter; active time from the activity clock. Hash navigation
 * (`#lesson-<slug>`, `#check-<slug>`, `#final`, `#policy`, `#home`), so lesson links inside the
 * lessons work as they are.
 */
import { cryptoRandom } from "@/lib/quiz/random";
import { decodeState, emptyState, encodeState, type LearnerState } from "../learner-state";
import type { PackageData } from "../package-data";
import { startActivityClock, type ActivityClock } from "./activity";
import { format, h, put, swap } from "./dom";
import type { LmsAdapter, LmsReport, LmsSession } from "./lms";
import { closeExpired, courseCompletion, drawCheck, drawFinal, endAttempt, finalAvailability, gradePackaged, lessonUnlocked, requiredSeconds } from "./progress";
import { quizForm, quizReview } from "./quiz-view";

const nowSec = () => Math.floor(Date.now() / 1000);

export async function runApp(data: PackageData, adapter: LmsAdapter): Promise<void> {
  const m = data.messages;
  const app = document.getElementById("pkg-app")!;
  const notice = document.getElementById("pkg-notice")!;
  const exitButton = document.getElementById("pkg-exit") as HTMLButtonElement;
  const lessonActions = h("div", { class: "pkg-lesson-actions" });
  let session: LmsSession | null = null;
  try {
    session = await adapter.start();
  } catch {
    session = null;
  }
  const recording = session !== null && session.mode === "normal";
  const state: LearnerState = session ? decodeState(session.state) : emptyState();
  let sessionSeconds = 0;
  let location = "home";
  let finished = false;
  let ticker: number | undefined;

  const say = (text: string, kind: "info" | "error" = "info") => notice.replaceChildren(h("p", { class: `alert alert--${kind}` }, text));
  if (!session) say(m.noLms!);
  else if (!recording) say(m.reviewMode!);

  const report = (): LmsReport => {
    const c = courseCompletion(data, state);
    const passed = state.attempts.some((a) => a.passed);
    const best = state.attempts.length ? Math.max(...state.attempts.map((a) => a.score)) : null;
    return {
      progress: data.lessons.length ? data.lessons.filter((l) => state.completed.includes(l.slug)).length / data.lessons.length : 0,
      contentDone: c.missing.every((x) => x === "final-test"),
      complete: c.complete,
      final: data.final ? { passed, failedOut: !passed && state.attempts.length >= data.final.settings.maxAttempts, score: best } : null,
      sent: state.sent,
    };
  };

  /** Tells the LMS where the learner is. The report first: the cmi5 adapter marks what it sent in the state. */
  const persist = () => {
    if (!recording) return;
    adapter.report(report());
    adapter.save(encodeState(state), location);
    adapter.commit();
    const error = adapter.lastError();
    if (error) say(m.lmsError!, "error");
  };

  const clock: ActivityClock = startActivityClock({
    heartbeatMs: data.activity.heartbeatMs,
    idleMs: data.activity.idleMs,
    onCredit: (seconds) => {
      state.activeSeconds += seconds;
      sessionSeconds += seconds;
      persist();
    },
  });

  const lessonIndex = (slug: string) => data.lessons.findIndex((l) => l.slug === slug);

  function clear(kind: "lesson" | "other") {
    clock.setCounting(kind === "lesson");
    window.clearInterval(ticker);
    for (const s of document.querySelectorAll<HTMLElement>(".pkg-lesson, .pkg-policy")) s.hidden = true;
    lessonActions.remove();
    app.replaceChildren();
  }

  function focusHeading(container: Element) {
    const heading = container.querySelector<HTMLElement>("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    window.scrollTo(0, 0);
  }

  function duration(seconds: number): string {
    const hrs = Math.floor(seconds / 3600);
    const min = Math.floor((seconds % 3600) / 60);
    return hrs > 0 ? `${hrs} h ${String(min).padStart(2, "0")} min` : `${min} min ${seconds % 60} s`;
  }

  function home() {
    clear("other");
    const c = courseCompletion(data, state);
    const required = requiredSeconds(data);
    const final = finalAvailability(data, state, nowSec());
    const missingText: Record<string, string> = { lessons: m.missingLessons!, attendance: m.missingAttendance!, "final-test": m.missingFinal!, policy: m.missingPolicy! };
    put(app, 
      h("h1", {}, data.course.title),
      h(
        "section",
        { class: "card", "aria-labelledby": "pkg-progress", id: "pkg-progress-card" },
        h("h2", { id: "pkg-progress" }, m.progress),
        h("p", {}, format(m.lessonsDone, { done: data.lessons.filter((l) => state.completed.includes(l.slug)).length, total: data.lessons.length })),
        h("p", { "data-active-seconds": state.activeSeconds }, required > 0 ? format(m.activeTimeRequired, { time: duration(state.activeSeconds), required: duration(required) }) : format(m.activeTime, { time: duration(state.activeSeconds) })),
        c.complete
          ? h("p", { class: "alert alert--ok", id: "pkg-complete" }, m.courseComplete)
          : h("div", {}, h("p", {}, m.stillMissing), h("ul", {}, c.missing.map((x) => h("li", {}, missingText[x] ?? x)))),
      ),
      h(
        "section",
        { "aria-labelledby": "pkg-lessons" },
        h("h2", { id: "pkg-lessons" }, m.lessons),
        h(
          "ol",
          { class: "pkg-lesson-list" },
          data.lessons.map((l, i) => {
            const done = state.completed.includes(l.slug);
            const open = lessonUnlocked(data, state, i);
            return h(
              "li",
              { "data-lesson": l.slug },
              open ? h("a", { href: `#lesson-${l.slug}` }, l.title) : h("span", {}, l.title),
              done ? h("span", { class: "badge" }, m.lessonDone) : !open ? h("span", { class: "muted" }, ` — ${m.lessonLocked}`) : null,
            );
          }),
        ),
      ),
      data.final
        ? h(
            "section",
            { class: "card", "aria-labelledby": "pkg-final" },
            h("h2", { id: "pkg-final" }, m.finalTest),
            h("p", {}, format(m.finalTestIntro, { questions: data.final.settings.questions, passMark: data.rules.passMark, maxAttempts: data.final.settings.maxAttempts })),
            finalStatus(final),
            final.kind === "available" || final.kind === "open" ? h("p", {}, h("a", { class: "button", href: "#final" }, final.kind === "open" ? m.resume : m.start)) : null,
          )
        : null,
      data.policy
        ? h(
            "section",
            { class: "card", "aria-labelledby": "pkg-policy-title" },
            h("h2", { id: "pkg-policy-title" }, m.policy),
            h("p", {}, state.policyVersion === data.policy.version ? format(m.policyDone, { version: data.policy.version }) : m.policyIntro),
            h("p", {}, h("a", { class: "button button--secondary", href: "#policy" }, data.policy.title)),
          )
        : null,
    );
    focusHeading(app);
  }

  function finalStatus(f: ReturnType<typeof finalAvailability>): HTMLElement | null {
    const s = data.final?.settings;
    if (!s) return null;
    switch (f.kind) {
      case "locked":
        return h("p", { class: "muted" }, m.finalLocked);
      case "passed":
        return h("p", { class: "alert alert--ok" }, format(m.alreadyPassed, { score: f.score }));
      case "limit":
        return h("p", { class: "alert alert--error" }, format(m.limitReached, { max: f.max }));
      case "wait":
        return h("p", { class: "alert alert--info" }, format(m.wait, { time: new Date(f.until * 1000).toLocaleString(data.locale) }));
      case "available":
        return h("p", { class: "muted" }, `${format(m.attemptsUsed, { used: f.used, max: f.max })} ${format(m.timeLimit, { minutes: s.timeLimitMinutes })}`);
      default:
        return null;
    }
  }

  function lesson(slug: string) {
    const i = lessonIndex(slug);
    if (i < 0 || !lessonUnlocked(data, state, i)) return go("home");
    clear("lesson");
    const section = document.getElementById(`lesson-${slug}`)!;
    section.hidden = false;
    const check = data.checks[slug];
    const done = state.completed.includes(slug);
    const prev = data.lessons[i - 1];
    const next = data.lessons[i + 1];
    swap(lessonActions, 
      check
        ? h(
            "section",
            { class: "card lesson-check" },
            h("h2", {}, m.lessonCheck),
            h("p", { class: "muted" }, m.lessonCheckIntro),
            h("a", { class: "button button--secondary", href: `#check-${slug}` }, m.startCheck),
          )
        : null,
      done
        ? h("p", { class: "alert alert--ok", id: "pkg-lesson-done" }, m.completedNote)
        : h(
            "div",
            { class: "card" },
            h("p", { class: "muted" }, m.completeHint),
            h(
              "button",
              {
                type: "button",
                id: "pkg-complete-lesson",
                onclick: () => {
                  if (!state.completed.includes(slug)) state.completed.push(slug);
                  persist();
                  lesson(slug);
                  document.getElementById("pkg-lesson-done")?.focus();
                },
              },
              m.markComplete,
            ),
          ),
      h(
        "nav",
        { class: "lesson-nav", "aria-label": m.lessons },
        prev ? h("a", { href: `#lesson-${prev.slug}`, rel: "prev" }, `← ${m.previous}`) : h("span"),
        h("a", { href: "#home" }, m.backToCourse),
        next && lessonUnlocked(data, state, i + 1) ? h("a", { href: `#lesson-${next.slug}`, rel: "next" }, `${m.next} →`) : h("span"),
      ),
    );
    section.after(lessonActions);
    const done2 = document.getElementById("pkg-lesson-done");
    if (done2) done2.tabIndex = -1;
    focusHeading(section);
  }

  function checkScreen(slug: string) {
    const quiz = data.checks[slug];
    if (!quiz || !lessonUnlocked(data, state, lessonIndex(slug))) return go("home");
    clear("other");
    const draw = drawCheck(quiz, cryptoRandom);
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    const attempt = Date.now().toString(36);
    put(app, 
      h("h1", {}, quiz.title),
      h("p", { class: "muted" }, m.lessonCheckIntro),
      quizForm(data, draw.map((d) => ({ question: byId.get(d.q)!, optionOrder: d.o })), (answers) => {
        const { result, questions } = gradePackaged(data, quiz, draw, answers, false);
        const at = new Date();
        for (const g of questions) adapter.answered({ id: `check-${quiz.id}-${attempt}-${g.question.id}`, kind: "check", quizId: quiz.id, question: g.question, chosen: g.chosen, right: g.right, correct: g.correct, at });
        persist();
        clear("other");
        put(app, 
          h("h1", {}, quiz.title),
          h("section", { class: "card", id: "pkg-result" }, h("h2", {}, m.results), h("p", {}, format(m.score, { score: result.scorePercent, correct: result.correctCount, total: result.total })), h("p", {}, m.checkDone)),
          quizReview(data, questions),
          h("p", {}, h("a", { href: `#lesson-${slug}` }, m.backToCourse)),
        );
        focusHeading(app);
      }),
    );
    focusHeading(app);
  }

  function finalScreen() {
    if (!data.final) return go("home");
    const final = data.final;
    if (closeExpired(data, state, nowSec())) persist();
    const f = finalAvailability(data, state, nowSec());
    clear("other");
    put(app, h("h1", {}, final.quiz.title));
    if (f.kind === "available") {
      put(app, 
        h("p", {}, format(m.finalTestIntro, { questions: final.settings.questions, passMark: data.rules.passMark, maxAttempts: final.settings.maxAttempts })),
        finalStatus(f),
        h(
          "button",
          {
            type: "button",
            id: "pkg-start-final",
            onclick: () => {
              if (!recording && session) return;
              state.open = drawFinal(data, cryptoRandom, nowSec());
              persist();
              finalScreen();
            },
          },
          m.start,
        ),
      );
    } else if (f.kind === "open") {
      const byId = new Map(final.quiz.questions.map((q) => [q.id, q]));
      const items = f.attempt.draw.flatMap((d) => (byId.has(d.q) ? [{ question: byId.get(d.q)!, optionOrder: d.o }] : []));
      const attemptNumber = state.attempts.length + 1;
      const minutesLeft = () => format(m.timeLeft, { minutes: Math.max(0, Math.ceil((f.endsAt - nowSec()) / 60)) });
      const left = h("p", { class: "muted", id: "pkg-time-left" }, minutesLeft());
      put(app, 
        left,
        quizForm(data, items, (answers) => {
          if (closeExpired(data, state, nowSec())) {
            persist();
            clear("other");
            put(app, h("h1", {}, final.quiz.title), h("p", { class: "alert alert--error" }, m.expired), h("p", {}, h("a", { href: "#home" }, m.backToCourse)));
            focusHeading(app);
            return;
          }
          const { result, questions } = gradePackaged(data, final.quiz, f.attempt.draw, answers, final.settings.partialCredit);
          endAttempt(state, result.scorePercent, result.passed, nowSec());
          const at = new Date();
          for (const g of questions) adapter.answered({ id: `final-${attemptNumber}-${g.question.id}`, kind: "final", quizId: final.quiz.id, question: g.question, chosen: g.chosen, right: g.right, correct: g.correct, at });
          persist();
          clear("other");
          put(app, 
            h("h1", {}, final.quiz.title),
            h(
              "section",
              { class: "card", id: "pkg-result", "data-passed": String(result.passed), "data-score": result.scorePercent },
              h("h2", {}, m.results),
              h("p", {}, format(m.score, { score: result.scorePercent, correct: result.correctCount, total: result.total })),
              h("p", { class: result.passed ? "alert alert--ok" : "alert alert--error" }, result.passed ? m.passed : format(m.failed, { passMark: data.rules.passMark })),
              h("p", { class: "muted" }, format(m.attemptsUsed, { used: state.attempts.length, max: final.settings.maxAttempts })),
            ),
            quizReview(data, questions),
            h("p", {}, h("a", { href: "#home" }, m.backToCourse)),
          );
          focusHeading(app);
        }),
      );
      ticker = window.setInterval(() => {
        left.textContent = minutesLeft();
      }, 15_000);
    } else {
      put(app, finalStatus(f) ?? h("p", {}), h("p", {}, h("a", { href: "#home" }, m.backToCourse)));
    }
    focusHeading(app);
  }

  function policyScreen() {
    const policy = data.policy;
    const section = document.getElementById("pkg-policy");
    if (!policy || !section) return go("home");
    clear("other");
    section.hidden = false;
    const done = state.policyVersion === policy.version;
    swap(lessonActions, 
      done
        ? h("p", { class: "alert alert--ok", id: "pkg-policy-done" }, format(m.policyDone, { version: policy.version }))
        : h(
            "div",
            { class: "card" },
            h("p", {}, m.policyIntro),
            h(
              "button",
              {
                type: "button",
                id: "pkg-acknowledge-policy",
                onclick: () => {
                  state.policyVersion = policy.version;
                  persist();
                  policyScreen();
                },
              },
              m.policyAcknowledge,
            ),
          ),
      h("p", {}, h("a", { href: "#home" }, m.backToCourse)),
    );
    section.after(lessonActions);
    focusHeading(section);
  }

  function go(target: string) {
    if (window.location.hash !== `#${target}`) window.location.hash = target;
    else route();
  }

  function route() {
    if (finished) return;
    const target = window.location.hash.slice(1) || "home";
    location = target;
    if (target.startsWith("lesson-")) lesson(target.slice("lesson-".length));
    else if (target.startsWith("check-")) checkScreen(target.slice("check-".length));
    else if (target === "final") finalScreen();
    else if (target === "policy") policyScreen();
    else home();
    persist();
  }

  async function finish(): Promise<string | null> {
    if (finished) return null;
    clock.flush();
    persist();
    finished = true;
    clock.stop();
    try {
      return await adapter.finish(sessionSeconds);
    } catch {
      // The LMS is going away with the page; nothing more to do.
      return null;
    }
  }

  if (closeExpired(data, state, nowSec())) persist();
  exitButton.hidden = !session;
  exitButton.addEventListener("click", () => {
    void finish().then((returnUrl) => {
      if (returnUrl) {
        window.location.assign(returnUrl);
        return;
      }
      clear("other");
      exitButton.hidden = true;
      notice.replaceChildren();
      put(app, h("p", { class: "alert alert--ok", id: "pkg-exited" }, m.exited));
    });
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("pagehide", () => void finish());
  if (!window.location.hash && session?.location) go(session.location);
  else route();
}
