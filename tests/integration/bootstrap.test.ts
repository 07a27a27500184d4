import { afterEach, describe, expect, it } from "vitest";
import { bootstrapAdmin } from "@/lib/bootstrap-admin";
import { seedDemo, DEMO_PEOPLE, DEMO_PEOPLE_B, DEMO_PROVIDER_PEOPLE, DEMO_PASSWORD } from "@/lib/demo/seed";
import { COHORT_DEPARTMENTS } from "@/lib/demo/assessment-cohort";
import { countUsers, findUserByEmail, listRoles } from "@/db/queries/users";
import { authenticate } from "@/lib/auth/authenticate";
import { openTestDb, type TestDb } from "./support/test-db";

describe("first run", () => {
  let t: TestDb;
  afterEach(() => t.close());

  it("refuses an empty database without ADMIN_EMAIL/ADMIN_PASSWORD, saying what to set", async () => {
    t = await openTestDb();
    const r = await bootstrapAdmin(t, {});
    expect(r.status).toBe("missing");
    if (r.status === "missing") {
      expect(r.message).toContain("ADMIN_EMAIL");
      expect(r.message).toContain("ADMIN_PASSWORD");
    }
    expect(await countUsers(t)).toBe(0);
    const weak = await bootstrapAdmin(t, { ADMIN_EMAIL: "hr@acme.it", ADMIN_PASSWORD: "short" });
    expect(weak.status).toBe("missing");
    expect(await countUsers(t)).toBe(0);
  });

  it("creates the first admin once, then leaves the database alone", async () => {
    t = await openTestDb();
    const env = { ADMIN_EMAIL: "HR@Acme.it", ADMIN_PASSWORD: "una frase lunga e segreta" };
    expect(await bootstrapAdmin(t, env)).toEqual({ status: "created", email: "hr@acme.it" });
    expect(await bootstrapAdmin(t, env)).toEqual({ status: "existing" });
    expect(await countUsers(t)).toBe(1);
    const admin = (await findUserByEmail(t, "hr@acme.it"))!;
    // The installation's administrator: every company (the first one is created from the overview).
    expect(await listRoles(t, admin.id)).toEqual(["provider_admin"]);
    const r = await authenticate(t, { email: "hr@acme.it", password: env.ADMIN_PASSWORD, ip: "127.0.0.1", userAgent: null });
    expect(r.ok).toBe(true);
  });

  // The demo includes a 65-learner cohort written through the app's write paths: tens of seconds on a busy machine.
  it("seeds the demo company idempotently", { timeout: 240_000 }, async () => {
    t = await openTestDb();
    // The named people of both companies and the provider, plus the fund inspector of the demo plan.
    const named = DEMO_PEOPLE.length + DEMO_PEOPLE_B.length + DEMO_PROVIDER_PEOPLE.length + 1;
    expect((await seedDemo(t)).created).toBe(named);
    expect((await seedDemo(t)).created).toBe(0);
    // The named demo people and the analytics cohort, once each.
    expect(await countUsers(t)).toBe(named + COHORT_DEPARTMENTS.reduce((n, dep) => n + dep.size, 0));
    const companies = await t.get<{ n: number }>("SELECT count(*) AS n FROM companies");
    expect(companies?.n).toBe(2);
    for (const email of ["admin@example.com", "trainer@example.com", "learner@example.com", "ente@example.com", "admin.adriatica@example.com", "responsabile@example.com", "ispettore@example.com"]) {
      const r = await authenticate(t, { email, password: DEMO_PASSWORD, ip: "127.0.0.1", userAgent: null });
      expect(r.ok, email).toBe(true);
    }
  });
});
