import { describe, expect, it } from "vitest";
import { can, canForCourse, PERMISSIONS, ROLE_SCOPES } from "./permissions";
import { landingPath, parseGrants, parseRoles, ROLES } from "./roles";

describe("can()", () => {
  const learner = { id: 1, roles: ["learner"] as const, active: true };
  const trainer = { id: 2, roles: ["trainer"] as const, active: true };
  const provider = { id: 3, roles: ["provider_admin"] as const, active: true };
  const companyAdmin = { id: 4, roles: ["company_admin"] as const, active: true };
  const manager = { id: 5, roles: ["department_manager"] as const, active: true };

  it("grants each permission only to its roles", () => {
    expect(can(learner, "courses:learn")).toBe(true);
    expect(can(learner, "people:read")).toBe(false);
    expect(can(learner, "content:preview")).toBe(false);
    expect(can(trainer, "content:preview")).toBe(true);
    expect(can(learner, "content:export")).toBe(false);
    expect(can(trainer, "content:export")).toBe(true);
    expect(can(provider, "content:export")).toBe(true);
    expect(can(trainer, "people:manage")).toBe(false);
    expect(can(provider, "people:manage")).toBe(true);
    expect(can(companyAdmin, "people:manage")).toBe(true);
    expect(can(provider, "reports:read")).toBe(true);
  });

  it("keeps every company to provider admins, and personal-data exports from department managers", () => {
    expect(can(provider, "companies:manage")).toBe(true);
    expect(can(companyAdmin, "companies:manage")).toBe(false);
    expect(can(manager, "companies:manage")).toBe(false);
    expect(can(manager, "people:read")).toBe(true);
    expect(can(manager, "people:manage")).toBe(false);
    expect(can(manager, "reports:register")).toBe(true);
    expect(can(manager, "reports:export")).toBe(false);
    expect(can(manager, "reminders:send")).toBe(true);
    expect(can(manager, "outbox:read")).toBe(false);
    expect(can(manager, "certificates:manage")).toBe(false);
  });

  it("gives every role a scope", () => {
    expect(Object.keys(ROLE_SCOPES).sort()).toEqual([...ROLES].sort());
  });

  it("combines the roles of a user who holds several", () => {
    const both = { id: 6, roles: ["learner", "trainer"] as const, active: true };
    expect(can(both, "courses:learn")).toBe(true);
    expect(can(both, "content:preview")).toBe(true);
    expect(can(both, "people:read")).toBe(false);
  });

  it("denies everything to nobody and to inactive users", () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can(null, p)).toBe(false);
      expect(can({ ...provider, roles: [...ROLES], active: false }, p)).toBe(false);
    }
  });

  it("limits a trainer to their courses, and nobody else", () => {
    const limited = { id: 7, roles: ["trainer"] as const, active: true, grants: [{ role: "trainer" as const, companyId: null, departmentId: null, planId: null, courseSlugs: ["a-course"] }] };
    expect(canForCourse(limited, "content:preview", "a-course")).toBe(true);
    expect(canForCourse(limited, "content:preview", "other-course")).toBe(false);
    const everyCourse = { ...limited, grants: [{ ...limited.grants[0]!, courseSlugs: null }] };
    expect(canForCourse(everyCourse, "content:preview", "other-course")).toBe(true);
    // Also a company admin: the admin role is not limited to courses.
    const both = { ...limited, roles: ["trainer", "company_admin"] as const, grants: [...limited.grants, { role: "company_admin" as const, companyId: 1, departmentId: null, planId: null, courseSlugs: null }] };
    expect(canForCourse(both, "content:preview", "other-course")).toBe(true);
    expect(canForCourse({ ...limited, roles: ["learner"] as const, grants: [] }, "content:preview", "a-course")).toBe(false);
  });
});

describe("roles", () => {
  it("lands the most privileged role first", () => {
    expect(landingPath(["learner"])).toBe("/courses");
    expect(landingPath(["learner", "trainer"])).toBe("/trainer");
    expect(landingPath(["trainer", "company_admin"])).toBe("/admin/people");
    expect(landingPath(["company_admin", "provider_admin"])).toBe("/admin/companies");
    expect(landingPath(["department_manager", "learner"])).toBe("/admin/reports");
    expect(landingPath([])).toBe("/courses");
  });
  it("ignores unknown role names", () => {
    expect(parseRoles("learner,root,admin,provider_admin")).toEqual(["learner", "provider_admin"]);
    expect(parseRoles(null)).toEqual([]);
  });
  it("reads each role's scope", () => {
    expect(parseGrants("company_admin|3|||\ntrainer||||[\"a\",\"b\"]\ndepartment_manager|3|7||\ninspector|3||12|\nadmin||||")).toEqual([
      { role: "company_admin", companyId: 3, departmentId: null, planId: null, courseSlugs: null },
      { role: "trainer", companyId: null, departmentId: null, planId: null, courseSlugs: ["a", "b"] },
      { role: "department_manager", companyId: 3, departmentId: 7, planId: null, courseSlugs: null },
      { role: "inspector", companyId: 3, departmentId: null, planId: 12, courseSlugs: null },
    ]);
    expect(parseGrants("trainer||||not json")).toEqual([{ role: "trainer", companyId: null, departmentId: null, planId: null, courseSlugs: [] }]);
  });
});
