import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import fs from "node:fs";
import { parse } from "yaml";
import { keyTexts, optionText, shownIds, type ShownQuestion } from "../support/answer-key";
import { apiSignIn, createLearner, signIn } from "./support/helpers";

type Option = { id: string; correct?: boolean; feedback?: { it: string; en?: string }; text?: { it: string; en?: string } };
type Question = { id: string; type: string; options: Option[]; explanation: { it: string; en?: string } };
const COURSE = "social-media-basics";
const bank = (parse(fs.readFileSync(`tests/fixtures/e2e-content/courses/${COURSE}/quizzes/final.yaml`, "utf8")) as { questions: Question[] }).questions;
const byId = new Map(bank.map((q) => [q.id, q]));
// The learner's ids are drawn per attempt: options are found by their text, as on the page.
const right = (shown: ShownQuestion, locale: "it" | "en" = "it") => shownIds(shown, keyTexts(byId.get(shown.id)!, "right", locale));
const wrong = (shown: ShownQuestion, locale: "it" | "en" = "it") => shownIds(shown, keyTexts(byId.get(shown.id)!, "wrong", locale));

async function completeAllLessons(request: APIRequestContext) {
  for (const lessonSlug of ["already-online", "never-private", "company-rules"]) {
    for (const action of ["open", "complete"]) {
      const res = await request.post("/api/progress", { data: { courseSlug: COURSE, lessonSlug, action } });
      expect(res.status(), `${lessonSlug} ${action}`).toBe(200);
    }
  }
}

/** Answers the attempt on screen through the form, right or wrong, by clicking the options. */
async function answerOnPage(page: Page, correct: boolean) {
  await expect(page.getByRole("button", { name: "Invia le risposte" })).toBeVisible();
  const ids = await page.locator("fieldset.quiz-question").evaluateAll((els) => els.map((e) => e.id.replace(/^question-/, "")));
  expect(ids.length).toBe(8);
  for (const id of ids) {
    for (const text of keyTexts(byId.get(id)!, correct ? "right" : "wrong")) await page.locator(`#question-${id}`).getByLabel(text, { exact: true }).check();
  }
}

test("a learner fails the final test, reads the feedback, retries and passes", async ({ page }) => {
  await createLearner("quiz.retry@example.com", "Rita", "Prova");
  await signIn(page, "quiz.retry@example.com");
  await completeAllLessons(page.request);

  await page.goto(`/courses/${COURSE}/quiz/final`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Test finale");
  await expect(page.getByText("Tentativi usati: 0 di 3.")).toBeVisible();
  await page.getByRole("button", { name: "Inizia" }).click();
  await answerOnPage(page, false);
  await page.getByRole("button", { name: "Invia le risposte" }).click();

  await expect(page.getByText("Test non superato: serve almeno l'80%.")).toBeVisible();
  await expect(page.getByText(/Punteggio: 0% \(nessuna risposta corretta su 8\)/)).toBeVisible();
  const firstWrong = page.locator(".quiz-review__item").first();
  await expect(firstWrong.locator("h3 .badge")).toHaveText(/Sbagliata$/);
  // Attempts are left: what the learner chose and that it was wrong, but not the key (the
  // questions may come back in the next draw).
  await expect(firstWrong.getByText("La tua risposta", { exact: true })).toBeVisible();
  await expect(page.getByText(/Le risposte giuste e le spiegazioni compaiono quando superi il test/)).toBeVisible();
  await expect(firstWrong.getByText(/La risposta giusta|Le risposte giuste/)).toHaveCount(0);
  await expect(firstWrong.getByText("Perché", { exact: true })).toHaveCount(0);
  const firstReview = page.url();
  // The lessons to review are listed once, above the answers, not under every question.
  await expect(page.getByRole("heading", { name: "Da ripassare" })).toHaveCount(1);
  await expect(page.locator(".quiz-to-review").getByRole("link").first()).toBeVisible();
  await expect(firstWrong.getByRole("link")).toHaveCount(0);

  await page.getByRole("link", { name: "Tentativi precedenti" }).click();
  await expect(page.getByText("Tentativi usati: 1 di 3.")).toBeVisible();
  await page.getByRole("button", { name: "Nuovo tentativo" }).click();
  await answerOnPage(page, true);
  await page.getByRole("button", { name: "Invia le risposte" }).click();
  await expect(page.getByText("Test superato.")).toBeVisible();
  await expect(page.getByText(/Punteggio: 100% \(8 risposte corrette su 8\)/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Da ripassare" })).toHaveCount(0);

  // Passed: the first attempt's review now shows what the learner chose, the right answer and why.
  await page.goto(firstReview);
  const wrongNow = page.locator(".quiz-review__item").first();
  await expect(wrongNow.getByText("La tua risposta", { exact: true })).toBeVisible();
  await expect(wrongNow.getByText(/La risposta giusta|Le risposte giuste/)).toBeVisible();
  await expect(wrongNow.getByText("Perché", { exact: true })).toBeVisible();
  await expect(page.getByText(/Le risposte giuste e le spiegazioni compaiono/)).toHaveCount(0);

  await page.goto(`/courses/${COURSE}/quiz/final`);
  await expect(page.getByText("Hai già superato il test finale.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Inizia|Nuovo tentativo/ })).toHaveCount(0);
});

test("the JSON submit answers with the outcome; the review (choices, key, feedback, explanations) is a GET once submitted", async ({ page, browser }) => {
  await createLearner("quiz.review@example.com", "Rina", "Riepilogo");
  await signIn(page, "quiz.review@example.com");
  await completeAllLessons(page.request);
  const submitted: number[] = [];
  const graded: { attemptId: number; locale: "it" | "en"; questions: ShownQuestion[]; answers: Record<string, string[]>; isRight: (i: number) => boolean }[] = [];
  for (const locale of ["it", "en"] as const) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
    const start = await page.request.post("/api/quiz/attempts", { data: { courseSlug: COURSE, quizId: "final" } });
    expect(start.status()).toBe(201);
    const { attemptId, questions } = (await start.json()) as { attemptId: number; questions: ShownQuestion[] };
    // The ids shown are the attempt's own, never the authored ones.
    for (const q of questions) for (const o of q.options) expect(byId.get(q.id)!.options.map((x) => x.id)).not.toContain(o.id);
    // Before submission the review does not exist: no key, no feedback.
    const early = await page.request.get(`/api/quiz/attempts/${attemptId}/review`);
    expect(early.status()).toBe(409);
    const earlyText = await early.text();
    for (const q of questions) expect(earlyText).not.toContain(byId.get(q.id)!.explanation.it);
    expect(earlyText).not.toContain('"correct"');

    // Italian: only the last question right (a fail, so a second attempt may follow); English: only the first wrong.
    const isRight = (i: number) => (locale === "it" ? i === questions.length - 1 : i !== 0);
    const answers = Object.fromEntries(questions.map((q, i) => [q.id, isRight(i) ? right(q, locale) : wrong(q, locale)]));
    const res = await page.request.post(`/api/quiz/attempts/${attemptId}/submit`, { data: { answers } });
    expect(res.status()).toBe(200);
    const outcome = (await res.json()) as { attemptId: number; scorePercent: number; correctCount: number; total: number; passed: boolean; review: string };
    expect(outcome).toEqual({
      attemptId,
      scorePercent: locale === "it" ? 12.5 : 87.5,
      correctCount: locale === "it" ? 1 : questions.length - 1,
      total: questions.length,
      passed: locale === "en",
      review: `/api/quiz/attempts/${attemptId}/review`,
    });

    submitted.push(attemptId);
    graded.push({ attemptId, locale, questions, answers, isRight });
    if (locale === "it") {
      // A failed attempt with attempts left: the review says right or wrong per question, and
      // withholds the key (the fixture course keeps finalTest.reviewKeys at its default).
      const withheld = (await (await page.request.get(outcome.review)).json()) as { keysShown: boolean; review: Record<string, unknown>[] };
      expect(withheld.keysShown).toBe(false);
      withheld.review.forEach((r, i) => {
        expect(r.correct, String(r.id)).toBe(isRight(i));
        expect(r).not.toHaveProperty("explanation");
        for (const o of r.options as Record<string, unknown>[]) expect(Object.keys(o).sort()).toEqual(["id", "selected", "text"]);
      });
    }
  }

  // Passed: now both reviews show the key, the feedback and the explanations.
  for (const { attemptId, locale, questions, answers, isRight } of graded) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
    const outcome = { review: `/api/quiz/attempts/${attemptId}/review` };
    const reviewRes = await page.request.get(outcome.review);
    expect(reviewRes.status()).toBe(200);
    expect(reviewRes.headers()["content-type"]).toMatch(/^application\/json/);
    const body = (await reviewRes.json()) as {
      attemptId: number; correctCount: number; total: number; passed: boolean; submittedAt: string;
      review: { id: string; correct: boolean; credit: number; explanation: string; options: { id: string; correct: boolean; selected: boolean; feedback?: string }[] }[];
    };
    expect(body).toMatchObject({ attemptId, keysShown: true, passed: locale === "en" });
    expect(Date.now() - Date.parse(body.submittedAt)).toBeLessThan(120_000);
    expect(body.review.map((r) => r.id)).toEqual(questions.map((q) => q.id));
    body.review.forEach((r, i) => {
      const q = byId.get(r.id)!;
      expect(r.correct, r.id).toBe(isRight(i));
      expect(r.credit, r.id).toBe(isRight(i) ? 1 : 0);
      expect(r.explanation, r.id).toBe(q.explanation[locale] ?? q.explanation.it);
      expect(r.options.map((o) => o.id), r.id).toEqual(questions[i]!.options.map((o) => o.id));
      for (const o of r.options as { id: string; text: string; correct: boolean; selected: boolean; feedback?: string }[]) {
        const source = q.options.find((x) => optionText(x, locale) === o.text)!;
        expect(o.correct, `${r.id}/${o.id}`).toBe(source.correct === true);
        expect(o.selected, `${r.id}/${o.id}`).toBe(answers[r.id]!.includes(o.id));
        expect(o.feedback, `${r.id}/${o.id}`).toBe(source.feedback ? (source.feedback[locale] ?? source.feedback.it) : undefined);
      }
    });
  }

  // Someone else's submitted attempt — the case that would leak the key — is not found.
  expect(submitted).toHaveLength(2);
  await createLearner("quiz.review.other@example.com", "Otto", "Altro");
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  await signIn(other, "quiz.review.other@example.com");
  for (const id of submitted) {
    const res = await other.request.get(`/api/quiz/attempts/${id}/review`);
    expect(res.status(), `attempt ${id}`).toBe(404);
    expect(await res.text()).not.toContain('"explanation"');
  }
  await otherCtx.close();
});

test("after the last allowed attempt the learner gets a clear message and no new attempt", async ({ page }) => {
  await createLearner("quiz.limit@example.com", "Leo", "Limite");
  await signIn(page, "quiz.limit@example.com");
  await completeAllLessons(page.request);
  for (let i = 0; i < 3; i++) {
    const start = await page.request.post("/api/quiz/attempts", { data: { courseSlug: COURSE, quizId: "final" } });
    expect(start.status()).toBe(201);
    const { attemptId, questions } = (await start.json()) as { attemptId: number; questions: ShownQuestion[] };
    const answers = Object.fromEntries(questions.map((q) => [q.id, wrong(q)]));
    expect((await page.request.post(`/api/quiz/attempts/${attemptId}/submit`, { data: { answers } })).status()).toBe(200);
  }
  const refused = await page.request.post("/api/quiz/attempts", { data: { courseSlug: COURSE, quizId: "final" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toBe("limit_reached");
  await page.goto(`/courses/${COURSE}/quiz/final`);
  await expect(page.getByText("Hai usato tutti i 3 tentativi a disposizione.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: /Inizia|Nuovo tentativo/ })).toHaveCount(0);
});

test("the answer key and the feedback never reach the browser before submission", async ({ page }) => {
  await createLearner("quiz.key@example.com", "Kim", "Chiave");
  await signIn(page, "quiz.key@example.com");
  await completeAllLessons(page.request);
  await page.goto(`/courses/${COURSE}/quiz/final`);
  await page.getByRole("button", { name: "Inizia" }).click();
  await expect(page.getByRole("button", { name: "Invia le risposte" })).toBeVisible();
  const url = page.url();

  const html = await (await page.request.get(url)).text();
  const rsc = await (await page.request.get(url, { headers: { RSC: "1" } })).text();
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const bodies = [html, rsc, ...(await Promise.all(scripts.map(async (src) => (await page.request.get(src)).text())))];
  const secrets = bank.flatMap((q) => [q.explanation.it, q.explanation.en, ...q.options.flatMap((o) => [o.feedback?.it, o.feedback?.en])]).filter(
    (x): x is string => Boolean(x && x.length > 20),
  );
  expect(secrets.length).toBeGreaterThan(20);
  for (const body of bodies) {
    const flat = body.replace(/\s+/g, " ");
    for (const secret of secrets) expect(flat.includes(secret.replace(/\s+/g, " ").slice(0, 60)), secret.slice(0, 40)).toBe(false);
    expect(flat).not.toMatch(/\\?"correct\\?"\s*:\s*(true|false)/);
  }
  // The prompts are there, so the check above looked at the right page.
  expect(html).toContain("Invia le risposte");
});

test("two simultaneous submits of one attempt: exactly one is graded", async ({ request }) => {
  await createLearner("quiz.race@example.com", "Rocco", "Gara");
  await apiSignIn(request, "quiz.race@example.com");
  await completeAllLessons(request);
  const start = await request.post("/api/quiz/attempts", { data: { courseSlug: COURSE, quizId: "final" } });
  const { attemptId, questions } = (await start.json()) as { attemptId: number; questions: ShownQuestion[] };
  expect(JSON.stringify(questions)).not.toMatch(/correct|feedback|explanation/);
  const answers = Object.fromEntries(questions.map((q) => [q.id, right(q)]));
  const results = await Promise.all([1, 2, 3].map(() => request.post(`/api/quiz/attempts/${attemptId}/submit`, { data: { answers } })));
  const statuses = results.map((r) => r.status()).sort();
  expect(statuses).toEqual([200, 409, 409]);
  const ok = results.find((r) => r.status() === 200)!;
  expect((await ok.json()).passed).toBe(true);
});

// The form and its unanswered state are scanned with axe by `npm run screenshots` (the real course's lesson check).
test("unanswered questions are announced; the form is keyboard operable", async ({ page }) => {
  await createLearner("quiz.a11y@example.com", "Ada", "Accessibile");
  await signIn(page, "quiz.a11y@example.com");
  await page.request.post("/api/progress", { data: { courseSlug: COURSE, lessonSlug: "already-online", action: "open" } });
  await page.goto(`/courses/${COURSE}/already-online`);
  await page.getByRole("link", { name: /Verifica/ }).first().click();
  await page.getByRole("button", { name: "Inizia" }).click();
  await page.getByRole("button", { name: "Invia le risposte" }).click();
  const alert = page.locator('[role="alert"]').filter({ hasText: "Mancano le risposte" });
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(page.locator('fieldset[aria-invalid="true"]').first()).toBeVisible();

  // Keyboard only: focus the first option, choose with Space, move on with Tab.
  const first = page.locator("fieldset.quiz-question input").first();
  await first.focus();
  await page.keyboard.press("Space");
  await expect(first).toBeChecked();
});
