import { describe, expect, it } from "vitest";
import { can, PERMISSIONS } from "./permissions";
import { landingPath, parseRoles } from "./roles";

describe("can()", () => {
  const learner = { id: 1, roles: ["learner"] as const, active: true };
  const trainer = { id: 2, roles: ["trainer"] as const, active: true };
  const admin = { id: 3, roles: ["admin"] as const, active: true };

  it("grants each permission only to its roles", () => {
    expect(can(learner, "courses:learn")).toBe(true);
    expect(can(learner, "people:read")).toBe(false);
    expect(can(learner, "content:preview")).toBe(false);
    expect(can(trainer, "content:preview")).toBe(true);
    expect(can(learner, "content:export")).toBe(false);
    expect(can(trainer, "content:export")).toBe(true);
    expect(can(admin, "content:export")).toBe(true);
    expect(can(trainer, "people:manage")).toBe(false);
    expect(can(admin, "people:manage")).toBe(true);
    expect(can(admin, "reports:read")).toBe(true);
  });

  it("combines the roles of a user who holds several", () => {
    const both = { id: 4, roles: ["learner", "trainer"] as const, active: true };
    expect(can(both, "courses:learn")).toBe(true);
    expect(can(both, "content:preview")).toBe(true);
    expect(can(both, "people:read")).toBe(false);
  });

  it("denies everything to nobody and to inactive users", () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can(null, p)).toBe(false);
      expect(can({ ...admin, roles: ["admin", "trainer", "learner"], active: false }, p)).toBe(false);
    }
  });
});

describe("roles", () => {
  it("lands the most privileged role first", () => {
    expect(landingPath(["learner"])).toBe("/courses");
    expect(landingPath(["learner", "trainer"])).toBe("/trainer");
    expect(landingPath(["trainer", "admin"])).toBe("/admin/people");
    expect(landingPath([])).toBe("/courses");
  });
  it("ignores unknown role names", () => {
    expect(parseRoles("learner,root,admin")).toEqual(["learner", "admin"]);
    expect(parseRoles(null)).toEqual([]);
  });
});
