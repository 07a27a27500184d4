/**
 * drizzle's builder over the engine (db/engine/orm.ts): the same builder code, the same SQL
 * and the same typed rows on both databases, joining the engine's transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { changes, conflictTarget, orm, preparedQuery } from "@/db/engine/orm";
import { companies, companyTexts, users } from "@/db/schema";
import type { Engine } from "@/db/engine/types";
import { engineFactories } from "../support/engines";

describe.each(engineFactories())("drizzle over the engine: $name", (factory) => {
  let e: Engine;
  let close: () => Promise<void>;
  let companyId: number;

  beforeAll(async () => {
    ({ engine: e, close } = await factory.open({ migrate: true }));
    const [c] = await orm(e).insert(companies).values({ name: "Alfa S.r.l." }).returning();
    companyId = c!.id;
  });
  afterAll(() => close());

  it("inserts and reads back typed rows: dates, booleans, defaults", async () => {
    const deactivatedAt = new Date("2026-11-30T10:00:00Z");
    const [u] = await orm(e)
      .insert(users)
      .values({ companyId, email: "anna@alfa.test", firstName: "Anna", lastName: "Bianchi", active: false, deactivatedAt })
      .returning();
    expect(u).toMatchObject({ email: "anna@alfa.test", active: false, locale: "it", testTimeExtraPercent: 0, deactivatedAt });
    const again = await orm(e).select().from(users).where(eq(users.id, u!.id)).get();
    expect(again).toEqual(u);
    expect(await orm(e).select().from(users).where(eq(users.id, -1)).get()).toBeUndefined();
  });

  it("maps partial selections and joins by field, not by column name", async () => {
    const rows = await orm(e)
      .select({ id: users.id, company: companies.name, name: sql<string>`${users.firstName} || ' ' || ${users.lastName}` })
      .from(users)
      .innerJoin(companies, eq(companies.id, users.companyId))
      .where(eq(users.email, "anna@alfa.test"));
    expect(rows).toEqual([{ id: expect.any(Number), company: "Alfa S.r.l.", name: "Anna Bianchi" }]);
  });

  it("runs a prepared query with placeholders and counts the rows an update changed", async () => {
    const byEmail = preparedQuery(e, "test:byEmail", (o) =>
      o.select({ id: users.id, active: users.active }).from(users).where(and(eq(users.companyId, sql.placeholder("companyId")), eq(users.email, sql.placeholder("email")))).prepare(),
    );
    expect(await byEmail.get({ companyId, email: "anna@alfa.test" })).toEqual({ id: expect.any(Number), active: false });
    expect(changes(await orm(e).update(users).set({ active: true }).where(eq(users.companyId, companyId)).run())).toBe(1);
    expect(await byEmail.get({ companyId, email: "anna@alfa.test" })).toMatchObject({ active: true });
  });

  it("joins the engine's transaction and rolls back with it", async () => {
    await expect(
      e.write(async () => {
        await orm(e).insert(users).values({ companyId, email: "carlo@alfa.test", firstName: "Carlo", lastName: "Rossi" });
        expect(await orm(e).select({ id: users.id }).from(users).where(eq(users.email, "carlo@alfa.test"))).toHaveLength(1);
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    expect(await orm(e).select({ id: users.id }).from(users).where(eq(users.email, "carlo@alfa.test"))).toEqual([]);
  });

  it("upserts on a composite key: the conflict target is one both databases accept", async () => {
    const upsert = (value: string) =>
      orm(e)
        .insert(companyTexts)
        .values({ companyId, key: "greeting", locale: "it", value, updatedAt: new Date("2026-11-30T10:00:00Z"), updatedBy: null })
        .onConflictDoUpdate({ target: conflictTarget(companyTexts.companyId, companyTexts.key, companyTexts.locale), set: { value } })
        .run();
    await upsert("Ciao");
    await upsert("Buongiorno");
    expect(await orm(e).select({ value: companyTexts.value }).from(companyTexts).where(eq(companyTexts.companyId, companyId))).toEqual([{ value: "Buongiorno" }]);
  });
});
