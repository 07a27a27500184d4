import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { listRegisterDepartments, listRegisterPage, readRegisterDepartments, readRegisterPage, REGISTER_SORT_KEYS, type RegisterFilter, type RegisterSortKey } from "@/db/queries/register";
import type { DataScope } from "@/db/queries/scope";
import { createUserIfMissing } from "@/db/queries/users";
import { clearCatalogCache } from "@/lib/content/catalog";
import { reportCourse, type ReportCourse } from "@/lib/reports/register";
import { registerClock } from "@/lib/reports/register-clock";
import { FIXTURE_COURSE, FIXTURE_ROOT, SEED_QUERY_MINUTE, seedRegister } from "@/tests/support/reports-seed";
import { openTestDb, type TestDb } from "./support/test-db";

const t0 = Date.parse("2026-03-02T08:00:00Z");
const clock = registerClock(new Date(t0 + SEED_QUERY_MINUTE * 60_000));

/**
 * The participants page computes only the rows it shows when the filters and the sort read the
 * person alone (db/queries/register.ts, `listRegisterPage`). Whatever the view, it must give
 * exactly what cutting the whole register gives: the same rows, in the same order, with the
 * same total, page after page — second cycles, people of another company and a department
 * manager's narrower scope included.
 */
describe("participants page: the page-only plan agrees with the whole register", () => {
  let t: TestDb;
  let course: ReportCourse;
  let scopes: DataScope[];

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    const { companyId, learners } = await seedRegister(t, t0);
    // Enrolled by rule without any activity (active and not), and people sharing a surname: the
    // participants' set and the order's tie-breakers are both exercised.
    const person = async (email: string, first: string, last: string, company = companyId) => (await createUserIfMissing(t, { email, firstName: first, lastName: last, passwordHash: null, roles: ["learner"], companyId: company })).user;
    const gone = await person("gone@example.com", "Gone", "Away");
    await t.run("UPDATE users SET active = false WHERE id = ?", [gone.id]);
    for (const [i, first] of ["anna", "Anna", "ANNA", "Bea"].entries()) {
      const u = await person(`neri-${i}@example.com`, first, i % 2 ? "NERI" : "Neri");
      await t.run("UPDATE users SET department = ?, fiscal_code = ? WHERE id = ?", [i === 3 ? null : "Vendite", i === 2 ? null : `NRIXXX80A01H501${i}`, u.id]);
    }
    // A second cycle (recertification) for one learner: two rows for one person.
    await t.run("INSERT INTO enrolment_cycles (user_id, course_slug, cycle, opened_at, due_date) VALUES (?, ?, 2, ?, '2026-09-01')", [learners[0]!.id, FIXTURE_COURSE, Math.floor(t0 / 1000)]);
    // Someone of another company, enrolled too: never in this company's pages.
    const other = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Altra S.r.l.') RETURNING id"))!.id;
    await person("altro@example.com", "Anna", "Altrove", other);
    await addEnrolmentRule(t, { companyId, courseSlug: FIXTURE_COURSE, scope: "everyone", department: null, dueDate: "2026-03-05", createdBy: null });
    await addEnrolmentRule(t, { companyId: other, courseSlug: FIXTURE_COURSE, scope: "everyone", department: null, dueDate: null, createdBy: null });
    scopes = [
      { companyId, departments: null },
      { companyId, departments: ["Vendite"] },
    ];
    course = (await reportCourse(t, scopes[0]!, FIXTURE_COURSE, FIXTURE_ROOT))!;
  }, 60_000);
  afterAll(() => t.close());

  const filters: RegisterFilter[] = [{}, { department: "Vendite" }, { q: "neri" }, { q: "a" }, { q: "%" }, { department: "Logistica", q: "o" }];

  it("gives the same rows, order and total for every personal sort, filter, scope and page", async () => {
    const personal: RegisterSortKey[] = ["name", "fiscalCode", "department"];
    let compared = 0;
    for (const scope of scopes)
      for (const key of personal)
        for (const dir of ["asc", "desc"] as const)
          for (const filter of filters)
            for (const pageSize of [4, 100]) {
              const q = { course: course.params, scope, filter, sort: { key, dir }, clock };
              const whole = await listRegisterPage(t, { ...q, page: 1, pageSize: 1_000, plan: "whole" });
              const pages = Math.max(1, Math.ceil(whole.total / pageSize)) + 1; // one past the end, too
              for (let page = 1; page <= pages; page++) {
                const fast = await listRegisterPage(t, { ...q, page, pageSize });
                const cut = await listRegisterPage(t, { ...q, page, pageSize, plan: "whole" });
                expect(fast, `${JSON.stringify(scope.departments)} ${key} ${dir} ${JSON.stringify(filter)} page ${page}/${pageSize}`).toEqual(cut);
                compared += fast.rows.length;
              }
            }
    expect(compared).toBeGreaterThan(500);
  }, 180_000); // ~1,000 page reads: tens of seconds on PostgreSQL on a loaded machine

  it("lists the second cycle as its own row, and nobody of the other company", async () => {
    const everyone = (await listRegisterPage(t, { course: course.params, scope: scopes[0]!, clock, page: 1, pageSize: 1_000 })).rows;
    expect(everyone.some((r) => r.cycle === 2)).toBe(true);
    expect(everyone.some((r) => r.lastName === "Altrove")).toBe(false);
  });

  it("a single person's rows are the same either way", async () => {
    const everyone = (await listRegisterPage(t, { course: course.params, scope: scopes[0]!, clock, page: 1, pageSize: 1_000, plan: "whole" })).rows;
    expect(everyone.length).toBeGreaterThan(20);
    for (const row of everyone) {
      const q = { course: course.params, scope: scopes[0]!, clock, filter: { userId: row.userId }, page: 1, pageSize: 10 };
      expect(await listRegisterPage(t, q)).toEqual(await listRegisterPage(t, { ...q, plan: "whole" }));
    }
  });

  it("other sorts and filters still cut the whole register", async () => {
    for (const key of REGISTER_SORT_KEYS) {
      const q = { course: course.params, scope: scopes[0]!, clock, filter: { status: "in-corso" as const }, sort: { key, dir: "desc" as const }, page: 1, pageSize: 5 };
      expect(await listRegisterPage(t, q)).toEqual(await listRegisterPage(t, { ...q, plan: "whole" }));
    }
  });

  it("the page read on the worker thread (what the participants page uses) is the page read inline, for every sort and an empty view", async () => {
    for (const key of REGISTER_SORT_KEYS)
      for (const filter of [{ status: "in-corso" as const }, {}, { status: "formato" as const, q: "nobody-at-all" }, { q: "nobody-at-all" }]) {
        const q = { course: course.params, scope: scopes[1]!, clock, filter, sort: { key, dir: "desc" as const }, page: 2, pageSize: 3 };
        expect(await readRegisterPage(t, q), `${key} ${JSON.stringify(filter)}`).toEqual(await listRegisterPage(t, { ...q, plan: "whole" }));
      }
  });

  it("lists the departments of exactly the register's participants (inline and on the worker thread)", async () => {
    for (const scope of scopes) {
      const everyone = (await listRegisterPage(t, { course: course.params, scope, clock, page: 1, pageSize: 1_000, plan: "whole" })).rows;
      // SQLite's NOCASE folds ASCII letters only, then compares code points.
      const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const expected = [...new Set(everyone.map((r) => r.department).filter((d): d is string => !!d))].sort((a, b) => (nocase(a) < nocase(b) ? -1 : nocase(a) > nocase(b) ? 1 : 0));
      expect(await listRegisterDepartments(t, { course: course.params, scope }, clock)).toEqual(expected);
      expect(await readRegisterDepartments(t, { course: course.params, scope }, clock)).toEqual(expected);
    }
  });
});
