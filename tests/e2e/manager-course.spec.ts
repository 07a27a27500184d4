import { expect, test } from "@playwright/test";
import { expectAxeClean } from "../support/axe";
import { createLearner, creditLessonSeconds, e2eDb, signIn } from "./support/helpers";

const COURSE = "social-media-responsabili-hr";
const LESSONS: [slug: string, it: string, en: string][] = [
  ["limiti-del-datore", "Che cosa può fare il datore di lavoro, e che cosa no", "What an employer may do, and what it may not"],
  ["post-dannoso", "Un post che danneggia l'azienda, passo dopo passo", "A post that harms the company, step by step"],
  ["violazione-di-dati", "Quando un post diventa una violazione di dati", "When a post becomes a data breach"],
  ["introdurre-la-policy", "Scrivere e introdurre la social media policy", "Writing and introducing the social media policy"],
  ["account-aziendali", "Gli account dell'azienda: proprietà, accessi, crisi", "The company's accounts: ownership, access, crises"],
];

/** Enrols the learner in this course directly, whatever enrolment rules the demo company has. */
async function enrol(userId: number): Promise<void> {
  await (await e2eDb()).run("INSERT INTO enrolments (user_id, course_slug) VALUES (?, ?) ON CONFLICT DO NOTHING", [userId, COURSE]);
}

const expectNoViolations = expectAxeClean;

test("the course for managers and HR: listed, its five lessons in order, sourced, axe clean on a phone, and in English", async ({ browser }) => {
  // Five lessons, each checked with axe, then the five English twins: longer than the default 30 s.
  test.setTimeout(150_000);
  const email = `manager-course-${Date.now()}@example.com`;
  await enrol(await createLearner(email, "Rita", "Manager"));
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, email);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
  await expect(page.getByText("Social media e lavoro: guida per responsabili e HR")).toBeVisible();
  await page.goto(`/courses/${COURSE}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Social media e lavoro: guida per responsabili e HR");
  await expectNoViolations(page);

  // Forced sequence: the second lesson stays locked until the first is completed.
  await page.goto(`/courses/${COURSE}/${LESSONS[1]![0]}`);
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}\\?locked=${LESSONS[1]![0]}$`));

  for (const [slug, title] of LESSONS) {
    await page.goto(`/courses/${COURSE}/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { level: 2, name: "Fonti" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Lezione completata" })).toBeEnabled();
    await expectNoViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), slug).toBeLessThanOrEqual(0);
    // Completing needs the lesson's minimum reading time (completion.minLessonTimePercent): credited here.
    await creditLessonSeconds(email, COURSE, slug, 3600);
    await page.getByRole("button", { name: "Lezione completata" }).click();
    await expect(page.getByText("Hai completato questa lezione.")).toBeVisible();
  }

  await page.goto(`/courses/${COURSE}`);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const [slug, , title] of LESSONS) {
    await page.goto(`/courses/${COURSE}/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { level: 2, name: "Sources" })).toBeVisible();
  }
  await context.close();
});
