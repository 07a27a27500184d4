import { describe, expect, it } from "vitest";
import { bodyLimitFor, DEFAULT_BODY_LIMIT, IMPORT_FILE_LIMIT } from "./front-door.mjs";

describe("bodyLimitFor", () => {
  it("gives every route the default, and the employee import room for its file", () => {
    for (const p of ["/", "/api/auth/callback/credentials", "/api/auth/signout", "/sign-in", "/api/heartbeat", "/api/admin/people/import/x"]) {
      expect(bodyLimitFor(p), p).toBe(DEFAULT_BODY_LIMIT);
    }
    expect(bodyLimitFor("/api/admin/people/import")).toBeGreaterThan(IMPORT_FILE_LIMIT);
    expect(bodyLimitFor("/api/admin/people/import")).toBeLessThan(IMPORT_FILE_LIMIT + 128 * 1024);
  });
});
