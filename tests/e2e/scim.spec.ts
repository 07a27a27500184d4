import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createLearner, e2eDatabaseEnv, e2eDb, signIn } from "./support/helpers";

/**
 * SCIM provisioning over real HTTP against `next start` (through the front door, as `npm start`
 * serves): the request sequence Microsoft Entra ID sends when a user is assigned, updated,
 * unassigned and deleted (from Microsoft's "Develop and plan provisioning for a SCIM endpoint"),
 * with the database checked after each step; the token panel on /admin/company; another
 * company's token. The same sequences in more detail, on the route handlers: tests/integration/scim.test.ts.
 * One worker, in order: creating a token replaces the company's previous one.
 */
test.describe.configure({ mode: "serial" });

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const SCIM_TYPE = "application/scim+json";

async function companyId(name: string): Promise<number> {
  return (await (await e2eDb()).get<{ id: number }>("SELECT id FROM companies WHERE name = ?", [name]))!.id;
}

/** `npm run scim:token -- --company <id>` on the server's own database: the token it prints. */
function tokenFromCommand(company: number): string {
  const r = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/scim-token.ts", "--company", String(company)], {
    env: { ...process.env, ...e2eDatabaseEnv() },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

function scimClient(request: APIRequestContext, token: string) {
  const headers = { Authorization: `Bearer ${token}`, Accept: SCIM_TYPE };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await request.fetch(url, { method, headers: body === undefined ? headers : { ...headers, "Content-Type": SCIM_TYPE }, data: body === undefined ? undefined : JSON.stringify(body), maxRedirects: 0 });
    const text = await res.text();
    return { status: res.status(), type: res.headers()["content-type"], json: text ? (JSON.parse(text) as Record<string, unknown> & { Resources?: Record<string, unknown>[] }) : null };
  };
  return call;
}

const row = async (sql: string, ...args: (string | number)[]) => (await e2eDb()).get<Record<string, unknown>>(sql, args);
const evidence = async (userId: number) => {
  const db = await e2eDb();
  const tables = ["lesson_progress", "heartbeats", "quiz_attempts", "course_completions", "certificates", "privacy_acknowledgements"];
  return (await Promise.all(tables.map(async (t) => JSON.stringify(await db.all(`SELECT * FROM ${t} WHERE user_id = ? ORDER BY id`, [userId]))))).join("\n");
};

test("Entra ID assigns, updates, unassigns and deletes people: answers and database after each step", async ({ request, browser }) => {
  test.slow();
  const officine = await companyId("Officine Demo S.r.l.");
  const scim = scimClient(request, tokenFromCommand(officine));
  const stamp = Date.now().toString(36);

  // Assigned, a new person: the probe on userName finds nobody, the POST creates a learner of the token's company.
  const userName = `nuovo.${stamp}@officinedemo.example`;
  const probe = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
  expect(probe.status).toBe(200);
  expect(probe.type).toBe("application/scim+json; charset=utf-8");
  expect(probe.json).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, Resources: [] });
  const created = await scim("POST", "/scim/v2/Users", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    externalId: `0a21f0f2-${stamp}`,
    userName,
    active: true,
    emails: [{ primary: true, type: "work", value: userName }],
    meta: { resourceType: "User" },
    name: { formatted: "Nadia Nuovi", familyName: "Nuovi", givenName: "Nadia" },
    roles: [],
  });
  expect(created.status).toBe(201);
  const newId = Number(created.json!.id);
  expect(await row("SELECT company_id AS c, active AS a, external_id AS e FROM users WHERE id = ?", newId)).toEqual({ c: officine, a: 1, e: `0a21f0f2-${stamp}` });
  expect((await row("SELECT count(*) AS n FROM effective_enrolments WHERE user_id = ?", newId))!.n, "the company's standing rules reach them").toBeGreaterThan(0);

  // Assigned, a person already here (signed in, with training evidence): the probe finds them, Entra links them.
  const email = `scim.learner.${stamp}@example.com`;
  const learnerId = await createLearner(email, "Sara", "Scim");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  expect((await page.request.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "already-online", action: "open" } })).status()).toBe(200);
  // A session cookie authorizes nothing on SCIM, not even the person's own record.
  expect((await page.request.get(`/scim/v2/Users/${learnerId}`)).status()).toBe(401);
  const before = await evidence(learnerId);
  const found = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
  expect(found.json!.totalResults).toBe(1);
  expect(found.json!.Resources![0]).toMatchObject({ id: String(learnerId), userName: email, active: true });

  // Updated: Entra's Replace operations.
  const updated = await scim("PATCH", `/scim/v2/Users/${learnerId}`, {
    schemas: [PATCH_OP],
    Operations: [
      { op: "Replace", path: "externalId", value: `ext-${stamp}` },
      { op: "Replace", path: 'emails[type eq "work"].value', value: email },
      { op: "Replace", path: "name.familyName", value: "Scimmi" },
      { op: "Add", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "Produzione" },
    ],
  });
  expect(updated.status).toBe(200);
  expect(await row("SELECT last_name AS l, department AS d, external_id AS e FROM users WHERE id = ?", learnerId)).toEqual({ l: "Scimmi", d: "Produzione", e: `ext-${stamp}` });

  // Unassigned: active "False" (a string, as Entra sends it) deactivates; the open session ends at the next request.
  const off = await scim("PATCH", `/scim/v2/Users/${learnerId}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] });
  expect(off.status).toBe(200);
  expect(off.json!.active).toBe(false);
  expect(await row("SELECT active AS a FROM users WHERE id = ?", learnerId)).toEqual({ a: 0 });
  await page.goto("/courses");
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await scim("GET", `/scim/v2/Users/${learnerId}`)).json!.active).toBe(false);
  expect(await evidence(learnerId)).toBe(before);

  // Deleted: 204; SCIM no longer knows them; the person and every record stay.
  expect((await scim("DELETE", `/scim/v2/Users/${learnerId}`)).status).toBe(204);
  expect((await scim("GET", `/scim/v2/Users/${learnerId}`)).status).toBe(404);
  expect(await row("SELECT active AS a, scim_deleted_at IS NOT NULL AS d FROM users WHERE id = ?", learnerId)).toEqual({ a: 0, d: 1 });
  expect(await evidence(learnerId)).toBe(before);
  const audit = (await (await e2eDb()).all<{ type: string }>("SELECT type FROM audit_events WHERE subject = ? ORDER BY id", [`user:${learnerId}`])).map((e) => e.type);
  expect(audit.filter((x) => x.startsWith("scim."))).toEqual(["scim.user-update", "scim.user-update", "scim.user-delete"]);
  await context.close();

  // Groups: a department created by the directory; a member added and removed.
  const group = await scim("POST", "/scim/v2/Groups", { externalId: `g-${stamp}`, displayName: `Reparto ${stamp}`, meta: { resourceType: "Group" } });
  expect(group.status).toBe(201);
  const add = await scim("PATCH", `/scim/v2/Groups/${group.json!.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ $ref: null, value: String(newId) }] }] });
  expect(add.status).toBe(200);
  expect(await row("SELECT department AS d FROM users WHERE id = ?", newId)).toEqual({ d: `Reparto ${stamp}` });
  await scim("PATCH", `/scim/v2/Groups/${group.json!.id}`, { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: String(newId) }] }] });
  expect(await row("SELECT department AS d FROM users WHERE id = ?", newId)).toEqual({ d: null });

  // Another company's token sees nothing of Officine Demo's people and departments.
  const other = scimClient(request, tokenFromCommand(await companyId("Cooperativa Adriatica Servizi")));
  expect((await other("GET", `/scim/v2/Users/${newId}`)).status).toBe(404);
  expect((await other("GET", `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).json!.totalResults).toBe(0);
  expect((await other("GET", `/scim/v2/Groups/${group.json!.id}`)).status).toBe(404);
  expect((await other("PATCH", `/scim/v2/Users/${newId}`, { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: false }] })).status).toBe(404);
  expect(await row("SELECT active AS a FROM users WHERE id = ?", newId)).toEqual({ a: 1 });
});

test("the front door and the proxy: no locale redirect, the 128 KiB body limit, JSON errors", async ({ request }) => {
  const scim = scimClient(request, tokenFromCommand(await companyId("Officine Demo S.r.l.")));
  const en = await request.get("/scim/v2/ServiceProviderConfig", { headers: { Cookie: "NEXT_LOCALE=en", Authorization: "Bearer nope" }, maxRedirects: 0 });
  expect(en.status()).toBe(401);
  expect(en.headers()["content-type"]).toBe("application/scim+json; charset=utf-8");
  expect(((await scim("GET", "/scim/v2/ServiceProviderConfig")).json as { patch: unknown }).patch).toEqual({ supported: true });
  const big = await scim("POST", "/scim/v2/Users", { userName: "grande@officinedemo.example", padding: "x".repeat(200 * 1024) });
  expect(big.status).toBe(413);
  const bad = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('name.givenName sw "A"')}`);
  expect(bad.status).toBe(400);
  expect(bad.json).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "400", scimType: "invalidFilter" });
});

test("the company admin creates the token on /admin/company, sees it once, and it works for their company only", async ({ page, request }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/company");
  const panel = page.locator("section#scim");
  await expect(panel.getByRole("heading", { name: "Collegamento con l'elenco del personale (SCIM)" })).toBeVisible();
  await expect(panel.getByLabel("Indirizzo da incollare nel campo «Tenant URL» del servizio")).toHaveValue(/\/scim\/v2$/);
  // The command line made one in the tests above: the button replaces it.
  await expect(panel.getByRole("status").first()).toContainText("creato dalla riga di comando");
  await panel.getByRole("button", { name: "Sostituisci il token" }).click();
  const field = panel.getByLabel("Token da incollare nel campo «Secret Token»");
  await expect(field).toHaveValue(/^scim_[A-Za-z0-9_-]{43}$/);
  const token = await field.inputValue();
  await expect(panel).toContainText("quello precedente non funziona più");
  const scim = scimClient(request, token);
  const list = await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "learner@example.com"')}`);
  expect(list.json!.totalResults).toBe(1);
  expect((await scim("GET", `/scim/v2/Users?filter=${encodeURIComponent('userName eq "anna.marchetti@example.com"')}`)).json!.totalResults).toBe(0);
  const admin = (await row("SELECT id FROM users WHERE email = 'admin@example.com'"))!.id;
  expect(await row("SELECT actor_user_id AS a, data FROM audit_events WHERE type = 'scim.token-create' ORDER BY id DESC LIMIT 1")).toEqual({
    a: admin,
    data: JSON.stringify({ companyId: await companyId("Officine Demo S.r.l."), replaced: true, via: "panel" }),
  });
  // Shown once: after a reload the token is gone from the page, the panel says who created it.
  await page.reload();
  await expect(panel.getByLabel("Token da incollare nel campo «Secret Token»")).toHaveCount(0);
  await expect(panel.getByRole("status").first()).toContainText("creato da");
  expect(await page.content()).not.toContain(token);
});
