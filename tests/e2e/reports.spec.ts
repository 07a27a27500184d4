import { expect, request as playwrightRequest, test } from "@playwright/test";
import ExcelJS from "exceljs";
import jsQR from "jsqr";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import { PNG } from "pngjs";
import { parse } from "yaml";
import yauzl from "yauzl";
import { apiSignIn, e2eDb, ensureLearner, signIn } from "./support/helpers";
import type { Transaction } from "@/db/engine/types";
import { expectAxeClean } from "../support/axe";
import { allowFor } from "../support/budget";
import { csvRows } from "../support/csv-rows";
import { answersFor, readBank, type ShownQuestion } from "../support/answer-key";

/**
 * Registers, certificates and the public verification page, end to end against `next start`.
 * One learner completes the course through the app's own APIs (lessons opened and completed,
 * the final test passed); only the active time is written straight into the database, since real
 * heartbeats would need 21 minutes of a visible page.
 */

const COURSE = "social-media-basics";
const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

/** The course as the server sees it: read from the composed content folder at test time. */
function courseFromCatalog() {
  const root = path.join(process.env.CONTENT_DIR ?? path.join(process.cwd(), "content"), "courses", COURSE);
  const meta = parse(fs.readFileSync(path.join(root, "course.yaml"), "utf8")) as { plannedMinutes: number; title: { it: string } };
  const lessons = fs
    .readdirSync(path.join(root, "lessons"))
    .filter((f) => /^\d+-.+\.it\.mdx$/.test(f))
    .sort()
    .map((f) => {
      const front = parse(fs.readFileSync(path.join(root, "lessons", f), "utf8").split(/^---$/m)[1]!) as { status: string };
      return { slug: f.replace(/^\d+-/, "").replace(/\.it\.mdx$/, ""), status: front.status };
    })
    .filter((l) => l.status === "published")
    .map((l) => l.slug);
  return { ...meta, lessons, bank: readBank(path.join(root, "quizzes", "final.yaml")) };
}

/** The SHA-256 the newest `admin.export` audit event recorded. */
async function latestExportHash(): Promise<string> {
  const row = await (await e2eDb()).get<{ data: string }>("SELECT data FROM audit_events WHERE type = 'admin.export' ORDER BY id DESC LIMIT 1");
  return (JSON.parse(row!.data) as { sha256: string }).sha256;
}

/** Enrols in the course (already enrolled, from a previous worker's beforeAll: nothing changes). */
function enrol(tx: Transaction, userId: number) {
  return tx.run("INSERT INTO enrolments (user_id, course_slug) VALUES (?, ?) ON CONFLICT DO NOTHING", [userId, COURSE]);
}

async function readPdf(body: Buffer): Promise<{ text: string; qr: string | null }> {
  // Renders the page at twice its size and looks for the QR code in it.
  allowFor(20_000);
  const parser = new PDFParse({ data: body });
  try {
    const { text } = await parser.getText();
    const shot = await parser.getScreenshot({ partial: [1], scale: 2, imageBuffer: true });
    const png = PNG.sync.read(Buffer.from(shot.pages[0]!.data));
    return { text: text.replace(/\s+/g, " "), qr: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null };
  } finally {
    await parser.destroy();
  }
}


/**
 * The same in every worker of one run: after a failed test the rest of the file carries on in a
 * new worker, whose beforeAll finds the people (and the certificate) the first one made.
 */
const stamp = path.basename(process.env.E2E_DIR!).replace(/[^a-z0-9]/gi, "").toLowerCase();
const DONE = { email: `reports.done.${stamp}@example.com`, firstName: "Ottavia", lastName: "D'Annunzio", fiscalCode: "DNNTTV85M41H501X" };
const OTHER = `reports.other.${stamp}@example.com`;
let code = "";

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const course = courseFromCatalog();
  expect(course.lessons.length).toBeGreaterThan(0);
  const id = await ensureLearner(DONE.email, DONE.firstName, DONE.lastName);
  const otherId = await ensureLearner(OTHER, "Oreste", "Altro");
  code = await certificateOf(id);
  await (await e2eDb()).write(async (tx) => {
    await tx.run("UPDATE users SET fiscal_code = ?, department = 'Vendite' WHERE id = ?", [DONE.fiscalCode, id]);
    await enrol(tx, id);
    await enrol(tx, otherId);
  });

  if (code) return;
  const api = await playwrightRequest.newContext({ baseURL: ORIGIN });
  try {
    await apiSignIn(api, DONE.email);
    for (const lessonSlug of course.lessons) {
      for (const action of ["open", "complete"]) {
        const res = await api.post("/api/progress", { data: { courseSlug: COURSE, lessonSlug, action } });
        expect(res.status(), `${lessonSlug} ${action}`).toBe(200);
      }
    }
    // 80 % of the planned time, split over the lessons (the server would credit it from heartbeats).
    const perLesson = Math.ceil((course.plannedMinutes * 60 * 0.8) / course.lessons.length);
    await (await e2eDb()).run("UPDATE lesson_progress SET active_seconds = ? WHERE user_id = ? AND course_slug = ?", [perLesson, id, COURSE]);

    const start = await api.post("/api/quiz/attempts", { data: { courseSlug: COURSE, quizId: "final" } });
    expect([200, 201]).toContain(start.status());
    const { attemptId, questions } = (await start.json()) as { attemptId: number; questions: ShownQuestion[] };
    const answers = answersFor(questions, course.bank);
    const submit = await api.post(`/api/quiz/attempts/${attemptId}/submit`, { data: { answers } });
    expect(submit.status()).toBe(200);
    expect((await submit.json()).passed).toBe(true);
  } finally {
    await api.dispose();
  }
  code = await certificateOf(id);
  expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
});

async function certificateOf(userId: number): Promise<string> {
  return (await (await e2eDb()).get<{ code: string }>("SELECT code FROM certificates WHERE user_id = ? AND course_slug = ?", [userId, COURSE]))?.code ?? "";
}

test("an admin downloads the register as CSV and XLSX, with the signed summary", async ({ request }) => {
  await apiSignIn(request, "admin@example.com");
  const csv = await request.get(`/api/admin/reports/register.csv?course=${COURSE}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="registro-social-media-basics-\d{8}-\d{4}\.csv"/);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.subarray(3).toString("utf8");
  // Only the table: no summary lines at the foot for a spreadsheet to show as junk rows.
  expect(text).not.toMatch(/^#/m);
  const rows = csvRows(text.replace(/\r\n$/, ""), ";");
  const header = rows[0]!;
  const row = rows.find((r) => r[header.indexOf("E-mail")] === DONE.email)!;
  expect(row).toBeDefined();
  expect(row[header.indexOf("Cognome")]).toBe("D'Annunzio");
  expect(row[header.indexOf("Codice fiscale")]).toBe(DONE.fiscalCode);
  expect(row[header.indexOf("Esito")]).toBe("formato");
  expect(row[header.indexOf("Frequenza %")]).toMatch(/^(79|80),\d$/);
  expect(row[header.indexOf("Ore frequentate (decimali)")]).toMatch(/^0,\d\d$/);
  expect(row[header.indexOf("Attestato")]).toBe(code);
  // Recompute the signature as an inspector would: `sha256sum` of the file equals the audit trail's.
  expect(createHash("sha256").update(body).digest("hex")).toBe(await latestExportHash());

  const xlsx = await request.get(`/api/admin/reports/register.xlsx?course=${COURSE}&status=formato`);
  expect(xlsx.status()).toBe(200);
  allowFor(10_000);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const xHeader = (sheet.getRow(1).values as unknown[]).slice(1);
  const xRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(xHeader.indexOf("E-mail") + 1).value === DONE.email)!;
  expect(xRow.getCell(xHeader.indexOf("Esito") + 1).value).toBe("formato");
  expect(xRow.getCell(xHeader.indexOf("Data completamento") + 1).value).toBeInstanceOf(Date);
  expect(typeof xRow.getCell(xHeader.indexOf("Frequenza %") + 1).value).toBe("number");
  const summary = wb.getWorksheet("Riepilogo")!;
  const facts = new Map<string, unknown>();
  summary.eachRow((r) => facts.set(String(r.getCell(1).value), r.getCell(2).value));
  // The sort is part of the filter: it decides the row order, and so the hash.
  // The filters in words, for the person who opens the file.
  expect(facts.get("Filtri")).toBe("Corso: Social media al lavoro: le basi; Stato: formato");
  expect(String(facts.get("SHA-256"))).toMatch(/^[0-9a-f]{64}$/);

  const sessions = await request.get(`/api/admin/reports/sessions.csv?course=${COURSE}`);
  expect(sessions.status()).toBe(200);
  expect((await sessions.text()).includes(DONE.email)).toBe(true);

  const invalid = await request.get("/api/admin/reports/register.csv?status=passed");
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).message).toMatch(/course: .*status: /s);
  expect((await request.get("/api/admin/reports/register.csv?course=no-such-course")).status()).toBe(422);
  expect((await request.get(`/api/admin/reports/other.csv?course=${COURSE}`)).status()).toBe(404);

  allowFor(10_000);
  const zip = await request.get(`/api/admin/certificates.zip?course=${COURSE}`);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  const zipBody = await zip.body();
  expect(zipBody.subarray(0, 2).toString()).toBe("PK");
  const entries = await new Promise<string[]>((resolve, reject) => {
    yauzl.fromBuffer(zipBody, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const out: string[] = [];
      file.on("entry", (e: yauzl.Entry) => {
        out.push(e.fileName);
        file.readEntry();
      });
      file.on("end", () => resolve(out));
      file.readEntry();
    });
  });
  expect(entries).toContain(`attestato-${code}.pdf`);
  expect(entries).toContain("indice.csv");
});

test("the certificate PDF: the owner and admins get it, with the QR to the verify page; everyone else gets 404", async ({ request }) => {
  await apiSignIn(request, "admin@example.com");
  const res = await request.get(`/api/certificates/${code}.pdf`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const { text, qr } = await readPdf(await res.body());
  expect(text).toContain(`${DONE.firstName} ${DONE.lastName}`);
  expect(text).toContain(`Codice fiscale: ${DONE.fiscalCode}`);
  expect(text).toContain("Social media al lavoro: le basi");
  expect(text).toMatch(/Ore frequentate: \d+:\d{2} \(\d+,\d{2} ore\), pari al \d+(,\d)? %/);
  expect(text).toContain(`Attestato n. ${code}`);
  expect(text).not.toContain("REVOCATO");
  expect(qr).toBe(`${ORIGIN}/verify/${code}`);

  const owner = await playwrightRequest.newContext({ baseURL: ORIGIN });
  await apiSignIn(owner, DONE.email);
  expect((await owner.get(`/api/certificates/${code.toLowerCase()}.pdf`)).status()).toBe(200);
  await owner.dispose();

  for (const email of [OTHER, "trainer@example.com"]) {
    const ctx = await playwrightRequest.newContext({ baseURL: ORIGIN });
    await apiSignIn(ctx, email);
    const refused = await ctx.get(`/api/certificates/${code}.pdf`);
    expect(refused.status(), email).toBe(404);
    await ctx.dispose();
  }
  const anonymous = await playwrightRequest.newContext({ baseURL: ORIGIN });
  expect((await anonymous.get(`/api/certificates/${code}.pdf`)).status()).toBe(404);
  expect((await anonymous.get("/api/certificates/not-a-code.pdf")).status()).toBe(404);
  await anonymous.dispose();
});

test("learners and trainers get 403 on every report route; anonymous callers 401", async () => {
  const routes = [
    `/api/admin/reports/register.csv?course=${COURSE}`,
    `/api/admin/reports/register.xlsx?course=${COURSE}`,
    `/api/admin/reports/sessions.csv`,
    `/api/admin/reports/sessions.xlsx`,
    `/api/admin/certificates.zip?course=${COURSE}`,
  ];
  for (const email of [DONE.email, "trainer@example.com"]) {
    const ctx = await playwrightRequest.newContext({ baseURL: ORIGIN });
    await apiSignIn(ctx, email);
    for (const route of routes) expect((await ctx.get(route)).status(), `${email} ${route}`).toBe(403);
    await ctx.dispose();
  }
  const anonymous = await playwrightRequest.newContext({ baseURL: ORIGIN });
  for (const route of routes) expect((await anonymous.get(route)).status(), route).toBe(401);
  await anonymous.dispose();
});

test("a learner is refused the report and certificate pages", async ({ page }) => {
  await signIn(page, OTHER);
  for (const url of ["/admin/reports", `/admin/reports/participants?course=${COURSE}`, `/admin/certificates?course=${COURSE}`]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
  }
});

// Scanned with axe, at two widths, by `npm run screenshots` (overview, participants, a participant's page).
test("the admin report pages show the course, the participant and the drill-down", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/reports");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report");
  await page.getByRole("link", { name: /Social media al lavoro: le basi/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iscritti: Social media al lavoro: le basi");
  await page.getByLabel("Cerca per cognome, nome o codice fiscale").fill(DONE.fiscalCode);
  await page.getByRole("button", { name: "Applica i filtri" }).click();
  await expect(page.getByText("1 iscritto", { exact: true })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: DONE.fiscalCode });
  await expect(row.getByText("Formato")).toBeVisible();
  await expect(row.getByRole("link", { name: code })).toBeVisible();
  await expect(page.getByRole("link", { name: "Registro CSV (;)" })).toHaveAttribute("href", new RegExp(`register\\.csv\\?course=${COURSE}&q=${DONE.fiscalCode}`));
  await row.getByRole("link", { name: `${DONE.lastName} ${DONE.firstName}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${DONE.lastName} ${DONE.firstName}: Social media al lavoro: le basi`);
  await expect(page.getByRole("heading", { name: "Tempo per lezione" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Registro accessi" })).toBeVisible();
});

test("verify: valid, then revoked from the admin page with a reason; unknown and malformed codes are not found", async ({ browser }) => {
  const visitor = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const phone = await visitor.newPage();
  await phone.goto(`/verify/${code}`);
  await expect(phone.getByRole("heading", { level: 2, name: "Attestato valido" })).toBeVisible();
  await expect(phone.getByText(`${DONE.firstName} ${DONE.lastName}`)).toBeVisible();
  await expect(phone.getByText("Social media al lavoro: le basi")).toBeVisible();
  await expect(phone.locator("main")).not.toContainText(DONE.fiscalCode);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const admin = await browser.newContext();
  const page = await admin.newPage();
  await signIn(page, "admin@example.com");
  await page.goto(`/admin/certificates?course=${COURSE}&q=${encodeURIComponent(DONE.fiscalCode)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attestati");
  const row = page.locator(`tr[data-code="${code}"]`);
  await row.locator("summary", { hasText: "Revoca" }).click();
  await row.getByLabel("Motivo della revoca").fill("Dati anagrafici errati");
  await row.getByRole("button", { name: "Conferma la revoca" }).click();
  await expect(row.getByText("Revocato", { exact: true })).toBeVisible();
  await expect(row.getByText(/Dati anagrafici errati/)).toBeVisible();
  const event = await (await e2eDb()).get<{ data: string }>("SELECT data FROM audit_events WHERE type = 'certificate.revoke' AND subject = ?", [`certificate:${code}`]);
  expect(JSON.parse(event!.data)).toMatchObject({ reason: "Dati anagrafici errati" });
  await admin.close();

  await phone.reload();
  await expect(phone.getByRole("heading", { level: 2, name: "Attestato revocato" })).toBeVisible();
  await expect(phone.getByText("Dati anagrafici errati")).toBeVisible();
  // The one state of the verify page the screenshots run does not reach (it never revokes).
  await expectAxeClean(phone);

  // The form normalises what is typed and lands on the code's page.
  await phone.getByLabel("Numero dell'attestato").fill("zzzz zzzz zzzz zzzz");
  await phone.getByRole("button", { name: "Verifica" }).click();
  await expect(phone).toHaveURL(/\/verify\/ZZZZ-ZZZZ-ZZZZ-ZZZZ$/);
  await expect(phone.getByRole("heading", { level: 2, name: "Attestato non trovato" })).toBeVisible();
  await phone.goto("/verify/not-a-code");
  await expect(phone.getByRole("heading", { level: 2, name: "Attestato non trovato" })).toBeVisible();
  await visitor.close();

  // A revoked certificate still downloads, stamped.
  const api = await playwrightRequest.newContext({ baseURL: ORIGIN });
  await apiSignIn(api, DONE.email);
  const pdf = await api.get(`/api/certificates/${code}.pdf`);
  expect(pdf.status()).toBe(200);
  allowFor(10_000);
  const parser = new PDFParse({ data: await pdf.body() });
  expect((await parser.getText()).text).toContain("REVOCATO");
  await parser.destroy();
  await api.dispose();
});
