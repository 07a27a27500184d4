import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support/helpers";

async function expectNoViolations(page: import("@playwright/test").Page) {
  // Next streams the metadata: wait for the <title> before judging the page.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("sign-in page is axe clean", async ({ page }) => {
  await page.goto("/sign-in");
  await expectNoViolations(page);
});

test("learner, trainer and admin landing pages are axe clean", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Persone");
  await expectNoViolations(page);
  await signOut(page);
  await signIn(page, "trainer@example.com");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contenuti");
  await expectNoViolations(page);
  await signOut(page);
  await signIn(page, "learner@example.com");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
  await expectNoViolations(page);
});

test("the sign-in form works with the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").focus();
  await page.keyboard.type("learner@example.com");
  await page.keyboard.press("Tab");
  await page.keyboard.type("binomio-demo");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
});

test("course page and every lesson (all MDX components) are axe clean, also on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "chiara.colombo@example.com");
  await page.goto("/courses/social-media-basics");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Social media al lavoro: le basi");
  await expectNoViolations(page);
  for (const lesson of ["already-online", "never-private", "company-rules"]) {
    await page.goto(`/courses/social-media-basics/${lesson}`);
    await expect(page.getByRole("button", { name: "Lezione completata" })).toBeEnabled();
    await expectNoViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), lesson).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Lezione completata" }).click();
    await expect(page.getByText("Hai completato questa lezione.")).toBeVisible();
  }
  await context.close();
});
