/**
 * Funding plans and the department tree as the admin pages change them: a plan is created or
 * edited all or nothing (any invalid field, nothing written: no plan, no course link, no audit
 * event), another company's plan is not found and left untouched; departments move with their
 * subtree, and a move that would make a loop is refused with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCompany } from "@/db/queries/companies";
import { departmentSubtree } from "@/db/queries/departments";
import { getPlan, listPlans } from "@/db/queries/plans";
import { addDepartment, companyDepartmentTree, DepartmentSchema, moveDepartment, MoveDepartmentSchema } from "@/lib/departments/tree";
import { createPlan, editPlan, PlanSchema } from "@/lib/plans/plans";
import { fieldErrorsOf } from "@/lib/forms/parse-form";
import { openTestDb, type TestDb } from "./support/test-db";

const COURSE = "lavoro-e-social-media";
const OTHER_COURSE = "social-media-responsabili-hr";

let d: TestDb;
let companyA: number;
let companyB: number;

/** Everything a plan write could leave behind. */
const footprint = async () => ({
  plans: (await d.all("SELECT * FROM funding_plans ORDER BY id")).length,
  planRows: JSON.stringify(await d.all("SELECT * FROM funding_plans ORDER BY id")),
  courses: JSON.stringify(await d.all("SELECT * FROM funding_plan_courses ORDER BY plan_id, course_slug")),
  audit: (await d.get<{ n: number }>("SELECT count(*) AS n FROM audit_events"))!.n,
});

const form = (over: Record<string, unknown> = {}) => ({
  fund: "fondimpresa",
  title: "Piano sicurezza digitale 2026",
  avviso: "Avviso 1/2026",
  protocol: "AVS/001/26",
  projectTitle: "",
  cup: "",
  startsOn: "2026-01-15",
  endsOn: "2026-12-15",
  courses: [COURSE],
  attendanceThreshold: "",
  finalTestRequired: "course",
  signerName: "",
  signerRole: "",
  ...over,
});

beforeAll(async () => {
  d = await openTestDb();
  companyA = await insertCompany(d, { name: "Alfa S.r.l." });
  companyB = await insertCompany(d, { name: "Beta S.p.A." });
});
afterAll(() => d.close());

describe("plan create and edit", () => {
  it("refuses every invalid field at once, by name, and writes nothing", async () => {
    const before = await footprint();
    const parsed = PlanSchema.safeParse(form({ avviso: "", cup: "ABC", startsOn: "2026-05-01", endsOn: "2026-04-30", courses: [], attendanceThreshold: "120", title: " " }));
    expect(parsed.success).toBe(false);
    const errors = fieldErrorsOf(parsed.error!);
    expect(errors).toMatchObject({
      title: ["form.required"],
      cup: ["form.cup"],
      courses: ["form.coursesRequired"],
      attendanceThreshold: ["form.percent"],
    });
    expect(await footprint()).toEqual(before);
  });

  it("checks the cross-field rules: Avviso for a funded plan, end after start, the signer's role", () => {
    const errors = fieldErrorsOf(PlanSchema.safeParse(form({ avviso: "", startsOn: "2026-05-01", endsOn: "2026-04-30", signerName: "Maria Rossi" })).error!);
    expect(errors).toEqual({ avviso: ["form.avvisoRequired"], endsOn: ["form.endsBeforeStart"], signerRole: ["form.required"] });
    // An unfunded plan needs no Avviso.
    expect(PlanSchema.safeParse(form({ fund: "non-finanziato", avviso: "" })).success).toBe(true);
  });

  it("creates a plan with its courses; an unknown course refuses the whole plan", async () => {
    const before = await footprint();
    const refused = await createPlan(d, null, companyA, PlanSchema.parse(form({ courses: [COURSE, "no-such-course"] })));
    expect(refused).toEqual({ ok: false, field: "courses", error: "form.course" });
    expect(await footprint()).toEqual(before);

    const created = await createPlan(d, null, companyA, PlanSchema.parse(form({ cup: "j12b34567890123" })));
    expect(created.ok).toBe(true);
    const id = (created as { planId: number }).planId;
    expect(await getPlan(d, { companyId: companyA }, id)).toMatchObject({ title: "Piano sicurezza digitale 2026", fund: "fondimpresa", cup: "J12B34567890123", courses: [COURSE], attendanceThreshold: null, finalTestRequired: null });
    expect((await listPlans(d, { companyId: companyA })).map((p) => p.id)).toEqual([id]);
    expect(await listPlans(d, { companyId: companyB })).toEqual([]);
    expect((await footprint()).audit).toBe(before.audit + 1);
  });

  it("edits every field and the course list; an invalid edit changes nothing", async () => {
    const id = (await listPlans(d, { companyId: companyA }))[0]!.id;
    const edited = await editPlan(d, 1, companyA, id, PlanSchema.parse(form({ title: "Piano rinominato", courses: [OTHER_COURSE, COURSE], attendanceThreshold: "80", finalTestRequired: "yes", signerName: "Maria Rossi", signerRole: "Legale rappresentante" })));
    expect(edited).toEqual({ ok: true, planId: id });
    expect(await getPlan(d, { companyId: companyA }, id)).toMatchObject({ title: "Piano rinominato", courses: [COURSE, OTHER_COURSE], attendanceThreshold: 80, finalTestRequired: true, signerName: "Maria Rossi" });

    const before = await footprint();
    expect(await editPlan(d, 1, companyA, id, PlanSchema.parse(form({ courses: ["no-such-course"] })))).toMatchObject({ ok: false, field: "courses" });
    expect(await footprint()).toEqual(before);
  });

  it("does not find another company's plan, and leaves it as it was", async () => {
    const other = await createPlan(d, null, companyB, PlanSchema.parse(form({ fund: "foncoop", title: "Piano cooperativa" })));
    const otherId = (other as { planId: number }).planId;
    expect(await getPlan(d, { companyId: companyA }, otherId)).toBeUndefined();
    const before = await footprint();
    expect(await editPlan(d, 1, companyA, otherId, PlanSchema.parse(form({ title: "Preso in prestito" })))).toEqual({ ok: false, field: "_", error: "form.notFound" });
    expect(await footprint()).toEqual(before);
    expect((await getPlan(d, { companyId: companyB }, otherId))?.title).toBe("Piano cooperativa");
  });
});

describe("department tree", () => {
  const names = async (companyId: number) => {
    const walk = (nodes: Awaited<ReturnType<typeof companyDepartmentTree>>): unknown[] => nodes.map((n) => (n.children.length ? { [n.name]: walk(n.children) } : n.name));
    return walk(await companyDepartmentTree(d, companyId));
  };
  const add = async (companyId: number, name: string, parentId: number | "" = "") => {
    const r = await addDepartment(d, null, companyId, DepartmentSchema.parse({ name, parentId: String(parentId) }));
    if (!r.ok) throw new Error(`${name}: ${r.error}`);
    return r.id;
  };
  const move = async (companyId: number, departmentId: number, parentId: number | "") => moveDepartment(d, null, companyId, MoveDepartmentSchema.parse({ departmentId: String(departmentId), parentId: String(parentId) }));

  it("adds departments at the top and under another; a name is unique in its company", async () => {
    const plant = await add(companyA, "Stabilimento");
    await add(companyA, "Produzione", plant);
    await add(companyA, "Logistica");
    await add(companyB, "Logistica");
    expect(await names(companyA)).toEqual(["Logistica", { Stabilimento: ["Produzione"] }]);
    expect(await addDepartment(d, null, companyA, DepartmentSchema.parse({ name: "Logistica", parentId: "" }))).toEqual({ ok: false, field: "name", error: "form.departmentTaken" });
  });

  it("moves a department with its subtree, and the manager's scope follows", async () => {
    const id = async (name: string, companyId = companyA) => (await d.get<{ id: number }>("SELECT id FROM departments WHERE name = ? AND company_id = ?", [name, companyId]))!.id;
    expect(await move(companyA, await id("Stabilimento"), await id("Logistica"))).toEqual({ ok: true, id: await id("Stabilimento") });
    expect(await names(companyA)).toEqual([{ Logistica: [{ Stabilimento: ["Produzione"] }] }]);
    expect(await departmentSubtree(d, await id("Logistica"))).toEqual(["Logistica", "Produzione", "Stabilimento"]);
    // And back to the top.
    expect((await move(companyA, await id("Stabilimento"), "")).ok).toBe(true);
    expect(await names(companyA)).toEqual(["Logistica", { Stabilimento: ["Produzione"] }]);
  });

  it("refuses a loop (under itself or under one below it) and another company's department, changing nothing", async () => {
    const id = async (name: string, companyId = companyA) => (await d.get<{ id: number }>("SELECT id FROM departments WHERE name = ? AND company_id = ?", [name, companyId]))!.id;
    const before = JSON.stringify(await d.all("SELECT * FROM departments ORDER BY id"));
    expect(await move(companyA, await id("Stabilimento"), await id("Produzione"))).toEqual({ ok: false, field: "parentId", error: "form.departmentLoop" });
    expect(await move(companyA, await id("Stabilimento"), await id("Stabilimento"))).toEqual({ ok: false, field: "parentId", error: "form.departmentLoop" });
    expect(await move(companyA, await id("Stabilimento"), await id("Logistica", companyB))).toEqual({ ok: false, field: "parentId", error: "form.notFound" });
    expect(await move(companyA, await id("Logistica", companyB), "")).toEqual({ ok: false, field: "_", error: "form.notFound" });
    expect(JSON.stringify(await d.all("SELECT * FROM departments ORDER BY id"))).toBe(before);
  });
});
