import { describe, expect, it } from "vitest";
import { VALIDATION_MESSAGES } from "./messages";
import { isValidElevenDigitChecksum, normalizePartitaIva, partitaIvaSchema, validatePartitaIva } from "./partita-iva";

// Check digits verified by hand:
// 01234567897: odd 0+2+4+6+8=20, even 2+6+(10−9)+(14−9)+(18−9)=23, 43 → (10−3)%10 = 7
// 12345678903: odd 1+3+5+7+9=25, even 4+8+3+7+0=22, 47 → 3
// 00488410010: odd 0+4+8+1+0=13, even 0+7+8+0+2=17, 30 → 0
const VALID = ["01234567897", "12345678903", "00488410010"];

describe("validatePartitaIva", () => {
  it.each(VALID)("accepts %s", (v) => {
    expect(validatePartitaIva(v)).toEqual({ ok: true, value: v });
  });

  it("strips an IT prefix (any case) and whitespace", () => {
    expect(validatePartitaIva("IT01234567897")).toEqual({ ok: true, value: "01234567897" });
    expect(validatePartitaIva(" it 012 345 678 97 ")).toEqual({ ok: true, value: "01234567897" });
    expect(validatePartitaIva("It\t01234567897\n")).toEqual({ ok: true, value: "01234567897" });
  });

  it("rejects a wrong check digit", () => {
    expect(validatePartitaIva("01234567890")).toEqual({ ok: false, reason: "checksum" });
    expect(validatePartitaIva("IT12345678901")).toEqual({ ok: false, reason: "checksum" });
  });

  it("detects every single-digit typo in a valid number", () => {
    for (const valid of VALID) {
      for (let pos = 0; pos < 11; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === valid[pos]) continue;
          const typo = valid.slice(0, pos) + d + valid.slice(pos + 1);
          const r = validatePartitaIva(typo);
          expect(r.ok, typo).toBe(false);
        }
      }
    }
  });

  it("rejects all zeros even though the checksum would pass", () => {
    expect(isValidElevenDigitChecksum("00000000000")).toBe(true);
    expect(validatePartitaIva("00000000000")).toEqual({ ok: false, reason: "format" });
    expect(validatePartitaIva("IT 00000000000")).toEqual({ ok: false, reason: "format" });
  });

  it("reports the wrong length, non-digits and blanks", () => {
    expect(validatePartitaIva("0123456789")).toEqual({ ok: false, reason: "length" });
    expect(validatePartitaIva("012345678970")).toEqual({ ok: false, reason: "length" });
    expect(validatePartitaIva("0123456789A")).toEqual({ ok: false, reason: "format" });
    expect(validatePartitaIva("01234-567897")).toEqual({ ok: false, reason: "format" });
    expect(validatePartitaIva("DE01234567897")).toEqual({ ok: false, reason: "format" });
    expect(validatePartitaIva("")).toEqual({ ok: false, reason: "empty" });
    expect(validatePartitaIva("   ")).toEqual({ ok: false, reason: "empty" });
    expect(validatePartitaIva("IT")).toEqual({ ok: false, reason: "empty" });
  });

  it("removes only a leading IT", () => {
    expect(normalizePartitaIva("0123IT4567897")).toBe("0123IT4567897");
    expect(validatePartitaIva("0123IT4567897")).toEqual({ ok: false, reason: "format" });
  });
});

describe("isValidElevenDigitChecksum", () => {
  it("requires exactly 11 ASCII digits", () => {
    expect(isValidElevenDigitChecksum("0123456789")).toBe(false);
    expect(isValidElevenDigitChecksum("0123456789７")).toBe(false);
    expect(isValidElevenDigitChecksum("01234567897")).toBe(true);
  });
});

describe("partitaIvaSchema", () => {
  it("outputs the normalised digits", () => {
    expect(partitaIvaSchema.parse("IT 01234567897")).toBe("01234567897");
  });

  it.each([
    ["01234567890", "partitaIva.invalidChecksum"],
    ["00000000000", "partitaIva.invalidFormat"],
    ["123", "partitaIva.invalidLength"],
    ["", "partitaIva.required"],
  ])("%j fails with the key %s", (input, key) => {
    const r = partitaIvaSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toBe(key);
    expect(VALIDATION_MESSAGES.it).toHaveProperty([key]);
  });

  it("answers a non-string with the required key", () => {
    const r = partitaIvaSchema.safeParse(undefined);
    expect(r.error?.issues[0]?.message).toBe("partitaIva.required");
  });
});
