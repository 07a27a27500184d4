import { expect, test } from "@playwright/test";
import { signIn } from "./support/helpers";
import { expectAxeClean } from "../support/axe";

/** The demo's department manager (Stabilimento): no outbox, so the header takes them to the reminders. */
const MANAGER = "responsabile@example.com";

test("a department manager finds the reminders in the header and opens them; the outbox is not theirs", async ({ page }) => {
  await signIn(page, MANAGER);
  const nav = page.getByRole("navigation", { name: "Navigazione principale" });
  await expect(nav.getByRole("link", { name: "Posta" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Promemoria" }).click();
  await expect(page.locator("h1")).toHaveText("Promemoria delle scadenze");
  await expect(page.getByRole("button", { name: /promemoria/i })).toBeVisible();
  await expect(page.getByRole("link", { name: "Posta" })).toHaveCount(0);
  await expectAxeClean(page);
  const outbox = await page.goto("/admin/outbox");
  expect(outbox?.status()).toBe(403);
});

test("a company admin reaches the reminders from the outbox, not from the header", async ({ page }) => {
  await signIn(page, "admin@example.com");
  const nav = page.getByRole("navigation", { name: "Navigazione principale" });
  await expect(nav.getByRole("link", { name: "Promemoria" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Posta" })).toHaveCount(1);
});
