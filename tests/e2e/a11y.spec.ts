import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support/helpers";

async function expectNoViolations(page: import("@playwright/test").Page) {
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
