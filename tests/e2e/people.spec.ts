import { expect, test } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import { allowFor } from "../support/budget";
import { e2eDb, signIn, DEMO_PASSWORD } from "./support/helpers";

const HEADER = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto";
const GOOD = [
  "Fontana;Irene;irene.fontana@example.com;FNTRNI91C44F205S;Logistica Nord;Impiegato;Tempo indeterminato",
  "Moretti;Carlo;carlo.moretti@example.com;MRTCRL86H12L219A;Logistica Nord;Operaio;Tempo determinato",
];
const BAD = "Barbieri;Nadia;nadia.barbieri@example.com;BRBNDA93T59A944X;Logistica Nord;Impiegato;";
const FIXED = "Barbieri;Nadia;nadia.barbieri@example.com;BRBNDA93T59A944F;Logistica Nord;Impiegato;";
/** Ten days from now: earlier than the demo's own "everyone, in 30 days" rule, so it is the one that applies. */
const DUE = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const dueText = new Intl.DateTimeFormat("it-IT", { dateStyle: "long", timeZone: "Europe/Rome" }).format(new Date(`${DUE}T12:00:00Z`));
const file = (rows: string[]) => ({ name: "dipendenti.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [HEADER, ...rows].join("\r\n")) });

test("an admin imports a CSV, fixes the bad row, confirms, and enrols the department with a due date", async ({ page, browser }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/people");
  await page.getByRole("link", { name: "Importa da CSV" }).click();
  await page.getByLabel("File CSV").setInputFiles(file([...GOOD, BAD]));
  allowFor(10_000);
  await page.getByRole("button", { name: "Controlla il file" }).click();
  await expect(page.getByText("2 da creare, 0 da aggiornare, 0 invariate, 1 con errori")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "nadia.barbieri@example.com" }).getByText(/codice fiscale «BRBNDA93T59A944X» non valido: l'ultimo carattere non corrisponde \(dovrebbe essere [A-Z]\)/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Conferma l'importazione" })).toHaveCount(0);
  const db = await e2eDb();
  const count = async (email: string) => (await db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE email = ?", [email]))!.n;
  expect(await count("irene.fontana@example.com")).toBe(0);

  await page.getByLabel("File CSV").setInputFiles(file([...GOOD, FIXED]));
  allowFor(10_000);
  await page.getByRole("button", { name: "Controlla il file" }).click();
  await expect(page.getByText("3 da creare, 0 da aggiornare, 0 invariate, 0 con errori")).toBeVisible();
  allowFor(10_000);
  await page.getByRole("button", { name: "Conferma l'importazione" }).click();
  await expect(page.getByText(/Importazione completata: 3 persone nuove/)).toBeVisible();
  // No mail server in the e2e run: the page says the invitations wait in the outbox, and what to do next.
  await expect(page.getByText(/3 inviti sono pronti nella posta in uscita, ma non sono stati spediti/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Vai a «Iscrizioni»" })).toBeVisible();
  expect(await count("nadia.barbieri@example.com")).toBe(1);

  // The same file again changes nothing.
  await page.getByLabel("File CSV").setInputFiles(file([...GOOD, FIXED]));
  allowFor(10_000);
  await page.getByRole("button", { name: "Controlla il file" }).click();
  await expect(page.getByText("0 da creare, 0 da aggiornare, 3 invariate, 0 con errori")).toBeVisible();

  await page.goto("/admin/enrolments");
  await page.getByLabel("Corso", { exact: true }).selectOption("lavoro-e-social-media");
  await page.getByLabel("A un reparto (anche a chi ci entrerà dopo)").check();
  await page.getByLabel("Reparto", { exact: true }).fill("Logistica Nord");
  // The assign form's due date (each standing rule has its own, inside its "Modifica o rimuovi").
  await page.locator("#dueDate").fill(DUE);
  await page.getByRole("button", { name: "Assegna" }).click();
  await expect(page.getByText("Assegnazione salvata.")).toBeVisible();
  await expect(page.getByText(`reparto Logistica Nord — entro il ${dueText}`, { exact: false })).toBeVisible();
  const rule = await db.get("SELECT scope, department, due_date FROM enrolment_rules WHERE department = 'Logistica Nord'");
  expect(rule).toEqual({ scope: "department", department: "Logistica Nord", due_date: DUE });

  // An imported learner (password set here; invitations are tested on their own) sees the course and its due date.
  const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  await db.run("UPDATE users SET password_hash = ? WHERE email = 'irene.fontana@example.com'", [passwordHash]);
  const ctx = await browser.newContext();
  const learner = await ctx.newPage();
  await signIn(learner, "irene.fontana@example.com");
  const card = learner.getByRole("listitem").filter({ has: learner.getByRole("heading", { name: "Lavoro e social media: binomio pericoloso?" }) });
  await expect(card.getByText(`Da completare entro il ${dueText}.`)).toBeVisible();
  await ctx.close();
});

test("the import endpoint refuses learners and oversized or malformed uploads clearly", async ({ page, request }) => {
  await signIn(page, "learner@example.com");
  const asLearner = await page.request.post("/api/admin/people/import", { multipart: { file: file(GOOD) }, headers: { accept: "application/json" } });
  expect(asLearner.status()).toBe(403);
  const anon = await request.post("/api/admin/people/import", { multipart: { file: file(GOOD) } });
  expect(anon.status()).toBe(401);

  const adminCtx = await page.context().browser()!.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, "admin@example.com");
  const huge = await admin.request.post("/api/admin/people/import", {
    multipart: { file: { name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(11 * 1024 * 1024, 0x41) } },
    headers: { accept: "application/json" },
  });
  expect(huge.status()).toBe(413);
  const latin1 = await admin.request.post("/api/admin/people/import", {
    multipart: { file: { name: "latin1.csv", mimeType: "text/csv", buffer: Buffer.concat([Buffer.from(HEADER + "\n"), Buffer.from([0x52, 0xec, 0x3b, 0x0a])]) } },
    headers: { accept: "application/json" },
  });
  expect(latin1.status()).toBe(422);
  expect((await latin1.json()).problem.code).toBe("encoding");
  const empty = await admin.request.post("/api/admin/people/import", { multipart: { file: { name: "e.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) } }, headers: { accept: "application/json" } });
  expect(empty.status()).toBe(422);
  const formula = await admin.request.post("/api/admin/people/import", {
    multipart: { file: file(['=HYPERLINK("http://evil");Eva;eva.formula@example.com;RSSMRA85T10A562S;;;']) },
    headers: { accept: "application/json" },
  });
  expect(formula.status()).toBe(201);
  const body = (await formula.json()) as { counts: { error: number }; rows: { problems: { code: string }[] }[] };
  expect(body.counts.error).toBe(1);
  expect(body.rows[0]!.problems.map((p) => p.code)).toContain("formula");
  await adminCtx.close();
});
