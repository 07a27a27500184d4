import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteUser } from "@/lib/account/invite";
import type { CompanyScope } from "@/lib/auth/scope";
import { revokeCertificate } from "@/lib/certificates/revoke";
import { getCourse } from "@/lib/content/lookup";
import { DEMO_COMPANY, DEMO_COMPANY_B, DEMO_COURSE } from "@/lib/demo/seed";
import { assignCourse, editRuleDueDate, removeRule } from "@/lib/enrolment/assign";
import { parseEmployeeCsv } from "@/lib/people/csv-import";
import { applyImport, getImport, saveImport } from "@/lib/people/import-plan";
import { changeActivation } from "@/lib/people/activation";
import { grantTestTimeExtra } from "@/lib/people/accommodation";
import { updateProfile, type ProfileInput } from "@/lib/people/profile";
import { editPlan, type PlanInput } from "@/lib/plans/plans";
import { registerClock } from "@/lib/reports/register-clock";
import { courseParams } from "@/lib/reports/register";
import { getCertificateInScope } from "@/db/queries/certificates";
import { listCompanies } from "@/db/queries/companies";
import { departmentSubtree } from "@/db/queries/departments";
import { getRule, listRules } from "@/db/queries/enrolment";
import { getOutboxMail, listOutbox } from "@/db/queries/mail";
import { getPlan, listPlans } from "@/db/queries/plans";
import { listRegisterPage } from "@/db/queries/register";
import { isUserInScope } from "@/db/queries/scope";
import { findUserByEmail, getPersonInScope, listPeople } from "@/db/queries/users";
import { fingerprintOfEngine } from "../support/db-fingerprint";
import { DEMO_SEEDED_AT, openSeededDemo } from "./support/demo-db";
import type { TestDb } from "./support/test-db";

/**
 * Isolation between client companies (issue #19) over the domain functions themselves, on the
 * demo's two companies in a temp database: every function that takes an id, code or plan of
 * company data, given company A's scope and company B's ids, answers as for an id that does not
 * exist and writes nothing; given B's scope, the same ids are found (they are real).
 */
describe("isolation between companies, in the domain functions (real database, either engine)", () => {
  let t: TestDb;
  const now = DEMO_SEEDED_AT;
  let A: CompanyScope;
  let B: CompanyScope;
  let manager: CompanyScope;
  let adminA: number;
  let b: { person: number; invitee: number; outbox: number; import: number; plan: number; rule: number; certificate: string };
  const UNKNOWN = 987_654;

  beforeAll(async () => {
    t = await openSeededDemo();
    const company = async (name: string) => (await listCompanies(t)).find((c) => c.name === name)!.id;
    A = { companyId: await company(DEMO_COMPANY), departments: null, planId: null, via: "company_admin" };
    B = { companyId: await company(DEMO_COMPANY_B), departments: null, planId: null, via: "company_admin" };
    adminA = (await findUserByEmail(t, "admin@example.com"))!.id;
    const managerGrant = (await t.get<{ id: number }>("SELECT department_id AS id FROM user_roles WHERE role = 'department_manager' AND user_id = ?", [(await findUserByEmail(t, "responsabile@example.com"))!.id]))!;
    manager = { companyId: A.companyId, departments: await departmentSubtree(t, managerGrant.id), planId: null, via: "department_manager" };

    // What the demo does not seed, made for company B as its admin would: an invitation in its outbox and a checked import.
    const adminB = (await findUserByEmail(t, "admin.adriatica@example.com"))!.id;
    const invitee = (await t.get<{ id: number }>(
      "INSERT INTO users (email, password_hash, first_name, last_name, company_id, department) VALUES ('ivo@adriatica.example', NULL, 'Ivo', 'Invitato', ?, 'Soci lavoratori') RETURNING id",
      [B.companyId],
    ))!.id;
    await t.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')", [invitee]);
    const invited = await inviteUser(t, invitee, { invitedBy: adminB, scope: B, now });
    if (!invited.ok) throw new Error(invited.error);
    const csv = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto\nVerdi;Giovanni;giovanni.verdi@adriatica.example;VRDGNN80A01F205M;Soci lavoratori;Socio lavoratore;Tempo indeterminato\n";
    const parsed = await parseEmployeeCsv(new Blob([csv]).stream());
    if (!parsed.ok) throw new Error(parsed.problem.code);
    const bruno = (await findUserByEmail(t, "bruno.fabbri@example.com"))!;
    b = {
      person: (await findUserByEmail(t, "anna.marchetti@example.com"))!.id,
      invitee,
      outbox: invited.outboxId,
      import: await saveImport(t, adminB, B.companyId, "soci.csv", parsed.sha256, parsed.rows),
      plan: (await listPlans(t, { companyId: B.companyId }))[0]!.id,
      rule: (await listRules(t, B.companyId))[0]!.id,
      certificate: (await t.get<{ code: string }>("SELECT code FROM certificates WHERE user_id = ? ORDER BY id LIMIT 1", [bruno.id]))!.code,
    };
  }, 600_000); // the demo through the app: ~30 s on SQLite, about a minute on PostgreSQL, more beside other files
  afterAll(() => t.close());

  /** Runs `fn` and asserts the database is exactly as before. */
  async function unchanged<R>(fn: () => R | Promise<R>): Promise<R> {
    const before = await fingerprintOfEngine(t);
    const result = await fn();
    expect(await fingerprintOfEngine(t)).toBe(before);
    return result;
  }

  it("B's ids are real: B's own scope finds every one of them", async () => {
    expect((await getPersonInScope(t, B, b.person))?.id).toBe(b.person);
    expect((await getOutboxMail(t, B.companyId, b.outbox))?.id).toBe(b.outbox);
    expect((await getImport(t, B.companyId, b.import))?.id).toBe(b.import);
    expect((await getPlan(t, { companyId: B.companyId }, b.plan))?.id).toBe(b.plan);
    expect((await getRule(t, B.companyId, b.rule))?.id).toBe(b.rule);
    expect((await getCertificateInScope(t, B, b.certificate))?.code).toBe(b.certificate);
  });

  it("people: another company's person is not found, like an unknown id, and nothing is written", async () => {
    for (const scope of [A, manager]) {
      expect(await getPersonInScope(t, scope, b.person)).toBeUndefined();
      expect(await isUserInScope(t, scope, b.person)).toBe(false);
      expect(await listPeople(t, scope, { q: "marchetti" })).toEqual({ rows: [], total: 0 });
      for (const id of [b.person, UNKNOWN]) {
        expect(await unchanged(() => changeActivation(t, adminA, scope, id, false))).toEqual({ ok: false, error: "not_found" });
        expect(await unchanged(() => grantTestTimeExtra(t, adminA, scope, { userId: id, extraPercent: 100 }))).toBe("not_found");
        const profile: ProfileInput = { firstName: "Intrusa", lastName: "Altrove", email: "intrusa@example.com", fiscalCode: null, department: null, qualification: null, contractType: null, roles: ["learner"], managedDepartment: null, trainerCourses: [] };
        expect(await unchanged(() => updateProfile(t, { id: adminA, scope, providerAdmin: false }, id, profile))).toEqual({ ok: false, field: "_", error: "form.notFound" });
      }
      for (const id of [b.invitee, UNKNOWN]) expect(await unchanged(() => inviteUser(t, id, { invitedBy: adminA, scope, now }))).toEqual({ ok: false, error: "not_found" });
    }
  });

  it("a department manager's scope is their subtree: a person of their company outside it is not found either", async () => {
    expect([...manager.departments!].sort()).toEqual(["Logistica", "Produzione", "Stabilimento"]);
    const outside = (await findUserByEmail(t, "learner@example.com"))!.id;
    const inside = (await findUserByEmail(t, "luca.bianchi@example.com"))!.id;
    expect((await getPersonInScope(t, A, outside))?.id).toBe(outside);
    expect(await getPersonInScope(t, manager, outside)).toBeUndefined();
    expect((await getPersonInScope(t, manager, inside))?.id).toBe(inside);
    expect(await unchanged(() => changeActivation(t, adminA, manager, outside, false))).toEqual({ ok: false, error: "not_found" });
    const people = await listPeople(t, manager, { page: 1 });
    expect(people.total).toBeGreaterThan(0);
    for (const p of people.rows) expect(manager.departments).toContain(p.department);
    const course = courseParams(getCourse(DEMO_COURSE)!);
    const register = (await listRegisterPage(t, { course, scope: manager, page: 1, pageSize: 500, clock: registerClock(now) })).rows;
    expect(register.length).toBeGreaterThan(0);
    for (const r of register) expect(manager.departments, r.email).toContain(r.department);
  });

  it("enrolment: another company's rule, plan and people are not found; nothing is written", async () => {
    for (const id of [b.rule, UNKNOWN]) {
      expect(await getRule(t, A.companyId, id)).toBeUndefined();
      expect(await unchanged(() => editRuleDueDate(t, adminA, A, { ruleId: id, dueDate: "2030-01-01" }))).toBe(false);
      expect(await unchanged(() => removeRule(t, adminA, A, { ruleId: id }))).toBe(false);
    }
    const assign = (extra: { scope: "people" | "everyone"; emails?: string; planId?: number }) =>
      unchanged(() => assignCourse(t, adminA, A, { courseSlug: DEMO_COURSE, department: "", emails: "", dueDate: "", planId: "", recurMonths: "", ...extra }));
    expect(await assign({ scope: "people", emails: "anna.marchetti@example.com" })).toEqual({ ok: false, field: "emails", error: "unknownEmails", detail: "anna.marchetti@example.com" });
    for (const planId of [b.plan, UNKNOWN]) expect(await assign({ scope: "everyone", planId })).toEqual({ ok: false, field: "planId", error: "plan" });
  });

  it("certificates: another company's certificate is not found and cannot be revoked", async () => {
    for (const scope of [A, manager]) {
      expect(await getCertificateInScope(t, scope, b.certificate)).toBeUndefined();
      for (const code of [b.certificate, "ZZZZ-ZZZZ-ZZZZ-ZZZZ"]) {
        expect(await unchanged(() => revokeCertificate(t, scope, { code, reason: "Prova di isolamento", actorUserId: adminA, now }))).toEqual({ ok: false, code: "not_found" });
      }
    }
  });

  it("outbox: another company's mail is neither listed nor found", async () => {
    expect(await getOutboxMail(t, A.companyId, b.outbox)).toBeUndefined();
    expect((await listOutbox(t, A.companyId)).rows.map((r) => r.id)).not.toContain(b.outbox);
    expect((await listOutbox(t, B.companyId)).rows.map((r) => r.id)).toContain(b.outbox);
  });

  it("imports: another company's import is not found and cannot be confirmed", async () => {
    expect(await getImport(t, A.companyId, b.import)).toBeNull();
    for (const id of [b.import, UNKNOWN]) {
      expect(await unchanged(() => applyImport(t, id, adminA, { companyId: A.companyId, routeRows: false }, now))).toEqual({ ok: false, code: "not_found" });
    }
  });

  it("plans: another company's plan is neither listed, found nor editable", async () => {
    expect((await listPlans(t, { companyId: A.companyId })).map((p) => p.id)).not.toContain(b.plan);
    expect(await getPlan(t, { companyId: A.companyId }, b.plan)).toBeUndefined();
    const before = (await getPlan(t, { companyId: B.companyId }, b.plan))!;
    const input: PlanInput = {
      fund: "fondimpresa",
      title: "Piano dirottato",
      avviso: "Avviso 1/2026",
      protocol: null,
      projectTitle: null,
      cup: null,
      startsOn: null,
      endsOn: null,
      courses: [DEMO_COURSE],
      attendanceThreshold: null,
      finalTestRequired: null,
      signerName: null,
      signerRole: null,
    };
    for (const id of [b.plan, UNKNOWN]) expect(await unchanged(() => editPlan(t, adminA, A.companyId, id, input))).toEqual({ ok: false, field: "_", error: "form.notFound" });
    expect(await getPlan(t, { companyId: B.companyId }, b.plan)).toEqual(before);
  });

  it("the same calls with B's own scope do act: the refusals above are the scope's, not bad input", async () => {
    expect(await changeActivation(t, adminA, B, b.person, false)).toEqual({ ok: true });
    expect(await editRuleDueDate(t, adminA, B, { ruleId: b.rule, dueDate: "2030-01-01" })).toBe(true);
    expect((await revokeCertificate(t, B, { code: b.certificate, reason: "Prova di isolamento", actorUserId: adminA, now })).ok).toBe(true);
    expect((await applyImport(t, b.import, adminA, { companyId: B.companyId, routeRows: false }, now)).ok).toBe(true);
  });
});
