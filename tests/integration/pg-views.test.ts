import { beforeAll, describe, expect, it } from "vitest";
import { seededOnBothEngines, type Row } from "./support/both-engines";

/** The two views are written by hand for each dialect: the same rows must give the same answers. */
const seed: [string, Row][] = [
  ["companies", { id: 1, name: "Acme" }],
  ["companies", { id: 2, name: "Beta" }],
  ["departments", { id: 1, name: "Direzione", company_id: 1 }],
  ["departments", { id: 2, name: "Vendite", company_id: 1, parent_id: 1 }],
  ["departments", { id: 3, name: "Vendite Nord", company_id: 1, parent_id: 2 }],
  ["departments", { id: 4, name: "Vendite", company_id: 2 }],
  // A cycle (never written by the app, but the view must still end).
  ["departments", { id: 5, name: "Ciclo A", company_id: 2 }],
  ["departments", { id: 6, name: "Ciclo B", company_id: 2, parent_id: 5 }],
  ...(
    [
      [1, 1, "Vendite Nord", "learner"],
      [2, 1, "Direzione", "learner"],
      [3, 1, null, "company_admin"],
      [4, 2, "Vendite", "learner"],
      [5, 1, "Vendite", "learner"],
    ] as const
  ).flatMap(([id, company, department, role]): [string, Row][] => [
    ["users", { id, company_id: company, email: `u${id}@test.it`, first_name: "N", last_name: `U${id}`, department }],
    ["user_roles", { user_id: id, role, company_id: role === "learner" ? null : company }],
  ]),
  ["funding_plans", { id: 1, company_id: 1, fund: "fondimpresa", title: "Piano" }],
  ["enrolments", { user_id: 1, course_slug: "c1", due_date: "2027-01-31", plan_id: 1 }],
  ["enrolments", { user_id: 3, course_slug: "c1" }],
  ["enrolment_rules", { id: 1, course_slug: "c2", scope: "everyone", company_id: 1 }],
  ["enrolment_rules", { id: 2, course_slug: "c3", scope: "department", department: "Vendite", company_id: 1, plan_id: 1 }],
  ["enrolment_rules", { id: 3, course_slug: "c4", scope: "department", department: "Direzione", company_id: 2 }],
];

describe("views on PostgreSQL", () => {
  const both = seededOnBothEngines(seed);
  beforeAll(async () => {
    // Close the cycle: 5 → 6 → 5.
    both.sqlite.prepare("UPDATE departments SET parent_id = 6 WHERE id = 5").run();
    await both.pool.query("UPDATE departments SET parent_id = 6 WHERE id = 5");
  });

  for (const [view, order] of [
    ["effective_enrolments", "user_id, course_slug, source"],
    ["department_ancestors", "department_id, ancestor_id"],
  ] as const) {
    it(`${view} gives the same rows as on SQLite`, async () => {
      const query = `SELECT * FROM ${view} ORDER BY ${order}`;
      const fromSqlite = both.sqlite.prepare(query).all();
      expect(fromSqlite.length).toBeGreaterThan(3);
      expect((await both.pool.query(query)).rows).toEqual(fromSqlite);
    });
  }

  it("enrols through a department rule the people of the departments under it, learners of its company only", async () => {
    const rows = (await both.pool.query("SELECT user_id, course_slug, source, plan_id, rule_id FROM effective_enrolments WHERE course_slug = 'c3' ORDER BY user_id")).rows;
    expect(rows).toEqual([
      { user_id: 1, course_slug: "c3", source: "department", plan_id: 1, rule_id: 2 },
      { user_id: 5, course_slug: "c3", source: "department", plan_id: 1, rule_id: 2 },
    ]);
  });
});
