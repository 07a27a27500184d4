import { expect, test } from "@playwright/test";
import { createLearner, e2eDb, signIn } from "./support/helpers";

/**
 * Without a mail server, one-time links wait in the outbox, and whoever reads one can sign in as
 * its recipient. An admin sees a link at once only in an invitation they sent; any other (a
 * password reset the person asked for) only after asking, which is recorded in the audit trail.
 */
test("a reset link in the outbox is hidden until the admin asks to see it, and the request is audited", async ({ page, browser }) => {
  const email = "outbox.reset@example.com";
  await createLearner(email, "Rita", "Reset");
  // The person asks for a new password: the mail waits in the outbox.
  const visitor = await browser.newContext();
  const v = await visitor.newPage();
  await v.goto("/forgot-password");
  await v.getByLabel("E-mail").fill(email);
  await v.getByRole("button", { name: "Invia il link" }).click();
  await expect(v.getByText(/Se l'indirizzo è registrato/)).toBeVisible();
  await visitor.close();

  const db = await e2eDb();
  const mail = (await db.get<{ id: number; text: string }>("SELECT id, text FROM outbox WHERE to_address = ? AND kind = 'reset' ORDER BY id DESC LIMIT 1", [email]))!;
  const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
  const reveals = async () => (await db.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'outbox.link-reveal' AND subject = ?", [`outbox:${mail.id}`]))!.n;

  await signIn(page, "admin@example.com");
  await page.goto(`/admin/outbox/${mail.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.content()).not.toContain(token);
  expect(await reveals()).toBe(0);

  await page.getByRole("button", { name: "Mostra il link" }).click();
  await expect(page.locator("pre.outbox-mail__text")).toContainText(token);
  expect(await reveals()).toBe(1);
});
