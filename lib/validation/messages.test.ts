import { describe, expect, it } from "vitest";
import { isValidationMessageKey, VALIDATION_MESSAGE_KEYS, VALIDATION_MESSAGES, validationMessage } from "./messages";

describe("validation messages", () => {
  it("has a non-empty, distinct sentence per key in both languages", () => {
    for (const key of VALIDATION_MESSAGE_KEYS) {
      expect(VALIDATION_MESSAGES.it[key].length, key).toBeGreaterThan(10);
      expect(VALIDATION_MESSAGES.en[key].length, key).toBeGreaterThan(10);
      expect(VALIDATION_MESSAGES.it[key]).not.toBe(VALIDATION_MESSAGES.en[key]);
    }
    expect(Object.keys(VALIDATION_MESSAGES.it).sort()).toEqual([...VALIDATION_MESSAGE_KEYS].sort());
    expect(Object.keys(VALIDATION_MESSAGES.en).sort()).toEqual([...VALIDATION_MESSAGE_KEYS].sort());
  });

  it("translates keys and leaves other messages alone", () => {
    expect(validationMessage("partitaIva.invalidChecksum", "it")).toMatch(/partita IVA/);
    expect(validationMessage("partitaIva.invalidChecksum", "en")).toMatch(/VAT number/);
    expect(validationMessage("Invalid input", "it")).toBe("Invalid input");
    expect(isValidationMessageKey("fiscalCode.required")).toBe(true);
    expect(isValidationMessageKey("fiscalCode.nope")).toBe(false);
    expect(isValidationMessageKey(undefined)).toBe(false);
  });
});
