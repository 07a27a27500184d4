import { expect, test, type APIRequestContext } from "@playwright/test";
import fs from "node:fs";
import { apiSignIn, e2eDb, signIn } from "./support/helpers";

/** Server actions through real HTTP: the wrappers' refusals, and a form that echoes what was typed. */
function actionId(key: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, a]) => `${a.filename}#${a.exportedName}` === key);
  expect(found, key).toBeDefined();
  return found![0];
}

async function count(sql: string): Promise<number> {
  const db = await e2eDb();
  return (await db.get<{ n: number }>(sql))!.n;
}

/** Calls an action without arguments: every refusal here comes before the input is looked at. */
function call(request: APIRequestContext, page: string, key: string) {
  return request.post(page, { headers: { "Next-Action": actionId(key), "Content-Type": "text/plain;charset=UTF-8" }, data: "[]", maxRedirects: 0 });
}

const IMPORT = ["/admin/people/import", "app/[locale]/(app)/admin/people/import/actions.ts#confirmImportAction"] as const;
const ASSIGN = ["/admin/enrolments", "app/[locale]/(app)/admin/enrolments/actions.ts#assignCourseAction"] as const;
/** Admin writes by the learner: none may ever exist, whatever other tests do meanwhile. */
const LEARNER_ADMIN_WRITES = "SELECT count(*) AS n FROM audit_events WHERE type LIKE 'admin.%' AND actor_user_id = (SELECT id FROM users WHERE email = 'learner@example.com')";

/**
 * Refusals are the same whatever the form: a plain-form action (it answers by redirecting)
 * refuses like a page, with the 403 page; a `useActionState` action with a state its form shows.
 * Called directly, as a script would. (Without a session the proxy sends admin pages to
 * sign-in before any action runs.)
 */
test("without the permission: the plain-form action answers with the 403 page, the other with a forbidden state", async ({ request }) => {
  await apiSignIn(request, "learner@example.com");
  const plain = await call(request, ...IMPORT);
  expect(plain.status()).toBe(403);
  const state = await call(request, ...ASSIGN);
  expect(state.status()).toBe(200);
  expect(await state.text()).toContain('{"ok":false,"message":"forbidden"}');
  expect(await count(LEARNER_ADMIN_WRITES)).toBe(0);
});

const TEXT_SAVES = "SELECT count(*) AS n FROM audit_events WHERE type = 'admin.company-texts-update'";

test("the company texts form keeps what was typed with a field error and saves nothing", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/company");
  const saves = await count(TEXT_SAVES);
  const email = page.getByLabel("E-mail per le richieste sui dati personali");
  const before = await email.inputValue();
  const other = page.getByLabel("Indirizzo della sede legale");
  const otherBefore = await other.inputValue();
  await email.fill("not-an-address");
  await other.fill(`${otherBefore} (bozza)`);
  await page.getByRole("button", { name: "Salva i testi" }).click();
  await expect(page.getByText("Scrivi un indirizzo e-mail valido, per esempio nome@azienda.it.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveValue("not-an-address");
  await expect(other).toHaveValue(`${otherBefore} (bozza)`);
  expect(await count(TEXT_SAVES)).toBe(saves);
  await email.fill(before);
  await other.fill(otherBefore);
  await page.getByRole("button", { name: "Salva i testi" }).click();
  await expect(page.getByText("Nessuna modifica.")).toBeVisible();
  expect(await count(TEXT_SAVES)).toBe(saves);
});
