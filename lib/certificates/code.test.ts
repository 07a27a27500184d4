import { describe, expect, it } from "vitest";
import { newCertificateCode, normaliseCertificateCode } from "./code";

describe("certificate codes", () => {
  it("are 4 groups of 4 Crockford base-32 characters, all different", () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCertificateCode()));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });
  it("normalise typed input and reject what cannot be a code", () => {
    const code = newCertificateCode();
    expect(normaliseCertificateCode(code.toLowerCase().replace(/-/g, " "))).toBe(code);
    expect(normaliseCertificateCode("7kq2 m9xd 4tzb w1hc")).toBe("7KQ2-M9XD-4TZB-W1HC");
    expect(normaliseCertificateCode("oooo-iiii-llll-0000")).toBe("0000-1111-1111-0000");
    expect(normaliseCertificateCode("7KQ2-M9XD")).toBeNull();
    expect(normaliseCertificateCode("7KQ2-M9XD-4TZB-W1HU")).toBeNull();
    expect(normaliseCertificateCode("../../etc/passwd")).toBeNull();
  });
});
