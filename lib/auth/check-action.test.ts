import { describe, expect, it } from "vitest";
import { z } from "zod";
import { withAll } from "@/lib/forms/parse-form";
import { checkAction } from "./check-action";
import type { CurrentUser } from "./session";

function person(roles: CurrentUser["roles"], active = true): CurrentUser {
  return { id: 7, email: "a@example.com", firstName: "A", lastName: "B", locale: "it", roles, active, companyId: null, grants: roles.map((role) => ({ role, companyId: null, departmentId: null, planId: null, courseSlugs: null })), sessionCompanyId: null, firstCompanyId: null, sessionId: "s", privacyVersion: null, lastSeenAt: new Date(0), scope: null };
}

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

const Input = { schema: z.object({ n: z.coerce.number().int().positive({ error: "positive" }) }) };

describe("checkAction", () => {
  it("asks who is calling before it looks at the input", () => {
    expect(checkAction(null, "people:manage", Input, "not a form")).toEqual({ ok: false, refusal: "unauthorized" });
    expect(checkAction(person(["learner"]), "people:manage", Input, form([["n", "x"]]))).toEqual({ ok: false, refusal: "forbidden" });
    expect(checkAction(person(["company_admin"], false), "people:manage", Input, form([["n", "1"]]))).toEqual({ ok: false, refusal: "forbidden" });
  });

  it("lets anyone signed in through \"signed-in\", whatever their role", () => {
    for (const role of ["learner", "trainer", "company_admin"] as const) expect(checkAction(person([role]), "signed-in", Input, form([["n", "3"]]))).toMatchObject({ ok: true, data: { n: 3 } });
    expect(checkAction(null, "signed-in", Input, form([["n", "3"]]))).toEqual({ ok: false, refusal: "unauthorized" });
  });

  it("answers input that does not parse with errors per field, and a body that is not a form as invalid", () => {
    expect(checkAction(person(["company_admin"]), "people:manage", Input, form([["n", "-1"]]))).toEqual({ ok: false, refusal: "invalid", fieldErrors: { n: ["positive"] } });
    expect(checkAction(person(["company_admin"]), "people:manage", Input, [])).toEqual({ ok: false, refusal: "invalid", fieldErrors: { _: ["invalid"] } });
    expect(checkAction(person(["company_admin"]), "people:manage", Input, undefined)).toMatchObject({ ok: false, refusal: "invalid" });
  });

  it("reads multi-value fields through the input's mapper", () => {
    const Roles = { schema: z.object({ roles: z.array(z.enum(["a", "b"])).min(1) }), from: withAll("roles") };
    expect(checkAction(person(["company_admin"]), "people:manage", Roles, form([["roles", "a"], ["roles", "b"]]))).toMatchObject({ ok: true, data: { roles: ["a", "b"] } });
    // Without the mapper only the last value would be seen: an array is what the schema needs.
    expect(checkAction(person(["company_admin"]), "people:manage", { schema: Roles.schema }, form([["roles", "a"]]))).toMatchObject({ ok: false, refusal: "invalid" });
  });
});
