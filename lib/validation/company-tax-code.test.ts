import { describe, expect, it } from "vitest";
import { companyTaxCodeSchema, validateCompanyTaxCode } from "./company-tax-code";
import { VALIDATION_MESSAGES } from "./messages";

describe("validateCompanyTaxCode", () => {
  it("accepts an 11-digit code, with or without the IT prefix", () => {
    expect(validateCompanyTaxCode("01234567897")).toEqual({ ok: true, value: "01234567897", kind: "numeric" });
    expect(validateCompanyTaxCode("it 01234567897")).toEqual({ ok: true, value: "01234567897", kind: "numeric" });
  });

  it("accepts a sole trader's personal code", () => {
    expect(validateCompanyTaxCode("rssmra85t10a562s")).toEqual({ ok: true, value: "RSSMRA85T10A562S", kind: "personal" });
  });

  it("reports the failure of whichever rule applies", () => {
    expect(validateCompanyTaxCode("01234567890")).toEqual({ ok: false, reason: "checksum" });
    expect(validateCompanyTaxCode("00000000000")).toEqual({ ok: false, reason: "format" });
    expect(validateCompanyTaxCode("0123456789")).toEqual({ ok: false, reason: "length" });
    expect(validateCompanyTaxCode("RSSMRA85T10A562T")).toEqual({ ok: false, reason: "checksum" });
    expect(validateCompanyTaxCode("RSSMRA85B30A562Z")).toEqual({ ok: false, reason: "date" });
    expect(validateCompanyTaxCode("RSSMRA85T10A56")).toEqual({ ok: false, reason: "length" });
    expect(validateCompanyTaxCode("RSSMRA85T10A562-")).toEqual({ ok: false, reason: "format" });
    expect(validateCompanyTaxCode("ACME-SRL")).toEqual({ ok: false, reason: "format" });
    expect(validateCompanyTaxCode("")).toEqual({ ok: false, reason: "empty" });
  });

  it("treats letters in an 11-character code as a format error", () => {
    expect(validateCompanyTaxCode("0123456789A")).toEqual({ ok: false, reason: "format" });
    expect(validateCompanyTaxCode("RSSMRA85T10")).toEqual({ ok: false, reason: "format" });
  });
});

describe("companyTaxCodeSchema", () => {
  it("outputs the normalised code", () => {
    expect(companyTaxCodeSchema.parse("IT01234567897")).toBe("01234567897");
  });

  it.each([
    ["01234567890", "companyTaxCode.invalidChecksum"],
    ["123", "companyTaxCode.invalidLength"],
    ["", "companyTaxCode.required"],
    ["RSSMRA85B30A562Z", "companyTaxCode.invalidDate"],
  ])("%j fails with the key %s", (input, key) => {
    const r = companyTaxCodeSchema.safeParse(input);
    expect(r.error?.issues.map((i) => i.message)).toEqual([key]);
    expect(VALIDATION_MESSAGES.en).toHaveProperty([key]);
  });
});
