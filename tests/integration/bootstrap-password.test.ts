import { afterEach, describe, expect, it } from "vitest";
import { bootstrapAdmin } from "@/lib/bootstrap-admin";
import { countUsers } from "@/db/queries/users";
import { openTestDb, type TestDb } from "./support/test-db";

describe("first admin: the password rule applies to ADMIN_PASSWORD", () => {
  let t: TestDb;
  afterEach(() => t.close());

  it.each([
    ["a common password with decorations", "Juventus1897!!", "one of the most common"],
    ["a password containing the e-mail's local part", "direzione.personale-2025", "e-mail address"],
    ["a keyboard run", "qwertyuiopasdf", "keyboard sequence"],
    ["too short", "corto-7x", "at least 12 characters"],
  ])("refuses %s and creates nobody", async (_what, password, expected) => {
    t = await openTestDb();
    const r = await bootstrapAdmin(t, { ADMIN_EMAIL: "direzione.personale@acme.it", ADMIN_PASSWORD: password });
    expect(r.status).toBe("missing");
    if (r.status === "missing") {
      expect(r.message).toContain("ADMIN_PASSWORD");
      expect(r.message).toContain(expected);
      // The message names the problem, never the password itself.
      expect(r.message).not.toContain(password);
    }
    expect(await countUsers(t)).toBe(0);
  });

  it("accepts a passphrase", async () => {
    t = await openTestDb();
    const r = await bootstrapAdmin(t, { ADMIN_EMAIL: "direzione.personale@acme.it", ADMIN_PASSWORD: "cavallo batteria graffetta" });
    expect(r).toEqual({ status: "created", email: "direzione.personale@acme.it" });
  });
});
