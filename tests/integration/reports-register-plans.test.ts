import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEnrolmentRule } from "@/db/queries/enrolment";
import { listRegisterDepartments, listRegisterPage, REGISTER_SORT_KEYS, type RegisterFilter, type RegisterSortKey } from "@/db/queries/reports";
import { createUserIfMissing } from "@/db/queries/users";
import { clearCatalogCache } from "@/lib/content/catalog";
import { reportCourse, type ReportCourse } from "@/lib/reports/register";
import { FIXTURE_COURSE, FIXTURE_ROOT, SEED_QUERY_MINUTE, seedRegister } from "@/lib/reports/seed-for-tests";
import { tempDb } from "./support/temp-db";

const t0 = Date.parse("2026-03-02T08:00:00Z");
const now = new Date(t0 + SEED_QUERY_MINUTE * 60_000);

/**
 * The participants page computes only the rows it shows when the filters and the sort read the
 * person alone (db/queries/reports.ts, `listRegisterPage`). Whatever the view, it must give
 * exactly what cutting the whole register gives: the same rows, in the same order, with the
 * same total, page after page.
 */
describe("participants page: the page-only plan agrees with the whole register (real SQLite)", () => {
  let t: ReturnType<typeof tempDb>;
  let course: ReportCourse;

  beforeAll(() => {
    clearCatalogCache();
    t = tempDb();
    seedRegister(t, t0);
    // Enrolled by rule without any activity (active and not), and people sharing a surname: the
    // participants' set and the order's tie-breakers are both exercised.
    const gone = createUserIfMissing(t, { email: "gone@example.com", firstName: "Gone", lastName: "Away", passwordHash: null, roles: ["learner"] }).user;
    t.sqlite.prepare("UPDATE users SET active = 0 WHERE id = ?").run(gone.id);
    for (const [i, first] of ["anna", "Anna", "ANNA", "Bea"].entries()) {
      const u = createUserIfMissing(t, { email: `neri-${i}@example.com`, firstName: first, lastName: i % 2 ? "NERI" : "Neri", passwordHash: null, roles: ["learner"] }).user;
      t.sqlite.prepare("UPDATE users SET department = ?, fiscal_code = ? WHERE id = ?").run(i === 3 ? null : "Vendite", i === 2 ? null : `NRIXXX80A01H501${i}`, u.id);
    }
    addEnrolmentRule(t, { courseSlug: FIXTURE_COURSE, scope: "everyone", department: null, dueDate: "2026-03-05", createdBy: null });
    course = reportCourse(t, FIXTURE_COURSE, FIXTURE_ROOT)!;
  });
  afterAll(() => t.close());

  const filters: RegisterFilter[] = [{}, { department: "Vendite" }, { q: "neri" }, { q: "a" }, { q: "%" }, { department: "Logistica", q: "o" }];

  it("gives the same rows, order and total for every personal sort, filter and page", () => {
    const personal: RegisterSortKey[] = ["name", "fiscalCode", "department"];
    let compared = 0;
    for (const key of personal) {
      for (const dir of ["asc", "desc"] as const) {
        for (const filter of filters) {
          for (const pageSize of [3, 7, 100]) {
            const whole = listRegisterPage(t, { course: course.params, filter, sort: { key, dir }, page: 1, pageSize: 1_000, now, plan: "whole" });
            const pages = Math.max(1, Math.ceil(whole.total / pageSize)) + 1; // one past the end, too
            for (let page = 1; page <= pages; page++) {
              const fast = listRegisterPage(t, { course: course.params, filter, sort: { key, dir }, page, pageSize, now });
              const cut = listRegisterPage(t, { course: course.params, filter, sort: { key, dir }, page, pageSize, now, plan: "whole" });
              expect(fast, `${key} ${dir} ${JSON.stringify(filter)} page ${page}/${pageSize}`).toEqual(cut);
              compared += fast.rows.length;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("a single person's row is the same either way", () => {
    const everyone = listRegisterPage(t, { course: course.params, page: 1, pageSize: 1_000, now, plan: "whole" }).rows;
    expect(everyone.length).toBeGreaterThan(20);
    for (const row of everyone) {
      const one = listRegisterPage(t, { course: course.params, filter: { userId: row.userId }, page: 1, pageSize: 1, now });
      expect(one).toEqual({ rows: [row], total: 1 });
    }
  });

  it("other sorts and filters still cut the whole register", () => {
    for (const key of REGISTER_SORT_KEYS) {
      const a = listRegisterPage(t, { course: course.params, filter: { status: "in-corso" }, sort: { key, dir: "desc" }, page: 1, pageSize: 5, now });
      const b = listRegisterPage(t, { course: course.params, filter: { status: "in-corso" }, sort: { key, dir: "desc" }, page: 1, pageSize: 5, now, plan: "whole" });
      expect(a).toEqual(b);
    }
  });

  it("lists the departments of exactly the register's participants", () => {
    const everyone = listRegisterPage(t, { course: course.params, page: 1, pageSize: 1_000, now, plan: "whole" }).rows;
    // SQLite's NOCASE folds ASCII letters only, then compares code points.
    const nocase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const expected = [...new Set(everyone.map((r) => r.department).filter((d): d is string => !!d))].sort((a, b) => (nocase(a) < nocase(b) ? -1 : nocase(a) > nocase(b) ? 1 : 0));
    const departments = listRegisterDepartments(t, course.params);
    expect(departments).toEqual(expected);
    expect(departments).toContain("Vendite");
  });
});
