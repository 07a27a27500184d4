import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkPassword, commonPasswords, MIN_LENGTH } from "./password-policy";
import { PASSWORD_MESSAGE_KEYS, PASSWORD_MESSAGES } from "./password-messages";

const issues = (password: string, email?: string) => {
  const r = checkPassword(password, { email });
  return r.ok ? [] : r.issues;
};

describe("the committed common-password list", () => {
  const list = commonPasswords();

  it("has at least 1,000 lower-case entries, one per line, without duplicates", () => {
    const lines = fs.readFileSync(path.join(process.cwd(), "lib", "auth", "common-passwords.txt"), "utf8").trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(lines).size).toBe(lines.length);
    for (const l of lines) expect(l, l).toBe(l.trim().toLowerCase());
    expect(list.size).toBe(lines.length);
  });

  it("includes the international and Italian favourites", () => {
    for (const p of ["123456", "12345678", "password", "password123", "qwerty", "iloveyou", "juventus", "forzainter", "forzamilan", "forzanapoli", "tiamo", "amore", "ciao"]) {
      expect(list.has(p), p).toBe(true);
    }
  });
});

describe("checkPassword()", () => {
  it("accepts a long passphrase and a long random password", () => {
    expect(checkPassword("una frase lunga e segreta", { email: "hr@acme.it" })).toEqual({ ok: true });
    expect(checkPassword("cavallo batteria graffetta", { email: "mario.rossi@acme.it" })).toEqual({ ok: true });
    expect(checkPassword("t7#Vq9!pZr2$Lm")).toEqual({ ok: true });
  });

  it(`refuses fewer than ${MIN_LENGTH} characters, counting characters rather than UTF-16 units`, () => {
    expect(issues("tramonto7#q")).toEqual(["password.tooShort"]);
    expect(issues("tramonto7#qx")).toEqual([]);
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(issues("🙂🙃😉😊😇🥰😍🤩😘😗☺")).toContain("password.tooShort");
  });

  it("refuses a password longer than the sign-in form accepts", () => {
    expect(issues("ab1!".repeat(300))).toEqual(["password.tooLong"]);
  });

  it("refuses common passwords, whatever the case, spacing, decoration or letter substitutions", () => {
    for (const p of [
      "password123456",
      "PASSWORD1234",
      "qwertyuiop123",
      "Juventus1897!!",
      "2024juventus2024",
      "Forza Inter 2024",
      "forza-milan-1899",
      "P@ssw0rd!2024",
      "forzainterforzainter",
      "TiAmo12345678",
    ]) {
      expect(issues(p), p).toContain("password.common");
    }
  });

  it("refuses a password containing the e-mail's local part, also without its separators", () => {
    expect(issues("mario.rossi-segreta-2024", "Mario.Rossi@acme.it")).toEqual(["password.containsEmail"]);
    expect(issues("segreto mariorossi 77", "mario.rossi@acme.it")).toEqual(["password.containsEmail"]);
    // Too short a local part to mean anything: not checked.
    expect(issues("hr e formazione insieme", "hr@acme.it")).toEqual([]);
  });

  it("refuses repetitive passwords and keyboard or alphabet runs", () => {
    expect(issues("aaaaaaaaaaaaaaaa")).toContain("password.tooSimple");
    expect(issues("abababababab")).toContain("password.tooSimple");
    expect(issues("1234567890123")).toContain("password.tooSimple");
    expect(issues("qwertyuiopasdf")).toContain("password.tooSimple");
    expect(issues("mnbvcxzlkjhg")).toContain("password.tooSimple");
  });

  it("reports every broken rule at once", () => {
    expect(issues("juventus", "juventus@acme.it")).toEqual(["password.tooShort", "password.common", "password.containsEmail"]);
  });

  it("reads another blocklist when given one (comments and blank lines ignored)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-pw-"));
    try {
      const file = path.join(dir, "list.txt");
      fs.writeFileSync(file, "# test list\n\ncavallobatteria\n");
      expect(checkPassword("cavallo batteria", { listFile: file })).toEqual({ ok: false, issues: ["password.common"] });
      expect(checkPassword("una frase lunga e segreta", { listFile: file })).toEqual({ ok: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has an Italian and an English sentence for every message key", () => {
    for (const locale of ["it", "en"] as const) {
      for (const key of PASSWORD_MESSAGE_KEYS) expect(PASSWORD_MESSAGES[locale][key].length, `${locale} ${key}`).toBeGreaterThan(10);
    }
  });
});
