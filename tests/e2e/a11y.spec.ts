import { expect, test } from "@playwright/test";
import { axeFindings, expectAxeClean } from "../support/axe";
import { createLearner, signIn } from "./support/helpers";

/*
 * Every page of the real course and the app, in every state each demo role reaches, is scanned
 * at 1,280 and 375 px by `npm run screenshots` (tests/screenshots). Here: the keyboard, the
 * scan of the fixture course's lessons (every MDX component, not in the real course's
 * screenshots), and the proof that the scan refuses invisible text.
 */

test("the axe check refuses text the colour of its background (axe itself only lists it for review)", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAxeClean(page);
  await page.addStyleTag({ content: 'main button[type="submit"] { color: #fff !important; background: #fff !important; }' });
  expect(await axeFindings(page)).toEqual([expect.stringMatching(/^color-contrast: .*button.*1:1.*same colour/)]);
});

test("the sign-in form and the privacy notice work with the keyboard alone", async ({ page }) => {
  await createLearner("keyboard.a11y@example.com", "Carla", "Tastiera");
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").focus();
  await page.keyboard.type("keyboard.a11y@example.com");
  // Two steps: the e-mail decides between the company's provider and the password.
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("binomio-demo");
  await page.keyboard.press("Enter");
  // A first sign-in goes through the privacy notice.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Informativa sul trattamento dei dati della formazione");
  await page.getByRole("button", { name: "Ho letto l'informativa" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
});

test("course page and every lesson (all MDX components) are axe clean, also on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "chiara.colombo@example.com");
  await page.goto("/courses/social-media-basics");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Social media al lavoro: le basi");
  await expectAxeClean(page);
  for (const lesson of ["already-online", "never-private", "company-rules"]) {
    await page.goto(`/courses/social-media-basics/${lesson}`);
    await expect(page.getByRole("button", { name: "Lezione completata" })).toBeEnabled();
    await expectAxeClean(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), lesson).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Lezione completata" }).click();
    await expect(page.getByText("Hai completato questa lezione.")).toBeVisible();
  }
  await context.close();
});
