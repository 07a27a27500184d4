import { describe, expect, it } from "vitest";
import { bigint, boolean, pgTable, text, type AnyPgColumn } from "drizzle-orm/pg-core";
import { copyPlan } from "./plan";

describe("copyPlan", () => {
  const plan = copyPlan();
  const at = (name: string) => plan.findIndex((t) => t.name === name);

  it("puts every table after the tables it points to", () => {
    expect(plan.length).toBeGreaterThan(30);
    for (const t of plan) for (const d of t.dependsOn) expect(at(d), `${t.name} after ${d}`).toBeLessThan(at(t.name));
  });

  it("knows each column's kind, the keys, the identities and the department tree's self-reference", () => {
    const companies = plan.find((t) => t.name === "companies")!;
    expect(companies.columns.find((c) => c.name === "logo")?.kind).toBe("bytea");
    expect(companies.columns.find((c) => c.name === "id")).toEqual({ name: "id", kind: "integer", identity: true });
    expect(plan.find((t) => t.name === "users")!.columns.find((c) => c.name === "active")?.kind).toBe("boolean");
    expect(plan.find((t) => t.name === "quiz_attempts")!.columns.find((c) => c.name === "score_percent")?.kind).toBe("real");
    expect(plan.find((t) => t.name === "company_texts")!.primaryKey).toEqual(["company_id", "key", "locale"]);
    expect(plan.find((t) => t.name === "departments")!.selfReferences).toEqual(["parent_id"]);
  });

  it("refuses foreign keys in a cycle", () => {
    const a = pgTable("a", { id: bigint("id", { mode: "number" }).primaryKey(), b: bigint("b", { mode: "number" }).references((): AnyPgColumn => b.id) });
    const b = pgTable("b", { id: bigint("id", { mode: "number" }).primaryKey(), a: bigint("a", { mode: "number" }).references((): AnyPgColumn => a.id), ok: boolean("ok"), t: text("t") });
    expect(() => copyPlan({ a, b })).toThrow("the foreign keys of a, b form a cycle");
  });
});
