import { expect, request as playwrightRequest, test } from "@playwright/test";
import { createHash } from "node:crypto";
import { PDFParse } from "pdf-parse";
import { apiSignIn, e2eDb, signIn } from "./support/helpers";
import type { SqlValue } from "@/db/engine/types";
import { expectAxeClean } from "../support/axe";
import { allowFor } from "../support/budget";

/**
 * The dossier's four PDFs over real HTTP against `next start` on the demo data: the plan's page
 * links them (at 375 px too), each download is a PDF attachment whose SHA-256 is the one its
 * `admin.export` audit event recorded; a malformed id is 400, a plan or participant outside the
 * admin's company is 404, a declaration that would print a blank is 409 naming what is missing
 * (and the page says so first); no refusal records anything.
 */

const ADMIN = "admin@example.com";
const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

async function one<T>(sql: string, ...args: SqlValue[]): Promise<T> {
  return (await (await e2eDb()).get<T>(sql, args))!;
}

/** The demo company's first plan (everyone enrolled) and the other company's plan. */
const ownPlan = async () => (await one<{ id: number }>("SELECT fp.id FROM funding_plans fp JOIN companies c ON c.id = fp.company_id WHERE c.name = 'Officine Demo S.r.l.' ORDER BY fp.id LIMIT 1")).id;
const otherPlan = async () => (await one<{ id: number }>("SELECT fp.id FROM funding_plans fp JOIN companies c ON c.id = fp.company_id WHERE c.name != 'Officine Demo S.r.l.' ORDER BY fp.id LIMIT 1")).id;
const exportCount = async () => (await one<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'admin.export'")).n;
const lastExport = async () => {
  const row = await one<{ subject: string; data: string }>("SELECT subject, data FROM audit_events WHERE type = 'admin.export' ORDER BY id DESC LIMIT 1");
  return { subject: row.subject, data: JSON.parse(row.data) as { sha256: string; format: string; filters: Record<string, unknown> } };
};

async function pdfText(body: Buffer): Promise<string> {
  allowFor(15_000);
  const parser = new PDFParse({ data: body });
  try {
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}

test("an admin downloads the plan's four documents from its page; each download is audited with the file's hash", async ({ page }) => {
  test.slow();
  const planId = await ownPlan();
  await signIn(page, ADMIN);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/admin/plans/${planId}`);
  const section = page.getByRole("region", { name: "Dossier per il fondo" });
  await expect(section).toBeVisible();
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await section.getByText(/Registri dei \d+ partecipanti/).click();
  await expectAxeClean(page);

  const links = {
    register: section.getByRole("link", { name: "Registro FAD del piano (PDF)" }),
    declaration: section.getByRole("link", { name: "Dichiarazione sostitutiva (PDF)" }),
    courseFile: section.getByRole("link", { name: "Fascicolo del corso (PDF)" }),
    participant: section.getByRole("link", { name: /^Registro di .+ \(PDF\)$/ }).first(),
  };
  const expected: [keyof typeof links, RegExp, string, RegExp][] = [
    ["register", /^registro-fad-piano-\d+-\d{8}-\d{4}\.pdf$/, `dossier:register:plan:${planId}`, /Registro della formazione a distanza/],
    ["declaration", /^dichiarazione-sostitutiva-piano-\d+-\d{8}-\d{4}\.pdf$/, `dossier:declaration:plan:${planId}`, /DICHIARAZIONE SOSTITUTIVA DELL'ATTO DI NOTORIETÀ.*Carla Bassi.*DICHIARA/],
    ["courseFile", /^fascicolo-corso-piano-\d+-\d{8}-\d{4}\.pdf$/, `dossier:course-file:plan:${planId}`, /Fascicolo del corso.*Programma.*Versioni dei contenuti fruite/],
    ["participant", /^registro-fad-[a-z0-9-]+-piano-\d+-\d{8}-\d{4}\.pdf$/, `dossier:register:plan:${planId}:user:`, /Registro individuale della formazione a distanza/],
  ];
  for (const [key, filename, subject, text] of expected) {
    const href = (await links[key].getAttribute("href"))!;
    const before = await exportCount();
    const res = await page.request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    const disposition = res.headers()["content-disposition"]!;
    expect(disposition).toMatch(/^attachment; filename="/);
    expect(disposition.slice(22, -1), href).toMatch(filename);
    const body = await res.body();
    const sha = createHash("sha256").update(body).digest("hex");
    expect(res.headers()["x-content-sha256"]).toBe(sha);
    expect(await exportCount()).toBe(before + 1);
    const event = await lastExport();
    expect(event.subject.startsWith(subject), event.subject).toBe(true);
    expect(event.data).toMatchObject({ format: "pdf", sha256: sha, filters: { plan: planId } });
    const content = await pdfText(body);
    expect(content, href).toMatch(text);
    expect(content).toMatch(/pagina 1 di \d+/);
  }
});

test("refusals: 401 signed out, 403 for a learner, 400 for a malformed id, 404 outside the company, 409 for a declaration with a blank; nothing recorded", async ({ page }) => {
  test.slow();
  const planId = await ownPlan();
  const anon = await playwrightRequest.newContext({ baseURL: ORIGIN });
  expect((await anon.get(`/api/admin/plans/${planId}/register.pdf`)).status()).toBe(401);
  await anon.dispose();
  const learner = await playwrightRequest.newContext({ baseURL: ORIGIN });
  await apiSignIn(learner, "learner@example.com");
  expect((await learner.get(`/api/admin/plans/${planId}/course-file.pdf`)).status()).toBe(403);
  await learner.dispose();

  const admin = await playwrightRequest.newContext({ baseURL: ORIGIN });
  await apiSignIn(admin, ADMIN);
  const before = await exportCount();
  const outsider = (await one<{ id: number }>("SELECT id FROM users WHERE email = 'bruno.fabbri@example.com'")).id;
  const notInPlan = (await one<{ id: number }>("SELECT id FROM users WHERE email = ?", ADMIN)).id;
  for (const [path, status] of [
    [`/api/admin/plans/abc/register.pdf`, 400],
    [`/api/admin/plans/0/declaration.pdf`, 400],
    [`/api/admin/plans/${planId}/participants/x1/register.pdf`, 400],
    [`/api/admin/plans/${await otherPlan()}/register.pdf`, 404],
    [`/api/admin/plans/${await otherPlan()}/course-file.pdf`, 404],
    [`/api/admin/plans/99999999/declaration.pdf`, 404],
    [`/api/admin/plans/${planId}/participants/${outsider}/register.pdf`, 404],
    [`/api/admin/plans/${planId}/participants/${notInPlan}/register.pdf`, 404],
  ] as const) {
    const res = await admin.get(path);
    expect(res.status(), path).toBe(status);
    expect(res.headers()["content-type"], path).toMatch(/application\/json/);
  }

  // A plan without protocol and dates: the declaration would have blanks.
  const bare = await (await e2eDb()).write(async (tx) => {
    const plan = await tx.get<{ id: number }>(
      "INSERT INTO funding_plans (company_id, fund, avviso, title) SELECT company_id, 'fondimpresa', 'Avviso 9/2026', 'Piano senza riferimenti E2E' FROM funding_plans WHERE id = ? RETURNING id",
      [planId],
    );
    await tx.run("INSERT INTO funding_plan_courses (plan_id, course_slug) VALUES (?, 'lavoro-e-social-media')", [plan!.id]);
    return plan!.id;
  });
  const refused = await admin.get(`/api/admin/plans/${bare}/declaration.pdf`);
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { error: string; message: string; missing: { field: string; label: string }[] };
  expect(body.error).toBe("declaration_incomplete");
  expect(body.missing.map((m) => m.field).sort()).toEqual(["plan.period", "plan.protocol"]);
  expect(body.message).toContain("protocollo del piano");
  expect(body.message).toContain("periodo di svolgimento del piano");
  expect(await exportCount()).toBe(before);
  // The register of a plan nobody takes part in is still a document (its header, no participant).
  expect((await admin.get(`/api/admin/plans/${bare}/register.pdf`)).status()).toBe(200);
  expect(await exportCount()).toBe(before + 1);
  await admin.dispose();

  // The page says it before the click: no link, the missing fields named.
  await signIn(page, ADMIN);
  await page.goto(`/admin/plans/${bare}`);
  const section = page.getByRole("region", { name: "Dossier per il fondo" });
  await expect(section.getByRole("link", { name: "Dichiarazione sostitutiva (PDF)" })).toHaveCount(0);
  await expect(section.getByRole("note")).toContainText("La dichiarazione non può ancora essere generata: mancano protocollo del piano, periodo di svolgimento del piano.");
  await expect(section.getByRole("note").getByRole("link", { name: "Completa i dati del piano" })).toBeVisible();
});
