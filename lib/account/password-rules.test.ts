import { describe, expect, it } from "vitest";
import { checkNewPassword } from "./password-rules";

describe("checkNewPassword()", () => {
  it("applies the shared password policy", () => {
    expect(checkNewPassword("", "", "anna@example.com")).toEqual(["required"]);
    expect(checkNewPassword("corta", "corta", "anna@example.com")).toContain("password.tooShort");
    expect(checkNewPassword("Password1234!", "Password1234!", "anna@example.com")).toContain("password.common");
    expect(checkNewPassword("anna.neri è la mia", "anna.neri è la mia", "anna.neri@example.com")).toContain("password.containsEmail");
    expect(checkNewPassword("una frase lunga e sicura", "una frase lunga e sicura", "anna@example.com")).toEqual([]);
  });

  it("requires the two entries to match", () => {
    expect(checkNewPassword("una frase lunga e sicura", "una frase lunga e sicurA", "anna@example.com")).toEqual(["mismatch"]);
  });
});
