import { afterEach, describe, expect, it } from "vitest";
import { groupCommit } from "@/db/group-commit";
import type { AppDatabase } from "@/db/open";
import { tempDb } from "./support/temp-db";

describe("groupCommit", () => {
  let t: ReturnType<typeof tempDb> | undefined;
  afterEach(() => t?.close());

  function setup(): { d: AppDatabase; other: AppDatabase; count: (conn: AppDatabase) => number; insert: (name: string) => void } {
    t = tempDb();
    t.sqlite.exec("CREATE TABLE t (name TEXT NOT NULL UNIQUE, user_id INTEGER REFERENCES users(id))");
    const other = t.reopen();
    return {
      d: t,
      other,
      count: (conn) => (conn.sqlite.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n,
      insert: (name) => void t!.sqlite.prepare("INSERT INTO t (name) VALUES (?)").run(name),
    };
  }

  it("runs the calls of one turn in one transaction and resolves after it committed", async () => {
    const { d, other, count, insert } = setup();
    const seenByOther: number[] = [];
    const calls = ["a", "b", "c"].map((name) =>
      groupCommit(d, () => {
        insert(name);
        // Another connection sees nothing until the group commits: the three share one transaction.
        seenByOther.push(count(other));
        return name.toUpperCase();
      }),
    );
    expect(count(d)).toBe(0);
    await expect(Promise.all(calls)).resolves.toEqual(["A", "B", "C"]);
    expect(seenByOther).toEqual([0, 0, 0]);
    expect(count(other)).toBe(3);
  });

  it("runs calls of a later turn in a transaction of their own", async () => {
    const { d, other, count, insert } = setup();
    await groupCommit(d, () => insert("first"));
    const seen = await groupCommit(d, () => {
      insert("second");
      return count(other);
    });
    expect(seen).toBe(1);
    expect(count(other)).toBe(2);
  });

  it("rolls back only the call that throws; the others commit", async () => {
    const { d, other, count, insert } = setup();
    const ok1 = groupCommit(d, () => insert("x"));
    const bad = groupCommit(d, () => {
      insert("y");
      insert("x"); // UNIQUE violation: "y" must go too
    });
    const ok2 = groupCommit(d, () => insert("z"));
    await expect(bad).rejects.toThrow(/UNIQUE/);
    await expect(Promise.all([ok1, ok2])).resolves.toBeDefined();
    expect(other.sqlite.prepare("SELECT name FROM t ORDER BY name").all()).toEqual([{ name: "x" }, { name: "z" }]);
    expect(count(d)).toBe(2);
  });

  it("rejects every call of the group when COMMIT fails, and writes none of them", async () => {
    const { d, other, count, insert } = setup();
    const ok = groupCommit(d, () => insert("fine"));
    const deferred = groupCommit(d, () => {
      // A deferred foreign key is checked only at COMMIT: the whole group's commit fails.
      d.sqlite.pragma("defer_foreign_keys = ON");
      d.sqlite.prepare("INSERT INTO t (name, user_id) VALUES ('dangling', 424242)").run();
    });
    await expect(ok).rejects.toThrow(/FOREIGN KEY/);
    await expect(deferred).rejects.toThrow(/FOREIGN KEY/);
    expect(count(other)).toBe(0);
    expect(d.sqlite.inTransaction).toBe(false);
    // The connection is usable afterwards.
    await groupCommit(d, () => insert("after"));
    expect(count(other)).toBe(1);
  });

  it("when SQLite rolls the whole transaction back (disk full), rejects every call and writes none", async () => {
    const { d, other, count, insert } = setup();
    const pages = d.sqlite.pragma("page_count", { simple: true }) as number;
    const first = groupCommit(d, () => insert("small"));
    const full = groupCommit(d, () => {
      d.sqlite.pragma(`max_page_count = ${pages}`);
      d.sqlite.prepare("INSERT INTO t (name) VALUES (?)").run("x".repeat(200_000));
    });
    const after = groupCommit(d, () => insert("later"));
    await expect(full).rejects.toThrow(/full/i);
    await expect(first).rejects.toThrow(/full/i);
    await expect(after).rejects.toThrow(/full/i);
    d.sqlite.pragma("max_page_count = 1073741823");
    expect(count(other)).toBe(0);
    expect(d.sqlite.inTransaction).toBe(false);
  });

  it("refuses to run from inside an open transaction (its writes would land outside it)", async () => {
    const { d, count } = setup();
    let call: Promise<unknown> | undefined;
    d.sqlite.transaction(() => {
      call = groupCommit(d, () => 1);
    })();
    await expect(call).rejects.toThrow(/inside an open transaction/);
    // The same from inside the engine's own (asynchronous) transaction.
    await expect(d.write(async () => groupCommit(d, () => 1))).rejects.toThrow(/inside an open transaction/);
    expect(count(d)).toBe(0);
  });
});
