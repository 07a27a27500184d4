import { expect, test } from "@playwright/test";
import { createLearner, enterSignInEmail, signIn } from "./support/helpers";

test("Italian by default, English on request, remembered, URLs without prefix", async ({ page, context }) => {
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accedi");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(new URL(page.url()).pathname).toBe("/sign-in");

  // A learner of their own, so the first sign-in (the privacy notice) is certain, whatever ran before.
  const email = `locale.first.${Date.now()}@example.com`;
  await createLearner(email, "Lucia", "Lingua");
  await enterSignInEmail(page, email);
  await page.getByLabel("Password").fill("binomio-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "I have read the notice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  expect(new URL(page.url()).pathname).toBe("/courses");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My courses");
  const cookie = (await context.cookies()).find((c) => c.name === "NEXT_LOCALE");
  expect(cookie?.value).toBe("en");

  await page.getByRole("button", { name: "Italiano" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
});

test("the browser's language does not override Italian", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accedi");
  await context.close();
});

test("404 page in both languages", async ({ page, context }) => {
  const res = await page.goto("/questa-pagina-non-esiste");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina non trovata");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  const res2 = await page.goto("/this-page-does-not-exist");
  expect(res2?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

test("a locale-prefixed URL redirects to the plain one and keeps the language", async ({ page }) => {
  await page.goto("/en/sign-in");
  expect(new URL(page.url()).pathname).toBe("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
});

test("usable on a 375 px phone: no horizontal scrolling on the people list", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "admin@example.com");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Persone");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("button", { name: "Esci" })).toBeVisible();
  await context.close();
});

test("the language switch works on a prerendered lesson page too, and the header names the learner", async ({ page }) => {
  await createLearner("locale.lesson@example.com", "Lina", "Lingua");
  await signIn(page, "locale.lesson@example.com");
  await page.goto("/courses/social-media-basics/already-online");
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  // The prerendered header carries the learner's own name and the link to "Il mio percorso".
  await expect(page.getByText("Accesso come Lina Lingua")).toBeVisible();
  await expect(page.getByRole("link", { name: "Il mio percorso" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(new URL(page.url()).pathname).toBe("/courses/social-media-basics/already-online");
  await expect(page.getByText("Signed in as Lina Lingua")).toBeVisible();
  await page.getByRole("button", { name: "Italiano" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
});
