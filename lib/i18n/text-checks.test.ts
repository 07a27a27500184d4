import { describe, expect, it } from "vitest";
import {
  dateFormats,
  englishPluralAfterOne,
  englishWords,
  italianPluralAfterOne,
  missingElision,
  mixedDateFormats,
  rawMessageKeys,
  readsWithVowel,
  unfilledPlaceholders,
} from "./text-checks";

const excerpts = (slips: { excerpt: string }[]) => slips.map((s) => s.excerpt);

describe("readsWithVowel", () => {
  it("is true for the numbers whose Italian name starts with a vowel", () => {
    for (const n of [1, 8, 11, 80, 85, 89, 800, 850, 8000, 11_000, 80_000, 800_000, 1_000_000]) expect(readsWithVowel(n), String(n)).toBe(true);
  });
  it("is false for the others", () => {
    for (const n of [0, 2, 7, 9, 10, 12, 18, 21, 28, 79, 90, 100, 101, 180, 1000, 1800, 2026, 18_000]) expect(readsWithVowel(n), String(n)).toBe(false);
  });
});

describe("missingElision", () => {
  it("finds an article or preposition without elision before 1, 8, 11, 80…", () => {
    for (const text of ["almeno il 80% di risposte", "valido fino al 11 dicembre 2026", "dal 8 marzo", "scade il 1 dicembre", "il 11 gennaio", "il 800", "dal 8.000"]) {
      expect(missingElision(text), text).toHaveLength(1);
    }
  });
  it("accepts the right forms", () => {
    expect(missingElision("Serve almeno l'80%; fino all'11 dicembre, dall'8 marzo, il 1° dicembre, il 2 dicembre, il 18 maggio, al 100%, entro il 2026, nel 1800.")).toEqual([]);
  });
  it("reads numbers with a thousands separator", () => {
    expect(excerpts(missingElision("il 8.000 e il 1.000"))).toHaveLength(1);
  });
});

describe("plurals after 1", () => {
  it("Italian: finds '1 risposte', '1 minuti'", () => {
    expect(italianPluralAfterOne("1 risposte corrette su 5; 1 minuti; 1 partecipanti").map((s) => s.rule)).toHaveLength(3);
  });
  it("Italian: accepts singulars and '1 degli iscritti'", () => {
    expect(italianPluralAfterOne("1 risposta corretta su 5, 1 partecipante, 1 lezione, 1 degli iscritti, 11 risposte, 21 minuti, 0,1 ore")).toEqual([]);
  });
  it("English: finds '1 answers', accepts '1 answer' and '1 is'", () => {
    expect(englishPluralAfterOne("1 answers, 1 hours")).toHaveLength(2);
    expect(englishPluralAfterOne("1 answer, 1 is enough, 11 answers, 1 class")).toEqual([]);
  });
});

describe("unfilledPlaceholders and rawMessageKeys", () => {
  it("finds [NOME AZIENDA], {name} and %%MARKERS%%, not [1] or ordinary brackets", () => {
    expect(excerpts(unfilledPlaceholders("La società [NOME AZIENDA] e [EMAIL CONTATTO]; ciao {name}; Accesso come %%BINOMIO-USER-NAME%%; nota [1], (vedi) [a cura di], 100%"))).toEqual([
      "[NOME AZIENDA]",
      "[EMAIL CONTATTO]",
      "{name}",
      "%%BINOMIO-USER-NAME%%",
    ]);
  });
  it("finds an element whose whole text is a dotted key starting with a namespace, not domains, file names or sentences", () => {
    const ns = new Set(["admin", "quiz", "policy"]);
    const fragments = ["admin.people.title", " quiz.score ", "admin@example.com", "registro.csv", "www.example.com", "Leggi la policy.giusta", "policy.giusta e altro", "Fine."];
    expect(excerpts(rawMessageKeys(fragments, ns))).toEqual(["admin.people.title", "quiz.score"]);
  });
});

describe("dates", () => {
  it("tells the formats apart", () => {
    expect([...dateFormats("11 dicembre 2026 e 11/12/26, 14:30 e 2026-11-1").keys()]).toEqual(["31/12/26", "2026-12-31", "31 dicembre 2026"]);
  });
  it("flags a page with two formats, not one with the same format twice", () => {
    expect(mixedDateFormats("Scadenza 11 dicembre 2026. Completato l'8 marzo 2026.")).toEqual([]);
    expect(mixedDateFormats("Scadenza 11 dicembre 2026. Tentativo del 08/03/2026.")).toHaveLength(1);
  });
});

describe("englishWords", () => {
  it("finds English words in Italian text, each once", () => {
    expect(englishWords("Scarica il Download. Sign out. Download").map((s) => s.excerpt)).toHaveLength(3);
  });
  it("accepts Italian, loanwords, brands, acronyms, addresses and file names", () => {
    expect(
      englishWords(
        "Il corso sulla social media policy di Binomio: la privacy, l'e-mail, il test, il quiz su Facebook e LinkedIn. Reparto IT, CSV. Scrivi a the.boss@example.com o scarica report-the-end.csv da https://example.com/the/page, vedi www.garanteprivacy.it o segnalazioni.azienda.it, il file content/courses/the-end.mdx. Due ore, come sempre, fine, valido fino all'11 dicembre, dell'8 marzo.",
      ),
    ).toEqual([]);
  });
  it("takes the fund For.Te. for a name, and still finds the English «for»", () => {
    expect(englishWords("Fondimpresa, For.Te., Fon.Coop")).toEqual([]);
    // A certificate code's random letters are no words ("AN", "IT"), an English word beside one still is.
    expect(englishWords("Attestato MPDV-ASEJ-AN9B-MMYN, ITAN-4K2B-XX7Q-P0RT")).toEqual([]);
    expect(englishWords("Attestato MPDV-ASEJ-AN9B-MMYN download").map((s) => s.excerpt)).toHaveLength(1);
    expect(englishWords("Un piano For Fondimpresa").map((s) => s.excerpt)).toHaveLength(1);
  });
});
