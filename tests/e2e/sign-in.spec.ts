import { expect, test } from "@playwright/test";
import { attemptSignIn, enterSignInEmail, signIn } from "./support/helpers";

test.describe("sign-in lands each role on its own page", () => {
  test("learner → I miei corsi", async ({ page }) => {
    await signIn(page, "learner@example.com");
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
    await expect(page.getByText("Accesso come Giulia Romano")).toBeVisible();
  });

  test("trainer → content area", async ({ page }) => {
    await signIn(page, "trainer@example.com");
    await expect(page).toHaveURL(/\/trainer$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contenuti");
  });

  test("admin → people list with the people in the database", async ({ page }) => {
    await signIn(page, "admin@example.com");
    await expect(page).toHaveURL(/\/admin\/people$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Persone");
    // The demo company has over fifty people (with the analytics cohort): the list is paginated.
    await expect(page.getByRole("cell", { name: "luca.bianchi@example.com" })).toBeVisible();
    await page.getByLabel("Cerca per nome, cognome o e-mail").fill("sara.esposito");
    await page.getByRole("button", { name: "Cerca" }).click();
    await expect(page.getByText("1 persona")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Esposito Sara", exact: true })).toBeVisible();
  });

  test("a protected page sends an anonymous visitor to sign-in and back after it", async ({ page }) => {
    await page.goto("/trainer");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ftrainer$/);
    await enterSignInEmail(page, "trainer@example.com");
    await page.getByLabel("Password").fill("binomio-demo");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page).toHaveURL(/\/trainer$/);
  });
});

test("wrong password and unknown e-mail show the same generic error", async ({ page }) => {
  await attemptSignIn(page, "learner@example.com", "not-the-password");
  const alert = page.getByRole("alert").filter({ hasText: "E-mail o password non corrette." });
  await expect(alert).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await attemptSignIn(page, "nobody-here@example.com", "whatever-password");
  await expect(page.getByRole("alert").filter({ hasText: "E-mail o password non corrette." })).toBeVisible();
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, "learner@example.com");
  await expect(page).toHaveURL(/\/courses$/);
  await page.getByRole("button", { name: "Esci" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/courses");
  await expect(page).toHaveURL(/\/sign-in/);
});
