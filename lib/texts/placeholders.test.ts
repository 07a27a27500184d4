import { describe, expect, it } from "vitest";
import { fillDocument, fillText, placeholderProblems, PlaceholderListSchema, type Placeholder, type PlaceholderValue } from "./placeholders";

const decl = (over: Partial<Placeholder> & Pick<Placeholder, "key" | "token">): Placeholder => ({ label: { it: "x", en: "x" }, input: "line", perLanguage: false, ...over });
const name = decl({ key: "company_name", token: { it: "[NOME AZIENDA]", en: "[COMPANY NAME]" }, from: "company.name" });
const limits = decl({ key: "limits", token: { it: "[LIMITI]", en: "[LIMITS]" }, perLanguage: true, input: "paragraph" });
const values = (entries: [string, PlaceholderValue][]) => new Map(entries);

describe("placeholders", () => {
  it("fills every declared token in its own language", () => {
    const v = values([
      ["company_name", { any: "Officine Demo S.r.l." }],
      ["limits", { it: "solo in pausa", en: "during breaks only" }],
    ]);
    expect(fillText("Policy di [NOME AZIENDA]: [LIMITI].", "it", [name, limits], v)).toEqual({ text: "Policy di Officine Demo S.r.l.: solo in pausa.", missing: [] });
    expect(fillText("[COMPANY NAME] policy: [LIMITS].", "en", [name, limits], v)).toEqual({ text: "Officine Demo S.r.l. policy: during breaks only.", missing: [] });
  });

  it("reports an empty value, a value given in the other language only, and an undeclared token", () => {
    const v = values([["limits", { it: "solo in pausa", en: "  " }]]);
    expect(fillText("[COMPANY NAME] — [LIMITS] — [UNKNOWN THING]", "en", [name, limits], v).missing.sort()).toEqual(["[UNKNOWN THING]", "company_name", "limits"]);
  });

  it("leaves ordinary brackets alone", () => {
    expect(fillText("art. 4 [vedi sopra] e [1]", "it", [name], values([])).missing).toEqual([]);
    expect(fillText("art. 4 [vedi sopra]", "it", [name], values([])).missing).toEqual([]);
  });

  it("gives a document's hash only when nothing is missing, and the hash changes with any value", () => {
    const doc = { title: "Policy di [NOME AZIENDA]", intro: "Ciao", sections: [{ heading: "Uso", body: "[LIMITI]" }], acknowledge: "Ho letto" };
    expect(fillDocument(doc, "it", [name, limits], values([["company_name", { any: "A" }]]))).toEqual({ ok: false, missing: ["limits"] });
    const a = fillDocument(doc, "it", [name, limits], values([["company_name", { any: "A" }], ["limits", { it: "mai" }]]));
    const b = fillDocument(doc, "it", [name, limits], values([["company_name", { any: "B" }], ["limits", { it: "mai" }]]));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.doc.title).toBe("Policy di A");
      expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(a.hash).not.toBe(b.hash);
    }
  });

  it("finds tokens that are used but not declared, and declarations nobody uses", () => {
    const doc = (body: string) => ({ title: "t", sections: [{ heading: "h", body }], acknowledge: "a" });
    expect(placeholderProblems({ it: doc("[NOME AZIENDA] [ALTRO]"), en: doc("[COMPANY NAME]") }, [name, limits])).toEqual({ undeclared: [{ locale: "it", token: "[ALTRO]" }], unused: ["limits"] });
  });

  it("refuses duplicate keys, bad tokens and a per-language value taken from the company record", () => {
    expect(PlaceholderListSchema.safeParse([name, name]).success).toBe(false);
    expect(PlaceholderListSchema.safeParse([{ ...limits, token: { it: "NOME", en: "[X]" } }]).success).toBe(false);
    expect(PlaceholderListSchema.safeParse([{ ...name, perLanguage: true }]).success).toBe(false);
    expect(PlaceholderListSchema.safeParse([name, limits]).success).toBe(true);
  });
});
