import { describe, expect, it } from "vitest";
import { validateFiscalCode, validateFiscalCodeWithPlace } from "@/lib/validation/fiscal-code";
import { DEMO_PEOPLE } from "@/lib/demo/seed";
import { BIRTH_PLACES, checkCharacter, fiscalCode, nameCode, surnameCode } from "./fiscal-code";

describe("benchmark codici fiscali", () => {
  it("codes letters as the Agenzia delle Entrate does", () => {
    expect(surnameCode("Rossi")).toBe("RSS");
    expect(surnameCode("Fo")).toBe("FOX");
    expect(surnameCode("D'Angelo")).toBe("DNG");
    expect(nameCode("Francesco")).toBe("FNC"); // four or more consonants: 1st, 3rd, 4th
    expect(nameCode("Luca")).toBe("LCU");
    expect(nameCode("Niccolò")).toBe("NCL"); // N C C L: 1st, 3rd, 4th
  });

  it("computes the check character of known codes", () => {
    // The demo people's codes are real-format codes checked by lib/validation.
    for (const p of DEMO_PEOPLE) expect(checkCharacter(p.fiscalCode.slice(0, 15))).toBe(p.fiscalCode[15]);
  });

  it("produces codes the app accepts, places included", async () => {
    let i = 0;
    for (const place of BIRTH_PLACES) {
      for (const sex of ["M", "F"] as const) {
        const code = fiscalCode({ firstName: "Maria Chiara", lastName: "Dell'Acqua", sex, birth: { year: 1960 + i, month: (i % 12) + 1, day: (i % 28) + 1 }, place });
        i++;
        expect(validateFiscalCode(code)).toEqual({ ok: true, value: code, kind: "personal" });
        expect((await validateFiscalCodeWithPlace(code)).ok).toBe(true);
      }
    }
  });
});
