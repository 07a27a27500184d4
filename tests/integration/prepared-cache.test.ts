import { afterAll, describe, expect, it } from "vitest";
import { preparedStatement } from "@/db/prepared";
import { tempDb } from "./support/temp-db";

describe("the prepared-statement cache", () => {
  const t = tempDb();
  afterAll(() => t.close());

  it("keeps at most 1,000 statements per connection, dropping the least recently used", () => {
    const first = preparedStatement(t, "SELECT 0 AS n");
    const kept = preparedStatement(t, "SELECT 1 AS n");
    for (let i = 2; i < 1000; i++) preparedStatement(t, `SELECT ${i} AS n`);
    // Used again just before the cache overflows: it is now the most recent.
    expect(preparedStatement(t, "SELECT 1 AS n")).toBe(kept);
    for (let i = 1000; i < 1002; i++) preparedStatement(t, `SELECT ${i} AS n`);
    expect(preparedStatement(t, "SELECT 1 AS n")).toBe(kept);
    expect(preparedStatement(t, "SELECT 0 AS n")).not.toBe(first);
  });
});
