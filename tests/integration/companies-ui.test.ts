import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuthSession } from "@/db/queries/auth";
import { insertCompany, listCompanies } from "@/db/queries/companies";
import { listPlans } from "@/db/queries/plans";
import { courseOverview } from "@/db/queries/register";
import { createUserIfMissing } from "@/db/queries/users";
import { verifyAuditChain } from "@/lib/audit/trail";
import { liveSession } from "@/lib/auth/live-session";
import { resolveScope } from "@/lib/auth/scope";
import { companiesOverview } from "@/lib/companies/overview";
import { createCompanyWithPlan, NewCompanySchema, type NewCompanyInput } from "@/lib/companies/new-company";
import { sectionAfterSwitch, switchCompany } from "@/lib/companies/switch";
import { clearCatalogCache, loadCatalog } from "@/lib/content/catalog";
import { DEMO_COMPANY, DEMO_COMPANY_B } from "@/lib/demo/seed";
import { listReportCourses } from "@/lib/reports/register";
import { registerClock } from "@/lib/reports/register-clock";
import { DEMO_SEEDED_AT, seededDemoDb } from "./support/demo-db";
import { openTestDb, type TestDb } from "./support/test-db";

const COURSE = "lavoro-e-social-media";
const HEADER = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto";
const GOOD = ["Rossi;Mario;mario.rossi@nuova.it;RSSMRA85T10A562S;Magazzino;Operaio;Tempo indeterminato", "Bianchi;Anna;anna.bianchi@nuova.it;BNCNNA90A41F205W;Vendite;Impiegato;"];
const BAD = "Verdi;Luca;luca.verdi@nuova.it;VRDLCU80A01H501X;Vendite;Impiegato;";
const file = (rows: string[]) => new File(["\uFEFF" + [HEADER, ...rows].join("\r\n")], "dipendenti.csv", { type: "text/csv" });

/** The form as the browser sends it: every field a string, the courses repeated, the file. */
function form(over: Record<string, unknown> = {}) {
  return {
    name: "Nuova Meccanica S.r.l.",
    taxCode: "",
    inpsNumber: "",
    address: "Via Roma 1",
    city: "Bologna",
    legalRepresentative: "Carla Neri",
    signerName: "",
    signerRole: "",
    senderName: "",
    replyTo: "",
    publicBaseUrl: "",
    emailDomains: "nuova.it",
    plan_fund: "fondimpresa",
    plan_title: "Piano sicurezza digitale 2027",
    plan_avviso: "Avviso 1/2027",
    plan_protocol: "",
    plan_projectTitle: "",
    plan_cup: "",
    plan_startsOn: "2027-01-10",
    plan_endsOn: "2027-06-30",
    plan_courses: [COURSE],
    plan_attendanceThreshold: "",
    plan_finalTestRequired: "course",
    plan_signerName: "",
    plan_signerRole: "",
    people: new File([], ""),
    ...over,
  };
}

function parse(over: Record<string, unknown> = {}): NewCompanyInput {
  const parsed = NewCompanySchema.safeParse(form(over));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

describe("a new company with its plan and people: all or nothing (real database, either engine)", () => {
  let t: TestDb;
  let provider: number;
  beforeEach(async () => {
    clearCatalogCache();
    t = await openTestDb();
    await insertCompany(t, { name: "Officine Esistenti S.p.A.", taxCode: "01234567897" });
    provider = (await createUserIfMissing(t, { email: "ente@example.com", firstName: "F", lastName: "G", passwordHash: null, roles: ["provider_admin"] })).user.id;
  });
  afterEach(() => t.close());

  const count = async (table: string) => (await t.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
  const snapshot = async () => ({
    companies: await count("companies"),
    plans: await count("funding_plans"),
    users: await count("users"),
    departments: await count("departments"),
    domains: await count("company_email_domains"),
    audit: await count("audit_events"),
  });
  const auditTypes = async (after: number) => (await t.all<{ type: string }>("SELECT type FROM audit_events WHERE id > ? ORDER BY id", [after])).map((r) => r.type);

  it("creates the company, its plan and two people in one go, each write audited", async () => {
    const before = await snapshot();
    const r = await createCompanyWithPlan(t, provider, parse({ people: file(GOOD) }));
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.created).toHaveLength(2);
    const plans = await listPlans(t, { companyId: r.companyId });
    expect(plans.map((p) => [p.fund, p.title, p.avviso, p.courses])).toEqual([["fondimpresa", "Piano sicurezza digitale 2027", "Avviso 1/2027", [COURSE]]]);
    const people = await t.all('SELECT email, company_id AS "companyId", department FROM users WHERE company_id = ? ORDER BY email', [r.companyId]);
    expect(people).toEqual([
      { email: "anna.bianchi@nuova.it", companyId: r.companyId, department: "Vendite" },
      { email: "mario.rossi@nuova.it", companyId: r.companyId, department: "Magazzino" },
    ]);
    expect(await snapshot()).toMatchObject({ companies: before.companies + 1, plans: 1, users: before.users + 2, departments: 2, domains: 1 });
    expect(await auditTypes(before.audit)).toEqual(["admin.company-create", "admin.plan-create", "admin.user-update"]);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("creates the company and plan without people when no file is chosen", async () => {
    const r = await createCompanyWithPlan(t, provider, parse());
    expect(r).toMatchObject({ ok: true, created: [] });
  });

  it("one bad row in the file creates no company, no plan, no person, no audit event, and says which row", async () => {
    const before = await snapshot();
    const r = await createCompanyWithPlan(t, provider, parse({ people: file([...GOOD, BAD]) }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors).toEqual({ people: ["companiesUi.errors.peopleRows"] });
    expect(r.rows).toEqual([{ line: 4, name: "Verdi Luca", email: "luca.verdi@nuova.it", problems: [expect.objectContaining({ code: "fiscal-code" })] }]);
    expect(await snapshot()).toEqual(before);
  });

  it("a row whose e-mail belongs to another company's person is refused, and nothing is written", async () => {
    const other = (await listCompanies(t))[0]!.id;
    await createUserIfMissing(t, { email: "mario.rossi@nuova.it", firstName: "Mario", lastName: "Rossi", passwordHash: null, roles: ["learner"], companyId: other });
    const before = await snapshot();
    const r = await createCompanyWithPlan(t, provider, parse({ people: file(GOOD) }));
    expect(r).toMatchObject({ ok: false, rows: [{ line: 2, problems: [{ code: "email-elsewhere" }] }] });
    expect(await snapshot()).toEqual(before);
  });

  it("a file that is not an employee list is a field error, nothing written", async () => {
    const before = await snapshot();
    const r = await createCompanyWithPlan(t, provider, parse({ people: new File(["nome,cognome\nMario,Rossi\n"], "altro.csv") }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { people: ["import.fileProblem.columns"] } });
    expect(await snapshot()).toEqual(before);
  });

  it("a bad plan field is reported under the form's name for it, and nothing is written", () => {
    const parsed = NewCompanySchema.safeParse(form({ plan_avviso: "", plan_cup: "ABC", plan_courses: [], name: "" }));
    expect(parsed.success).toBe(false);
    const fields = new Set(parsed.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["name", "plan_avviso", "plan_cup", "plan_courses"]));
  });

  it("a course the catalogue does not have (caught inside the transaction) leaves no company behind", async () => {
    const before = await snapshot();
    const r = await createCompanyWithPlan(t, provider, parse({ plan_courses: ["corso-che-non-esiste"], people: file(GOOD) }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { plan_courses: ["form.course"] } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a name, tax code or e-mail domain another company already has, writing nothing", async () => {
    await createCompanyWithPlan(t, provider, parse());
    const before = await snapshot();
    expect(await createCompanyWithPlan(t, provider, parse({ name: "officine esistenti s.p.a.", emailDomains: "" }))).toMatchObject({ ok: false, fieldErrors: { name: ["companiesUi.errors.nameTaken"] } });
    expect(await createCompanyWithPlan(t, provider, parse({ name: "Altra S.r.l.", taxCode: "01234567897", emailDomains: "" }))).toMatchObject({ ok: false, fieldErrors: { taxCode: ["companiesUi.errors.taxCodeTaken"] } });
    expect(await createCompanyWithPlan(t, provider, parse({ name: "Altra S.r.l." }))).toMatchObject({ ok: false, fieldErrors: { emailDomains: ["form.domainTaken"] }, detail: "nuova.it" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("the company switcher (real database, either engine)", () => {
  let t: TestDb;
  let provider: number;
  let a: number;
  let b: number;
  beforeEach(async () => {
    t = await openTestDb();
    a = await insertCompany(t, { name: "Alfa S.r.l." });
    b = await insertCompany(t, { name: "Beta S.r.l." });
    provider = (await createUserIfMissing(t, { email: "ente@example.com", firstName: "F", lastName: "G", passwordHash: null, roles: ["provider_admin"] })).user.id;
    await createAuthSession(t, { id: "desk", userId: provider, ip: null, userAgent: null });
    await createAuthSession(t, { id: "laptop", userId: provider, ip: null, userAgent: null });
  });
  afterEach(() => t.close());

  const scopeOf = async (sessionId: string) => resolveScope(t, (await liveSession(t, sessionId, provider))!);

  it("changes the scope of the session that switched, and of no other", async () => {
    expect((await scopeOf("desk"))?.companyId).toBe(a);
    expect(await switchCompany(t, { id: provider, sessionId: "desk", fromCompanyId: a }, b)).toBe(true);
    expect(await scopeOf("desk")).toEqual({ companyId: b, departments: null, planId: null, via: "provider_admin" });
    expect((await scopeOf("laptop"))?.companyId).toBe(a);
    const event = await t.get("SELECT type, actor_user_id AS actor, session_id AS session, subject, data FROM audit_events ORDER BY id DESC LIMIT 1");
    expect(event).toEqual({ type: "admin.company-switch", actor: provider, session: "desk", subject: `company:${b}`, data: JSON.stringify({ from: a }) });
  });

  it("refuses a company that does not exist, and a session that has ended, writing nothing", async () => {
    const audit = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM audit_events"))!.n;
    const before = await audit();
    expect(await switchCompany(t, { id: provider, sessionId: "desk", fromCompanyId: a }, 9999)).toBe(false);
    await t.run("UPDATE auth_sessions SET ended_at = ? WHERE id = 'laptop'", [Math.floor(Date.now() / 1000)]);
    expect(await switchCompany(t, { id: provider, sessionId: "laptop", fromCompanyId: a }, b)).toBe(false);
    expect(await audit()).toBe(before);
    expect((await scopeOf("desk"))?.companyId).toBe(a);
  });

  it("goes back to the section it was asked from, never to a record of the company left", () => {
    expect(sectionAfterSwitch("http://127.0.0.1:3000/admin/people/12")).toBe("/admin/people");
    expect(sectionAfterSwitch("http://127.0.0.1:3000/admin/reports/participants?course=x")).toBe("/admin/reports");
    expect(sectionAfterSwitch("http://127.0.0.1:3000/it/admin/companies")).toBe("/admin/companies");
    expect(sectionAfterSwitch("https://elsewhere.example//evil.example/x")).toBe("/admin/companies");
    expect(sectionAfterSwitch("not a url")).toBe("/admin/companies");
    expect(sectionAfterSwitch(null)).toBe("/admin/companies");
  });
});

describe("the companies overview on the demo data", () => {
  // The engine seededDemoDb opens (tests/integration/support/demo-db.ts); the test uses only the engine.
  let t: Awaited<ReturnType<typeof seededDemoDb>>;
  const now = DEMO_SEEDED_AT;
  beforeAll(async () => {
    t = await seededDemoDb(now);
  }, 180_000);
  afterAll(() => t.close());

  it("lists both demo companies; per company and per plan, enrolled is the sum of the four states, and the plans add up to the company", async () => {
    const overview = await companiesOverview(t, loadCatalog().courses, registerClock(now));
    expect(overview.map((c) => c.name).sort()).toEqual([DEMO_COMPANY, DEMO_COMPANY_B].sort());
    for (const c of overview) {
      for (const counts of [c.total, c.outsidePlans, ...c.plans.map((p) => p.counts)]) {
        expect(counts.participants, c.name).toBe(counts.nonIniziati + counts.inProgress + counts.formati + counts.nonFormati);
        expect(counts.overdue).toBeLessThanOrEqual(counts.nonIniziati + counts.inProgress);
      }
      const plans = c.plans.reduce((n, p) => n + p.counts.participants, 0);
      expect(plans + c.outsidePlans.participants, c.name).toBe(c.total.participants);
      expect(c.total.participants, c.name).toBeGreaterThan(0);
      // The same figures as /admin/reports shows for the company.
      const scope = { companyId: c.id, departments: null };
      let reports = 0;
      for (const course of await listReportCourses(t, scope, loadCatalog().courses)) reports += (await courseOverview(t, { course: course.params, scope }, registerClock(now))).participants;
      expect(c.total.participants, c.name).toBe(reports);
    }
  });
});
