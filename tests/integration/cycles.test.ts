import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentCycleInfo } from "@/db/queries/cycles";
import { addEnrolmentRule, enrolPeople } from "@/db/queries/enrolment";
import { createUserIfMissing } from "@/db/queries/users";
import { openTestDb, type TestDb } from "./support/test-db";

describe("the first cycle's due date", () => {
  let t: TestDb;
  let companyId: number;
  let anna: number;
  let admin: number;
  beforeEach(async () => {
    t = await openTestDb();
    companyId = (await t.get<{ id: number }>("INSERT INTO companies (name) VALUES ('Azienda') RETURNING id"))!.id;
    const person = async (email: string, roles: ("learner" | "company_admin")[]) =>
      (await createUserIfMissing(t, { email, firstName: "A", lastName: "B", passwordHash: null, roles, companyId, department: "Vendite" })).user.id;
    anna = await person("anna@example.com", ["learner"]);
    admin = await person("hr@example.com", ["company_admin"]);
  });
  afterEach(() => t.close());

  const rule = (scope: "everyone" | "department", dueDate: string | null) =>
    addEnrolmentRule(t, { companyId, courseSlug: "c", scope, department: scope === "department" ? "Vendite" : null, dueDate, createdBy: null });

  it("is none without enrolments, nor with only empty due dates", async () => {
    expect(await currentCycleInfo(t, anna, "c")).toEqual({ cycle: 1, planId: null, dueDate: null });
    await enrolPeople(t, [anna], "c", "", admin);
    await rule("everyone", null);
    expect((await currentCycleInfo(t, anna, "c")).dueDate).toBeNull();
  });

  it("is the earliest of the named enrolment's and the rules', empty ones ignored", async () => {
    await rule("everyone", "2026-09-30");
    expect((await currentCycleInfo(t, anna, "c")).dueDate).toBe("2026-09-30");
    await enrolPeople(t, [anna], "c", "", admin);
    await rule("department", "2026-06-30");
    expect((await currentCycleInfo(t, anna, "c")).dueDate).toBe("2026-06-30");
    await enrolPeople(t, [anna], "c", "2026-03-31", admin);
    expect((await currentCycleInfo(t, anna, "c")).dueDate).toBe("2026-03-31");
    // Another course's dates are not this one's.
    expect((await currentCycleInfo(t, anna, "other")).dueDate).toBeNull();
  });
});
