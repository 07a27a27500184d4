import { describe, expect, it } from "vitest";
import { CodiceFiscaleUtils } from "@marketto/codice-fiscale-utils";
import { belfioreConnector } from "@marketto/belfiore-connector-embedded";
import { fiscalCodeSchema, validateFiscalCode, validateFiscalCodeWithPlace } from "./fiscal-code";
import { VALIDATION_MESSAGES, validationMessage } from "./messages";

/**
 * Independent implementation of the check character (Agenzia delle Entrate algorithm), so the
 * tests do not rely on the library's own routine that the validator uses.
 */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function checkChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i]!;
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[v]! : v; // positions 1, 3, 5… (1-based) are "odd"
  }
  return String.fromCharCode(65 + (sum % 26));
}
const withCheck = (first15: string) => first15 + checkChar(first15);

/** Omocodia letters for digits 0–9. */
const OMO = "LMNPQRSTUV";
const NUMERIC_POSITIONS = [6, 7, 9, 10, 12, 13, 14];

describe("reference check character", () => {
  it("matches well-known published codes", () => {
    expect(withCheck("RSSMRA85T10A562")).toBe("RSSMRA85T10A562S");
    expect(withCheck("MRTMTT25D09F205")).toBe("MRTMTT25D09F205Z");
  });
});

describe("validateFiscalCode: personal codes", () => {
  it.each(["RSSMRA85T10A562S", "MRTMTT25D09F205Z"])("accepts the published example %s", (cf) => {
    expect(validateFiscalCode(cf)).toEqual({ ok: true, value: cf, kind: "personal" });
  });

  it("accepts codes produced by the library's encoder (months are 0-based there)", async () => {
    const cfu = new CodiceFiscaleUtils(belfioreConnector);
    const feb29 = await cfu.parser.encodeCf({ lastName: "Bianchi", firstName: "Giulia", year: 1992, month: 1, day: 29, gender: "F", place: "Milano" });
    expect(feb29).toBe("BNCGLI92B69F205F"); // month 1 → "B" = February; women add 40 to the day
    expect(feb29).toBe(withCheck("BNCGLI92B69F205"));
    expect(validateFiscalCode(feb29!)).toMatchObject({ ok: true, kind: "personal" });

    const rossi = await cfu.parser.encodeCf({ lastName: "Rossi", firstName: "Mario", year: 1985, month: 11, day: 10, gender: "M", place: "A562" });
    expect(rossi).toBe("RSSMRA85T10A562S");
  });

  it("normalises lower case and spaces", () => {
    expect(validateFiscalCode(" rssmra 85t10 a562s ")).toEqual({ ok: true, value: "RSSMRA85T10A562S", kind: "personal" });
    expect(validateFiscalCode("RsSmRa85T10a562s")).toMatchObject({ ok: true, value: "RSSMRA85T10A562S" });
  });

  it("rejects a wrong check character", () => {
    expect(validateFiscalCode("RSSMRA85T10A562T")).toEqual({ ok: false, reason: "checksum" });
    expect(validateFiscalCode("MRTMTT25D09F205A")).toEqual({ ok: false, reason: "checksum" });
  });

  it("catches a single typo in any numeric position", () => {
    const valid = "RSSMRA85T10A562S";
    for (const pos of NUMERIC_POSITIONS) {
      const d = Number(valid[pos]);
      const typo = valid.slice(0, pos) + ((d + 1) % 10) + valid.slice(pos + 1);
      expect(validateFiscalCode(typo).ok, typo).toBe(false);
    }
  });

  it("accepts omocodia variants with the recomputed check character", () => {
    // The last digit of the place code (2) becomes N.
    const variant = withCheck("RSSMRA85T10A56N");
    expect(variant).toBe("RSSMRA85T10A56NH");
    expect(validateFiscalCode(variant)).toEqual({ ok: true, value: variant, kind: "personal" });
    // The old check character no longer matches.
    expect(validateFiscalCode("RSSMRA85T10A56NS")).toEqual({ ok: false, reason: "checksum" });
  });

  it("accepts all 127 omocodia variants of a code", () => {
    const base = "RSSMRA85T10A562S";
    let count = 0;
    for (let mask = 1; mask < 1 << NUMERIC_POSITIONS.length; mask++) {
      const chars = base.slice(0, 15).split("");
      NUMERIC_POSITIONS.forEach((pos, bit) => {
        if (mask & (1 << bit)) chars[pos] = OMO[Number(chars[pos])]!;
      });
      const variant = withCheck(chars.join(""));
      expect(validateFiscalCode(variant), variant).toMatchObject({ ok: true, kind: "personal" });
      count++;
    }
    expect(count).toBe(127);
    expect(validateFiscalCode(withCheck("RSSMRAURTMLARSN"))).toMatchObject({ ok: true });
  });

  it("rejects letters that are not omocodia letters in numeric positions", () => {
    expect(validateFiscalCode(withCheck("RSSMRA85T10A56W"))).toEqual({ ok: false, reason: "format" });
    expect(validateFiscalCode(withCheck("RSSMRAA5T10A562"))).toEqual({ ok: false, reason: "format" });
  });

  it("reports impossible birth dates as date", () => {
    expect(validateFiscalCode(withCheck("RSSMRA85T32A562"))).toEqual({ ok: false, reason: "date" }); // 32 December
    expect(validateFiscalCode(withCheck("RSSMRA85B30A562"))).toEqual({ ok: false, reason: "date" }); // 30 February
    expect(validateFiscalCode(withCheck("RSSMRA85B29A562"))).toEqual({ ok: false, reason: "date" }); // 1985 is not a leap year
    expect(validateFiscalCode(withCheck("RSSMRA92B29A562"))).toMatchObject({ ok: true }); // 1992 is
    expect(validateFiscalCode(withCheck("RSSMRA85D31A562"))).toEqual({ ok: false, reason: "date" }); // 31 April
    expect(validateFiscalCode(withCheck("RSSMRA85F10A562"))).toEqual({ ok: false, reason: "date" }); // F is not a month
    expect(validateFiscalCode(withCheck("RSSMRA85T00A562"))).toEqual({ ok: false, reason: "date" });
    expect(validateFiscalCode(withCheck("RSSMRA85T72A562"))).toEqual({ ok: false, reason: "date" }); // 32 + 40
  });

  it("reports malformed name letters and place codes as format", () => {
    expect(validateFiscalCode(withCheck("RASMRA85T10A562"))).toEqual({ ok: false, reason: "format" }); // consonant after a vowel
    expect(validateFiscalCode(withCheck("RSSMRA85T10A000"))).toEqual({ ok: false, reason: "format" }); // place 000
    expect(validateFiscalCode(withCheck("RSSMRA85T10N562"))).toEqual({ ok: false, reason: "format" }); // N is not a place letter
    expect(validateFiscalCode("RSSMRA85T10A5625")).toEqual({ ok: false, reason: "format" }); // digit as check char
    expect(validateFiscalCode("RSSMRA85T10A562-")).toEqual({ ok: false, reason: "format" });
    expect(validateFiscalCode("RSSMRÀ85T10A562S")).toEqual({ ok: false, reason: "format" });
  });

  it("reports the wrong length and blanks", () => {
    expect(validateFiscalCode("RSSMRA85T10A562")).toEqual({ ok: false, reason: "length" });
    expect(validateFiscalCode("RSSMRA85T10A562SS")).toEqual({ ok: false, reason: "length" });
    expect(validateFiscalCode("RSS")).toEqual({ ok: false, reason: "length" });
    expect(validateFiscalCode("")).toEqual({ ok: false, reason: "empty" });
    expect(validateFiscalCode(" \t ")).toEqual({ ok: false, reason: "empty" });
  });
});

describe("validateFiscalCode: temporary 11-digit codes", () => {
  it("accepts a valid temporary code with the partita IVA check digit", () => {
    expect(validateFiscalCode("01234567897")).toEqual({ ok: true, value: "01234567897", kind: "temporary" });
    expect(validateFiscalCode(" 0123 4567 897 ")).toEqual({ ok: true, value: "01234567897", kind: "temporary" });
  });

  it("rejects a wrong check digit, all zeros and letters", () => {
    expect(validateFiscalCode("01234567890")).toEqual({ ok: false, reason: "checksum" });
    expect(validateFiscalCode("00000000000")).toEqual({ ok: false, reason: "format" });
    expect(validateFiscalCode("0123456789A")).toEqual({ ok: false, reason: "format" });
  });

  it("does not accept an IT prefix (that is a VAT number, not a person's code)", () => {
    expect(validateFiscalCode("IT01234567897")).toEqual({ ok: false, reason: "length" });
  });
});

describe("validateFiscalCodeWithPlace", () => {
  it("accepts a code whose place exists on the birth date, omocoded or not", async () => {
    await expect(validateFiscalCodeWithPlace("rssmra85t10a562s")).resolves.toEqual({ ok: true, value: "RSSMRA85T10A562S", kind: "personal" });
    await expect(validateFiscalCodeWithPlace(withCheck("RSSMRA85T10A56N"))).resolves.toMatchObject({ ok: true });
  });

  it("rejects an unknown place code", async () => {
    await expect(validateFiscalCodeWithPlace(withCheck("RSSMRA85T10Z999"))).resolves.toEqual({ ok: false, reason: "place" });
  });

  it("rejects a place that did not exist yet on the birth date (Fiumicino, M297, created in 1992)", async () => {
    await expect(validateFiscalCodeWithPlace(withCheck("RSSMRA85T10M297"))).resolves.toEqual({ ok: false, reason: "place" });
    await expect(validateFiscalCodeWithPlace(withCheck("RSSMRA95T10M297"))).resolves.toMatchObject({ ok: true });
  });

  it("passes through the synchronous failures and temporary codes", async () => {
    await expect(validateFiscalCodeWithPlace("RSSMRA85T10A562T")).resolves.toEqual({ ok: false, reason: "checksum" });
    await expect(validateFiscalCodeWithPlace("01234567897")).resolves.toEqual({ ok: true, value: "01234567897", kind: "temporary" });
  });
});

describe("fiscalCodeSchema", () => {
  it("outputs the normalised code", () => {
    expect(fiscalCodeSchema.parse("rssmra85t10a562s")).toBe("RSSMRA85T10A562S");
  });

  it.each([
    ["RSSMRA85T10A562T", "fiscalCode.invalidChecksum", "checksum"],
    ["RSSMRA85T10A56", "fiscalCode.invalidLength", "length"],
    [withCheck("RSSMRA85B30A562"), "fiscalCode.invalidDate", "date"],
    ["RSSMRA85T10A562-", "fiscalCode.invalidFormat", "format"],
    ["  ", "fiscalCode.required", "empty"],
  ])("%j fails with the key %s", (input, key, reason) => {
    const r = fiscalCodeSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]).toMatchObject({ code: "custom", message: key, params: { reason } });
    expect(validationMessage(key, "it")).toBe(VALIDATION_MESSAGES.it[key as keyof typeof VALIDATION_MESSAGES.it]);
    expect(validationMessage(key, "en")).not.toBe(key);
  });

  it("answers a non-string with the required key", () => {
    expect(fiscalCodeSchema.safeParse(42).error?.issues[0]?.message).toBe("fiscalCode.required");
  });
});
