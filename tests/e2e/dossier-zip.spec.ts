import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { apiSignIn, e2eDatabaseEnv, e2eDb, signIn } from "./support/helpers";
import { allowFor } from "../support/budget";
import { unzip } from "../support/unzip";

/**
 * The plan's dossier ZIP over real HTTP against `next start`: downloaded by the company's admin,
 * unzipped, every file checked against SHA256SUMS (by us and by `sha256sum -c`), against the
 * `admin.dossier` audit event, and the audit chain verified by `npm run audit:verify`'s script.
 * Refusals answer 400/401/403/404 and record nothing.
 */

const PLAN_TITLE = "Competenze digitali e reputazione online";
const OTHER_COMPANY_PLAN = "Formazione soci 2026";

async function planId(title: string): Promise<number> {
  return (await (await e2eDb()).get<{ id: number }>("SELECT id FROM funding_plans WHERE title = ?", [title]))!.id;
}

type Event = { id: number; subject: string; data: string };
async function dossierEvents(): Promise<Event[]> {
  return (await e2eDb()).all<Event>("SELECT id, subject, data FROM audit_events WHERE type = 'admin.dossier' ORDER BY id");
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test("an admin downloads a plan's dossier; every file checks out against SHA256SUMS, sha256sum -c and the audit trail", async ({ request }) => {
  await apiSignIn(request, "admin@example.com");
  const id = await planId(PLAN_TITLE);
  const before = (await dossierEvents()).length;

  // About 80 PDFs rendered: 20 s alone on two cores, a minute or more beside other suites.
  allowFor(240_000);
  const started = performance.now();
  const res = await request.get(`/api/admin/plans/${id}/dossier.zip`, { timeout: 240_000 });
  const body = await res.body();
  const ms = Math.round(performance.now() - started);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/zip");
  expect(res.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename="dossier-piano-${id}-\\d{8}-\\d{4}\\.zip"$`));
  console.log(`dossier.zip of plan ${id}: ${body.length} bytes in ${ms} ms`);

  const files = await unzip(body);
  const names = [...files.keys()];
  expect(names.at(-1)).toBe("SHA256SUMS");
  for (const n of [`registro-fad/registro-piano-${id}.pdf`, "dichiarazione-sostitutiva.pdf", "fascicolo-del-corso.pdf", "esportazioni/accessi.csv", "esportazioni/accessi.xlsx", "manifest.json", "LEGGIMI.txt"]) {
    expect(names).toContain(n);
  }
  expect(names.some((n) => n.startsWith("registro-fad/partecipanti/"))).toBe(true);
  expect(names.some((n) => /^esportazioni\/registro-.+\.csv$/.test(n))).toBe(true);

  const sums = files
    .get("SHA256SUMS")!
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((l) => /^([0-9a-f]{64}) {2}(\S+)$/.exec(l)!)
    .map((m) => ({ sha256: m[1]!, path: m[2]! }));
  expect(sums.map((s) => s.path)).toEqual(names.slice(0, -1));
  for (const s of sums) expect(sha256(files.get(s.path)!), s.path).toBe(s.sha256);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-dossier-"));
  try {
    for (const [name, bytes] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), bytes);
    }
    const check = execFileSync("sha256sum", ["-c", "--strict", "SHA256SUMS"], { cwd: dir, encoding: "utf8" });
    expect(check.trim().split("\n").filter((l) => l.endsWith(": OK"))).toHaveLength(sums.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const events = await dossierEvents();
  expect(events).toHaveLength(before + 1);
  const event = events.at(-1)!;
  expect(event.subject).toBe(`plan:${id}`);
  const data = JSON.parse(event.data) as { complete: boolean; files: { path: string; bytes: number; sha256: string }[]; sha256sums: string };
  expect(data.complete).toBe(true);
  expect(data.files.map((f) => ({ sha256: f.sha256, path: f.path }))).toEqual(sums);
  for (const f of data.files) expect(f.bytes, f.path).toBe(files.get(f.path)!.length);
  expect(data.sha256sums).toBe(sha256(files.get("SHA256SUMS")!));

  const verify = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"], { env: { ...process.env, ...e2eDatabaseEnv() }, encoding: "utf8" });
  expect(verify).toMatch(/^audit chain OK: \d+ events/);
});

test("refusals: a malformed id 400, another company's or an unknown plan 404, a learner 403, no session 401 — nothing recorded", async ({ request, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const own = await planId(PLAN_TITLE);
  expect((await anonymous.get(`/api/admin/plans/${own}/dossier.zip`)).status()).toBe(401);
  await anonymous.dispose();

  const before = (await dossierEvents()).length;
  await apiSignIn(request, "learner@example.com");
  expect((await request.get(`/api/admin/plans/${own}/dossier.zip`)).status()).toBe(403);

  const admin = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  await apiSignIn(admin, "admin@example.com");
  for (const bad of ["abc", "0", "1.5", "-3", "1e3", "99999999999999999999"]) {
    const res = await admin.get(`/api/admin/plans/${bad}/dossier.zip`);
    expect(res.status(), bad).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain("planId");
  }
  for (const missing of [await planId(OTHER_COMPANY_PLAN), 999_999]) {
    const res = await admin.get(`/api/admin/plans/${missing}/dossier.zip`);
    expect(res.status(), String(missing)).toBe(404);
    expect(res.headers()["content-type"]).toContain("application/json");
  }
  await admin.dispose();
  expect(await dossierEvents()).toHaveLength(before);
});

test("the plan's page links the dossier ZIP in its Dossier section", async ({ page }) => {
  await signIn(page, "admin@example.com");
  const id = await planId(PLAN_TITLE);
  await page.goto(`/admin/plans/${id}`);
  const link = page.getByRole("region", { name: "Dossier per il fondo" }).getByRole("link", { name: "Dossier completo (ZIP)" });
  await expect(link).toHaveAttribute("href", `/api/admin/plans/${id}/dossier.zip`);
  await link.focus();
  await expect(link).toBeFocused();
});
